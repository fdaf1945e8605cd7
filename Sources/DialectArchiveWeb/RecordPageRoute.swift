import DialectArchive
import Hummingbird
import Mustache

/// What the record pages share: read the record as the visitor may see it, render it in the
/// page frame, or show why it cannot be shown (404 unknown, 403 restricted).
struct RecordPageRoute {
    let reader: ArchiveReader
    let baseURL: String?

    /// A page's content: its title and the values its template shows.
    struct Content {
        var title: String
        var view: [String: Any]
    }

    /// Answers `GET /{kind}/:id` with `template`, filled by `build` from the id, the archive and
    /// the visitor's reader. `build` runs on a worker thread, where `Visitor.current` is not
    /// set, so it is handed the reader taken on the request's task.
    func add(_ kind: RecordKind, template: MustacheTemplate, to router: Router<WebContext>,
             build: @escaping @Sendable (String, Archive, Reader, [String: String]) throws -> Content) {
        let reader = reader, baseURL = baseURL
        router.get("/\(kind.rawValue)/:id") { request, context in
            let page = PageRequest(request, baseURL: baseURL)
            let id = context.parameters.get("id") ?? ""
            let path = "/\(kind.rawValue)/\(Links.encode(id))"
            let asking = Visitor.current.reader
            do {
                let content = try await reader.read { try build(id, $0, asking, page.strings) }
                var view = Self.withoutEmptyFields(content.view)
                if asking.maySeeAuditTrail { view["historyLink"] = path + "/history" }
                return PageLayout.render(template, view, title: content.title, for: page, path: path, parameters: [])
            } catch {
                let failure = WebError(error)
                if failure.status == .internalServerError { context.logger.error("\(error)") }
                return PageLayout.render(ErrorPage.template, ["message": failure.message], title: page.strings["error"]!,
                                         for: page, path: path, parameters: [], status: failure.status)
            }
        }
    }

    /// The record with `id` when it is of `kind`, as `reader` may see it. The page records the
    /// account's view of withheld material itself, with everything else it shows.
    static func item(_ kind: RecordKind, _ id: String, in archive: Archive, as reader: Reader) throws -> ArchiveItem {
        let item = try archive.item(id, as: reader, audited: false)
        guard kind.matches(item) else { throw ArchiveError.notFound(id: id) }
        return item
    }

    /// The view without its empty texts, which templates would otherwise show as empty fields.
    static func withoutEmptyFields(_ view: [String: Any]) -> [String: Any] {
        view.filter { !(($0.value as? String)?.isEmpty ?? false) }
    }

    /// Sessions as the speaker, locality and collection pages list them.
    static func sessionRows(_ listings: [SessionListing]) -> [[String: Any]] {
        listings.map { listing in
            let s = listing.session
            return ["link": "/sessions/\(Links.encode(s.id))", "id": s.id, "title": s.title ?? "", "date": s.date ?? "",
                    "content": s.contentType ?? "", "locality": listing.localityName ?? "", "recordings": listing.recordings]
        }
    }
}

extension RecordPageRoute {
    /// The template text of the link to a record's history, shown to those who may see it.
    static let historyLine = """
        {{#historyLink}}<p class="history"><a id="history-link" href="{{historyLink}}">{{t.history}}</a></p>{{/historyLink}}
        """

    /// The template text of a list of sessions, made by `sessionRows`, as record pages include it.
    static let sessionsTable = """
        {{#hasSessions}}<table class="records sessions"><tbody>
        {{#sessions}}<tr><td><a class="session" href="{{link}}">{{id}}</a></td><td>{{title}}</td><td>{{date}}</td><td>{{content}}</td><td>{{locality}}</td><td>{{recordings}} {{t.figRecordings}}</td></tr>{{/sessions}}
        </tbody></table>{{/hasSessions}}
        {{^hasSessions}}<p>{{t.noSessions}}</p>{{/hasSessions}}
        """
}
