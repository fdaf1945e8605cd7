import DialectArchive
import Hummingbird
import Mustache

/// `/collections/{id}`: a collection with its sessions that the visitor may see.
struct CollectionPage {
    let route: RecordPageRoute

    func add(to router: Router<WebContext>) {
        route.add(.collections, template: Self.template, to: router) { id, archive, reader, t in
            guard case .collection(let collection) = try RecordPageRoute.item(.collections, id, in: archive, as: reader) else {
                throw ArchiveError.notFound(id: id)
            }
            let sessions = try archive.sessions(collection: collection.id, as: reader)
            try archive.noteAccess(by: reader, sessions: sessions.map(\.session.id), what: "view of collection \(id)")
            let view: [String: Any] = [
                "id": collection.id, "title": collection.title ?? "", "created": collection.createdAt,
                "sessions": RecordPageRoute.sessionRows(sessions), "hasSessions": !sessions.isEmpty,
                "json": "/api/collections/\(Links.encode(collection.id))",
            ]
            return .init(title: collection.title ?? collection.id, view: view)
        }
    }

    static let template = try! MustacheTemplate(string: """
        <h1>{{t.collection}} {{id}}{{#title}} · {{title}}{{/title}}</h1>
        \(RecordPageRoute.historyLine)
        <dl class="facts record">
        <dt>{{t.created}}</dt><dd>{{created}}</dd>
        <dt>{{t.json}}</dt><dd><a href="{{json}}">{{json}}</a></dd>
        </dl>
        <h2>{{t.sessions}}</h2>
        \(RecordPageRoute.sessionsTable)
        """)
}
