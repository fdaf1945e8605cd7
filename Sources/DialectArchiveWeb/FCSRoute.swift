import DialectArchive
import Foundation
import Hummingbird

/// The CLARIN FCS 2.0 endpoint at `/fcs`, for aggregators and SRU clients: GET with the SRU
/// parameters in the query, POST with them form-encoded. Every answer, diagnostics included,
/// is XML with status 200; the search finds what the visitor may see (anonymous: open material).
struct FCSRoute {
    let reader: ArchiveReader
    let baseURL: String?

    func add(to router: Router<WebContext>) {
        FormEncodedEndpoint.add("/fcs", to: router, answer: answer)
    }

    @Sendable func answer(_ arguments: String, _ request: Request, _ context: WebContext) async -> Response {
        let root = FormEncodedEndpoint.root(of: request, baseURL: baseURL)
        let endpoint = FCSEndpoint(siteURL: root,
                                   spanURL: { root + Links.recording($0, startMs: $1, endMs: $2) },
                                   collectionURL: { root + "/collections/" + Links.encode($0) })
        let visitor = Visitor.current.reader
        return await FormEncodedEndpoint.respond(type: "application/xml; charset=utf-8", logger: context.logger) {
            try await reader.read { try $0.fcs(formEncoded: arguments, endpoint: endpoint, cache: reader.searchCache, as: visitor) }
        }
    }
}
