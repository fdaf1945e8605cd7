import DialectArchive
import Foundation
import Hummingbird

/// Audio for the browser: a span cut as `clip` cuts it, and the stored original with HTTP
/// Range support; both for open recordings only.
struct AudioRoutes {
    let reader: ArchiveReader
    /// The most audio either side of a span a request may ask for.
    static let maximumPadMs: Int64 = 10_000

    func add(to router: Router<WebContext>) {
        router.get("/api/recordings/:id/audio") { request, context in
            await Responses.api(context.logger) {
                let form = try FormQuery(request.uri.query)
                let number = try RecordKind.recordingNumber(try context.parameters.require("id"))
                let asking = Visitor.current.reader
                let wav = try await reader.read { archive in
                    let span = try Span(form, durationMs: try Self.open(number, in: archive, as: asking).durationMs)
                    return try archive.clipWAV(recording: number, startMs: span.startMs, endMs: span.endMs, padMs: span.padMs, as: asking)
                }
                return Response(status: .ok, headers: [.contentType: "audio/wav", .cacheControl: "no-store"],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: wav)))
            }
        }
        router.get("/api/recordings/:id/original") { request, context in
            await Responses.api(context.logger) {
                let number = try RecordKind.recordingNumber(try context.parameters.require("id"))
                let recording = try await openRecording(number)
                let asking = Visitor.current.reader
                try await reader.read { try $0.noteAccess(by: asking, recordings: [number], what: "download of recording \(number)") }
                let path = reader.archive.absolute(recording.storedPath).path
                let size = Int(recording.size)
                var headers: HTTPFields = [.contentType: Self.mediaType(recording.storedPath), .acceptRanges: "bytes"]
                switch ByteRange(request.headers[.range], size: size) {
                case .whole:
                    return Response(status: .ok, headers: headers, body: try await FileIO().loadFile(path: path, context: context))
                case .part(let range):
                    headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
                    return Response(status: .partialContent, headers: headers,
                                    body: try await FileIO().loadFile(path: path, range: range, context: context))
                case .unsatisfiable:
                    headers[.contentRange] = "bytes */\(size)"
                    let message = "the requested range lies outside the file (\(size) bytes)"
                    var response = Responses.jsonError(WebError(status: .rangeNotSatisfiable, message: message))
                    response.headers.append(contentsOf: headers)
                    return response
                }
            }
        }
    }

    /// The recording, when the visitor may hear it.
    func openRecording(_ number: Int64) async throws -> Recording {
        let asking = Visitor.current.reader
        return try await reader.read { try Self.open(number, in: $0, as: asking) }
    }

    /// The recording, when `asking` may hear it and it was not withdrawn.
    static func open(_ number: Int64, in archive: Archive, as asking: Reader) throws -> Recording {
        let playable = try archive.playable(number, as: asking)
        if playable.withdrawn != nil { throw WebError(status: .gone, message: "recording \(number) was withdrawn from the archive") }
        return playable.recording
    }

    static func mediaType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "wav", "wave", "bwf": return "audio/wav"
        case "flac": return "audio/flac"
        case "mp3": return "audio/mpeg"
        case "ogg", "oga", "opus": return "audio/ogg"
        case "aif", "aiff", "aifc": return "audio/aiff"
        default: return "application/octet-stream"
        }
    }
}

/// A stretch of a recording asked for by `start_ms`, `end_ms` and `pad_ms`, checked against
/// the recording's length before any audio is read.
struct Span: Equatable {
    var startMs: Int64
    var endMs: Int64
    var padMs: Int64

    init(_ form: FormQuery, durationMs: Int64) throws {
        guard form["start_ms"] != nil, form["end_ms"] != nil else { throw WebError.badRequest("start_ms and end_ms are required") }
        startMs = try form.integer("start_ms", in: 0...durationMs, default: 0)
        endMs = try form.integer("end_ms", in: 0...durationMs, default: durationMs)
        padMs = try form.integer("pad_ms", in: 0...AudioRoutes.maximumPadMs, default: 0)
        guard startMs < endMs else { throw WebError.badRequest("end_ms (\(endMs)) must come after start_ms (\(startMs))") }
    }
}
