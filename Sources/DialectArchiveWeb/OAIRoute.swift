import DialectArchive
import Foundation
import Hummingbird

/// The OAI-PMH 2.0 endpoint at `/oai`, for harvesters: GET with the arguments in the query,
/// POST with them form-encoded in the body. Every answer, protocol errors included, is XML with
/// status 200, as the protocol wants; harvesters see what anonymous visitors see.
struct OAIRoute {
    let reader: ArchiveReader
    let baseURL: String?
    let settings: OAISettings

    func add(to router: Router<WebContext>) {
        FormEncodedEndpoint.add("/oai", to: router, answer: answer)
    }

    @Sendable func answer(_ arguments: String, _ request: Request, _ context: WebContext) async -> Response {
        let root = FormEncodedEndpoint.root(of: request, baseURL: baseURL)
        let host = baseURL.flatMap { URL(string: $0)?.host } ?? Self.host(of: FormEncodedEndpoint.authority(of: request))
        let repository = OAIRepository(baseURL: root + "/oai", host: host, adminEmail: settings.adminEmail, pageSize: settings.pageSize)
        return await FormEncodedEndpoint.respond(type: "text/xml; charset=utf-8", logger: context.logger) {
            try await reader.read { try $0.oai(formEncoded: arguments, repository: repository) }
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
