import DialectArchive
import Hummingbird

/// `/{kind}/{id}/history`: everything that happened to a record, oldest first, for archivists
/// and admins; `/api/{kind}/{id}/history` what `history ID --json` prints.
struct HistoryPage {
    let reader: ArchiveReader
    let baseURL: String?

    func add(to router: Router<WebContext>) {
        for kind in RecordKind.allCases {
            router.get("/\(kind.rawValue)/:id/history") { request, context in
                let page = PageRequest(request, baseURL: baseURL), t = page.strings
                let id = context.parameters.get("id") ?? ""
                let path = "/\(kind.rawValue)/\(Links.encode(id))/history"
                do {
                    let history = try await history(kind, id)
                    return PageLayout.render(Self.template, Self.view(history, kind: kind, t: t), title: "\(t["history"]!) · \(id)",
                                             for: page, path: path, parameters: [])
                } catch {
                    return ErrorPage.response(for: error, page, title: t["history"]!, path: path, refusal: t["onlyArchivists"]!,
                                              logger: context.logger)
                }
            }
            router.get("/api/\(kind.rawValue)/:id/history") { _, context in
                await Responses.api(context.logger) {
                    try Responses.json(try await history(kind, try context.parameters.require("id")))
                }
            }
        }
    }

    /// The history as the visitor may see it, when the record is of the kind the URL names.
    func history(_ kind: RecordKind, _ id: String) async throws -> RecordHistory {
        if kind == .recordings { _ = try RecordKind.recordingNumber(id) }
        let asking = Visitor.current.reader
        let history = try await reader.read { try $0.history(of: id, as: asking) }
        guard history.kind == kind.singular else { throw ArchiveError.notFound(id: id) }
        return history
    }

    static func view(_ history: RecordHistory, kind: RecordKind, t: [String: String]) -> [String: Any] {
        [
            "id": history.id, "kindLabel": t[kind.singular] ?? kind.singular,
            "recordLink": "/\(kind.rawValue)/\(Links.encode(history.id))",
            "json": "/api/\(kind.rawValue)/\(Links.encode(history.id))/history",
            "hasEntries": !history.entries.isEmpty,
            "entries": history.entries.map { entry -> [String: Any] in
                var row: [String: Any] = [
                    "at": entry.at, "user": entry.user ?? "-", "kind": t["hk_" + entry.kind.rawValue] ?? entry.kind.rawValue,
                    "summary": entry.summary,
                    "fields": entry.fields.map { ["field": $0.field, "before": $0.before ?? "-", "after": $0.after ?? "-"] },
                    "hasFields": !entry.fields.isEmpty,
                    "files": entry.files.map { ["path": $0.path, "outcome": $0.outcome ?? "-"] },
                    "hasFiles": entry.kind == .fixityCheck && entry.outcome != "intact" && !entry.files.isEmpty,
                ]
                if let event = entry.event { row["event"] = String(event) }
                if let reason = entry.reason, entry.kind != .withdrawn { row["reason"] = reason }
                if let source = entry.source { row["source"] = source }
                return row
            },
        ]
    }
}

extension RecordKind {
    /// The kind as `history` names it: `recording`, `session`, `speaker`, `locality`, `collection`.
    var singular: String {
        switch self {
        case .recordings: return "recording"
        case .sessions: return "session"
        case .speakers: return "speaker"
        case .localities: return "locality"
        case .collections: return "collection"
        }
    }
}
