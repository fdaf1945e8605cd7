import DialectArchive
import Hummingbird

/// The JSON API under `/api/`: each endpoint answers with what the CLI's `--json` prints for
/// the same question, asked as the visitor (anonymous: open material only).
struct APIRoutes {
    let reader: ArchiveReader
    /// The peer archives, when the server has any.
    var network: FederatedSearch? = nil
    var baseURL: String? = nil

    func add(to router: Router<WebContext>) {
        router.get("/api/search") { request, context in
            await Responses.api(context.logger) {
                let form = try FormQuery(request.uri.query)
                let search = try SearchRequest(form), asking = Visitor.current.reader
                switch form["scope"] ?? "archive" {
                case "archive": break
                case "network":
                    guard let network else { throw WebError.badRequest("scope=network needs a server started with --peers") }
                    let root = FormEncodedEndpoint.root(of: request, baseURL: baseURL)
                    return try Responses.json(try await NetworkSearch(reader: reader, network: network).run(search, root: root))
                case let other: throw WebError.badRequest("scope must be archive or network, not '\(other)'")
                }
                let result = try await reader.read { try search.run(on: $0, as: asking, cache: reader.searchCache) }
                return Responses.json(SearchResultJSON.string(result, compact: true))
            }
        }
        router.get("/api/compare") { request, context in
            await Responses.api(context.logger) {
                let search = try SearchRequest(try FormQuery(request.uri.query)), asking = Visitor.current.reader
                return try Responses.json(try await reader.read {
                    try $0.compare(search.query, filters: search.filters, as: asking)
                })
            }
        }
        router.get("/api/stats") { _, context in
            await Responses.api(context.logger) {
                let asking = Visitor.current.reader
                return try Responses.json(try await reader.read { try $0.stats(as: asking) })
            }
        }
        for kind in RecordKind.allCases {
            router.get("/api/\(kind.rawValue)/:id") { _, context in
                await Responses.api(context.logger) {
                    try Responses.json(try await record(kind, try context.parameters.require("id")))
                }
            }
        }
        router.get("/api/**") { _, _ in
            Responses.jsonError(.notFound("no such API endpoint"))
        }
    }

    /// The record `show ID --json` prints, when it is of the kind the URL names.
    func record(_ kind: RecordKind, _ id: String) async throws -> ArchiveItem {
        if kind == .recordings { _ = try RecordKind.recordingNumber(id) }
        let asking = Visitor.current.reader
        let item = try await reader.read { try $0.item(id, as: asking) }
        guard kind.matches(item) else { throw ArchiveError.notFound(id: id) }
        return item
    }
}

/// The kinds of record the web has pages and endpoints for, named as in their URLs.
enum RecordKind: String, CaseIterable {
    case recordings, sessions, speakers, localities, collections

    func matches(_ item: ArchiveItem) -> Bool {
        switch (self, item) {
        case (.recordings, .recording), (.sessions, .session), (.speakers, .speaker),
             (.localities, .locality), (.collections, .collection): return true
        default: return false
        }
    }

    /// A recording is named by its number.
    static func recordingNumber(_ id: String) throws -> Int64 {
        guard let number = Int64(id), number > 0 else { throw WebError.badRequest("'\(id)' is not a recording number") }
        return number
    }
}
