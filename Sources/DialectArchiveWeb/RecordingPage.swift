import DialectArchive
import Hummingbird
import Mustache

/// `/recordings/{id}[?t=START-END]`: the player of an open recording with its transcript
/// beside it; clicking a segment plays it, and `t=` (seconds) opens the page playing that span.
struct RecordingPage {
    let reader: ArchiveReader
    let baseURL: String?

    func add(to router: Router<WebContext>) {
        router.get("/recordings/:id") { request, context in
            await page(request, context)
        }
    }

    func page(_ request: Request, _ context: WebContext) async -> Response {
        let page = PageRequest(request, baseURL: baseURL)
        let form = page.form, t = page.strings
        let id = context.parameters.get("id") ?? ""
        let kept = form["t"].map { [("t", $0)] } ?? []
        do {
            let number = try RecordKind.recordingNumber(id)
            let asking = Visitor.current.reader
            let item = try await reader.read { try $0.item("\(number)", as: asking) }
            guard case .recording(let detail) = item else { throw ArchiveError.notFound(id: id) }
            let span = try form["t"].map { try TimeSpan($0, durationMs: detail.recording.durationMs) }
            let collectionId = detail.session.collectionId
            let collection = try await reader.read { try $0.collections().first { $0.id == collectionId } }
            // The visitor may hear this recording: `item` has just asked as them.
            let peaks = detail.withdrawn != nil ? [] : try await reader.read { try $0.waveformPeaks(recording: number, includeRestricted: true) }
            var view = Self.view(detail, span: span, t: t)
            view.merge(Self.facts(detail, collection: collection, span: span, baseURL: baseURL, t: t)) { shown, _ in shown }
            if asking.maySeeAuditTrail { view["historyLink"] = "/recordings/\(number)/history" }
            if !peaks.isEmpty { view["waveform"] = ["width": peaks.count, "height": Int(Waveform.height), "path": Waveform.path(peaks)] }
            return PageLayout.render(Self.template, view, title: detail.recording.originalName,
                                     for: page, path: "/recordings/\(number)", parameters: kept)
        } catch {
            let failure = WebError(error)
            if failure.status == .internalServerError { context.logger.error("\(error)") }
            return PageLayout.render(ErrorPage.template, ["message": failure.message], title: t["error"]!, for: page,
                                     path: "/recordings/\(Links.encode(id))", parameters: kept, status: failure.status)
        }
    }

    static func view(_ detail: RecordingDetail, span: TimeSpan?, t: [String: String]) -> [String: Any] {
        let r = detail.recording, number = r.id!
        let playable = AudioRoutes.mediaType(r.storedPath) != "audio/aiff" && AudioRoutes.mediaType(r.storedPath) != "application/octet-stream"
        let source = playable ? "/api/recordings/\(number)/original"
            : Links.audio(number, startMs: 0, endMs: r.durationMs, padMs: 0)
        var audio = "\(r.container)/\(r.codec), \(r.sampleRate) Hz, \(r.channels) ch"
        if let bits = r.bitsPerSample { audio += ", \(bits)-bit" }
        var view: [String: Any] = [
            "number": number, "name": r.originalName, "source": source, "audio": audio,
            "length": TimeFormat.clock(r.durationMs), "sha256": r.sha256,
            "session": [detail.session.id, detail.session.title, detail.session.date, detail.session.contentType]
                .compactMap { $0 }.joined(separator: " · "),
            "speakers": detail.speakers.map { s in [s.id, s.name, s.role].compactMap { $0 }.joined(separator: " ") }.joined(separator: "; "),
            "json": "/api/recordings/\(number)",
        ]
        if let withdrawn = detail.withdrawn { view["withdrawn"] = "\(withdrawn.at): \(withdrawn.reason)" }
        if let locality = detail.locality { view["locality"] = "\(locality.name) (\(locality.id)) · \(locality.classification)" }
        if let span { view["span"] = ["startMs": span.startMs, "endMs": span.endMs] }
        let transcripts = detail.transcripts.filter { !$0.segments.isEmpty }.map { transcript -> [String: Any] in
            var tiers: [(name: String, kind: String, segments: [[String: Any]])] = []
            for segment in transcript.segments {
                let entry: [String: Any] = [
                    "startMs": segment.startMs, "endMs": segment.endMs, "text": segment.text,
                    "clock": TimeFormat.clock(segment.startMs),
                    "link": Links.recording(number, startMs: segment.startMs, endMs: segment.endMs),
                ]
                if tiers.last?.name == segment.tier { tiers[tiers.count - 1].segments.append(entry) }
                else { tiers.append((segment.tier, segment.tierKind, [entry])) }
            }
            return ["file": transcript.file.originalName,
                    "tiers": tiers.map { ["name": $0.name, "kind": $0.kind, "segments": $0.segments] as [String: Any] }]
        }
        view["transcripts"] = transcripts
        view["hasTranscripts"] = !transcripts.isEmpty
        return view
    }
}

/// A span given in a page address as seconds, `t=10.229-12.746`, within the recording.
struct TimeSpan: Equatable {
    var startMs: Int64
    var endMs: Int64

    init(_ text: String, durationMs: Int64) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Self.milliseconds(parts[0]), let end = Self.milliseconds(parts[1]) else {
            throw WebError.badRequest("t must be a span in seconds such as 10.229-12.746, not '\(text)'")
        }
        guard start < end, end <= durationMs else {
            throw WebError.badRequest("t=\(text) is not a span within the recording (0-\(Links.seconds(durationMs)))")
        }
        startMs = start
        endMs = end
    }

    private static func milliseconds(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let seconds = Double(text),
              seconds.isFinite, seconds < 1e9 else { return nil }
        return Int64((seconds * 1000).rounded())
    }
}
