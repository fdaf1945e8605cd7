import DialectArchive
import Foundation
import Hummingbird
import Transcripts

/// `/recordings/{id}/transcripts/{transcript}.eaf|.TextGrid|.vtt`: a transcript of an open
/// recording converted as `export --format eaf|textgrid|vtt` converts it, as a download.
struct TranscriptDownloads {
    let reader: ArchiveReader

    /// The formats offered, by the extension their address ends in.
    static let formats: [(ext: String, format: Transcript.Format, type: String)] = [
        ("eaf", .eaf, "application/xml; charset=utf-8"),
        ("TextGrid", .textgrid, "text/plain; charset=utf-8"),
        ("vtt", .vtt, "text/vtt; charset=utf-8"),
    ]

    func add(to router: Router<WebContext>) {
        router.get("/recordings/:id/transcripts/:file") { _, context in
            do {
                return try await download(context.parameters.get("id") ?? "", context.parameters.get("file") ?? "")
            } catch {
                let failure = WebError(error)
                if failure.status == .internalServerError { context.logger.error("\(error)") }
                return Responses.body(failure.message + "\n", type: "text/plain; charset=utf-8", status: failure.status)
            }
        }
    }

    /// The links a recording page offers for each of its current transcripts.
    static func links(_ detail: RecordingDetail) -> [[String: Any]] {
        detail.transcripts.filter { $0.file.replacedBy == nil && $0.file.id != nil }.map { transcript in
            let file = transcript.file
            return ["file": file.originalName,
                    "formats": formats.map { ["label": $0.ext, "link": "/recordings/\(detail.recording.id!)/transcripts/\(file.id!).\($0.ext)"] }]
        }
    }

    func download(_ id: String, _ name: String) async throws -> Response {
        let number = try RecordKind.recordingNumber(id)
        let dot = name.lastIndex(of: ".") ?? name.endIndex
        guard let transcriptId = Int64(name[..<dot]), dot < name.endIndex,
              let offered = Self.formats.first(where: { $0.ext == name[name.index(after: dot)...] }) else {
            throw WebError.badRequest("'\(name)' is not a transcript number with .eaf, .TextGrid or .vtt")
        }
        let asking = Visitor.current.reader
        let (data, file) = try await reader.read { archive -> (Data, TranscriptFile) in
            guard case .recording(let detail) = try archive.item("\(number)", as: asking) else {
                throw ArchiveError.notFound(id: id)
            }
            if detail.withdrawn != nil { throw WebError(status: .gone, message: "recording \(number) was withdrawn from the archive") }
            guard let file = detail.transcripts.map(\.file).first(where: { $0.id == transcriptId }) else {
                throw WebError.notFound("recording \(number) has no transcript \(transcriptId)")
            }
            let transcript = try Transcript.read(contentsOf: archive.absolute(file.storedPath))
            return (try transcript.data(as: offered.format), file)
        }
        let stem = (file.originalName as NSString).deletingPathExtension + "." + offered.ext
        var response = Response(status: .ok, headers: [.contentType: offered.type],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentDisposition] = Self.attachment(stem)
        response.headers[.contentLength] = "\(data.count)"
        return response
    }

    /// `attachment` with the name as plain ASCII (anything else, quotes and backslashes made
    /// `_`) and in full as UTF-8 (RFC 6266), so that no name can break the header.
    static func attachment(_ name: String) -> String {
        let plain = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F ? Character($0) : "_" })
        return "attachment; filename=\"\(plain)\"; filename*=UTF-8''\(Links.encode(name))"
    }
}
