import DialectArchive
import Foundation
import HTTPTypes
import Hummingbird

/// The CLARIN FCS 2.0 endpoint at `/fcs`, for aggregators and SRU clients: GET with the SRU
/// parameters in the query, POST with them form-encoded. Every answer, diagnostics included,
/// is XML with status 200; the search finds what the visitor may see (anonymous: open material).
struct FCSRoute {
    let reader: ArchiveReader
    let baseURL: String?

    func add(to router: Router<WebContext>) {
        router.get("/fcs") { request, context in
            await answer(request.uri.query ?? "", request, context)
        }
        router.post("/fcs") { request, context in
            guard let body = try? await request.body.collect(upTo: 64 * 1024) else {
                return Responses.body("the request body is larger than 64 KiB\n", type: "text/plain; charset=utf-8", status: .contentTooLarge)
            }
            return await answer(String(buffer: body), request, context)
        }
    }

    func answer(_ arguments: String, _ request: Request, _ context: WebContext) async -> Response {
        let authority = request.head.authority ?? request.headers[HTTPField.Name("Host")!] ?? "localhost"
        let root = baseURL ?? "http://\(authority)"
        let endpoint = FCSEndpoint(siteURL: root,
                                   spanURL: { root + Links.recording($0, startMs: $1, endMs: $2) },
                                   collectionURL: { root + "/collections/" + Links.encode($0) })
        let visitor = Visitor.current.reader
        do {
            let xml = try await reader.read { try $0.fcs(formEncoded: arguments, endpoint: endpoint, as: visitor) }
            return Responses.body(xml, type: "application/xml; charset=utf-8")
        } catch {
            context.logger.error("\(error)")
            return Responses.body("the archive could not be read\n", type: "text/plain; charset=utf-8", status: .serviceUnavailable)
        }
    }
}
