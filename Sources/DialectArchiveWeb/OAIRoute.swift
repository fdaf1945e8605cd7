import DialectArchive
import Foundation
import HTTPTypes
import Hummingbird

/// The OAI-PMH 2.0 endpoint at `/oai`, for harvesters: GET with the arguments in the query,
/// POST with them form-encoded in the body. Every answer, protocol errors included, is XML with
/// status 200, as the protocol wants; harvesters see what anonymous visitors see.
struct OAIRoute {
    let reader: ArchiveReader
    let baseURL: String?
    let settings: OAISettings

    func add(to router: Router<WebContext>) {
        router.get("/oai") { request, context in
            await answer(request.uri.query ?? "", request, context)
        }
        router.post("/oai") { request, context in
            guard let body = try? await request.body.collect(upTo: 64 * 1024) else {
                return Responses.body("the request body is larger than 64 KiB\n", type: "text/plain; charset=utf-8", status: .contentTooLarge)
            }
            return await answer(String(buffer: body), request, context)
        }
    }

    func answer(_ arguments: String, _ request: Request, _ context: WebContext) async -> Response {
        let authority = request.head.authority ?? request.headers[HTTPField.Name("Host")!] ?? "localhost"
        let root = baseURL ?? "http://\(authority)"
        let host = baseURL.flatMap { URL(string: $0)?.host } ?? Self.host(of: authority)
        let repository = OAIRepository(baseURL: root + "/oai", host: host, adminEmail: settings.adminEmail, pageSize: settings.pageSize)
        do {
            let xml = try await reader.read { try $0.oai(formEncoded: arguments, repository: repository) }
            return Responses.body(xml, type: "text/xml; charset=utf-8")
        } catch {
            context.logger.error("\(error)")
            return Responses.body("the archive could not be read\n", type: "text/plain; charset=utf-8", status: .serviceUnavailable)
        }
    }

    /// The host of a `Host` header, without its port.
    static func host(of authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") { return String(authority[...end]) }
        return String(authority.split(separator: ":", maxSplits: 1).first ?? "localhost")
    }
}

/// How the OAI-PMH endpoint pages and whom it names: `serve --oai-page-size`, `--admin-email`.
public struct OAISettings: Sendable {
    public var pageSize: Int
    public var adminEmail: String?

    public init(pageSize: Int = 100, adminEmail: String? = nil) {
        self.pageSize = pageSize
        self.adminEmail = adminEmail
    }
}
