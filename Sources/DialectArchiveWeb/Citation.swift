import DialectArchive

/// The "cite this" line of a recording, or of a span of it: archive, collection, session,
/// recording, span, SHA-256 and access condition, ending in the page's stable address.
enum Citation {
    static func line(_ detail: RecordingDetail, collection: ArchiveCollection?, span: TimeSpan?, baseURL: String?,
                     t: [String: String]) -> String {
        let r = detail.recording, s = detail.session
        let path = span.map { Links.recording(r.id!, startMs: $0.startMs, endMs: $0.endMs) } ?? "/recordings/\(r.id!)"
        var parts = [t["archive"]!]
        parts.append([t["collection"]!, s.collectionId, collection?.title].compactMap { $0 }.joined(separator: " "))
        parts.append(([t["session"]!, s.id] + [s.title, s.date].compactMap { $0 }).joined(separator: " "))
        parts.append("\(t["recording"]!) \(r.id!) \(r.originalName)")
        if let span { parts.append("\(t["span"]!) \(TimeFormat.clock(span.startMs))–\(TimeFormat.clock(span.endMs))") }
        parts.append("SHA-256 \(r.sha256)")
        let access = r.access ?? s.access, until = r.access != nil ? r.accessUntil : s.accessUntil
        parts.append("\(t["access"]!) \(access)" + (until.map { " (\($0))" } ?? ""))
        return parts.joined(separator: ". ") + ". " + (baseURL ?? "") + path
    }
}
