import DialectArchive
import Hummingbird

/// `/log`: the audit trail for archivists and admins, newest first, a page at a time, narrowed
/// by kind and user, under the state of its hash chain; `/api/log` the same page as JSON (the
/// events `log --json` prints) and `/api/log/verify` what `log --verify --json` prints.
struct AuditTrailPage {
    let reader: ArchiveReader
    let baseURL: String?

    /// What the query string asks for: `kind`, `user`, `limit` and `offset`.
    struct Filter {
        var kind: String?
        var user: String?
        var limit: Int
        var offset: Int

        init(_ form: FormQuery) throws {
            kind = form["kind"]
            user = form["user"]
            limit = try form.integer("limit", in: 1...Archive.auditLogPageLimit, default: 50)
            offset = try form.integer("offset", in: 0...Int(Int32.max), default: 0)
        }

        var parameters: [(String, String)] { [("kind", kind ?? ""), ("user", user ?? "")] }

        func run(on archive: Archive, as asking: Reader) throws -> AuditLogPage {
            try archive.auditLog(kind: kind, user: user, limit: limit, offset: offset, as: asking)
        }
    }

    func add(to router: Router<WebContext>) {
        router.get("/log") { request, context in
            let page = PageRequest(request, baseURL: baseURL), t = page.strings, asking = Visitor.current.reader
            do {
                let filter = try Filter(page.form)
                let (log, kinds, chain) = try await reader.read { archive in
                    (try filter.run(on: archive, as: asking), try archive.auditEventKinds(as: asking), try archive.checkAuditTrail(as: asking))
                }
                return PageLayout.render(Self.template, Self.view(log, kinds: kinds, chain: chain, filter: filter), title: t["auditTrail"]!,
                                         for: page, path: "/log", parameters: filter.parameters + [("offset", String(filter.offset))])
            } catch {
                return ErrorPage.response(for: error, page, title: t["auditTrail"]!, path: "/log", refusal: t["onlyArchivists"]!,
                                          logger: context.logger)
            }
        }
        router.get("/api/log") { request, context in
            await Responses.api(context.logger) {
                let filter = try Filter(try FormQuery(request.uri.query)), asking = Visitor.current.reader
                return try Responses.json(try await reader.read { try filter.run(on: $0, as: asking) })
            }
        }
        router.get("/api/log/verify") { _, context in
            await Responses.api(context.logger) {
                let asking = Visitor.current.reader
                return try Responses.json(try await reader.read { try $0.checkAuditTrail(as: asking) })
            }
        }
    }

    static func view(_ log: AuditLogPage, kinds: [String], chain: AuditTrailReport, filter: Filter) -> [String: Any] {
        var view: [String: Any] = [
            "total": log.total, "user": filter.user ?? "",
            "kinds": kinds.map { ["name": $0, "selected": $0 == filter.kind] as [String: Any] },
            "events": log.events.map { e -> [String: Any] in
                ["id": e.id.map(String.init) ?? "", "at": e.at, "kind": e.kind, "user": e.user, "host": e.host,
                 "summary": e.summary, "arguments": e.arguments]
            },
        ]
        if let broken = chain.firstBreak {
            view["broken"] = ["id": String(broken.id), "kind": broken.kind, "at": broken.at, "reason": broken.reason]
        } else {
            view["unbroken"] = ["events": chain.events]
        }
        if !log.events.isEmpty { view["showing"] = ["first": log.offset + 1, "last": log.offset + log.events.count] }
        if log.offset > 0 {
            view["previous"] = Links.page("/log", filter.parameters + [("offset", String(max(0, log.offset - log.limit)))])
        }
        if log.offset + log.events.count < log.total {
            view["next"] = Links.page("/log", filter.parameters + [("offset", String(log.offset + log.limit))])
        }
        return view
    }
}
