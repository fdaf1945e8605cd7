import DialectArchive
import Foundation
import HTTPTypes
import Hummingbird

/// Who is asking: an anonymous visitor, or the account whose login the `session` cookie
/// carries. Resolved once per request by `VisitorMiddleware` and read by every handler as
/// `Visitor.current`, so that no page or endpoint can forget to ask as the right reader.
struct Visitor: Sendable {
    /// The login behind the cookie, nil for anonymous visitors.
    var login: WebLogin?
    /// The visitor's network address: as the proxy in front reports it (behind `--base-url`),
    /// else the address of the connection.
    var address: String?
    /// The address a proxy in front reports, nil when connected directly. Failed logins are
    /// counted by it besides by name; a direct connection's address is left out of that count,
    /// so that without a proxy logins are throttled per name only, as the README describes.
    var forwardedAddress: String?

    var reader: Reader { login?.reader ?? .anonymous }

    @TaskLocal static var current = Visitor()

    static let cookieName = "session"

    /// The cookie that carries a login; Secure when the site is reached over https.
    static func cookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: token, maxAge: Int(Archive.loginLifetime), path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The cookie that ends a login in the browser.
    static func expiredCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The address the request came from: the first `X-Forwarded-For` entry when a proxy
    /// stands in front (a `--base-url` is set), else the connection's own address (the header
    /// is ignored then, as anyone could send it).
    static func address(_ request: Request, behindProxy: Bool, connection: String?) -> String? {
        forwardedAddress(request, behindProxy: behindProxy) ?? connection
    }

    /// The first `X-Forwarded-For` entry, when a proxy stands in front.
    static func forwardedAddress(_ request: Request, behindProxy: Bool) -> String? {
        guard behindProxy, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] else { return nil }
        let first = forwarded.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return first.isEmpty ? nil : first
    }
}

/// Resolves the visitor of each request from its cookie and runs the request as that visitor.
struct VisitorMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    let reader: ArchiveReader
    let baseURL: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let connection = context.remoteAddress?.ipAddress
        var visitor = Visitor(address: Visitor.address(request, behindProxy: baseURL != nil, connection: connection),
                              forwardedAddress: Visitor.forwardedAddress(request, behindProxy: baseURL != nil))
        if let token = request.cookies[Visitor.cookieName]?.value, !token.isEmpty, token.count <= 128 {
            let address = visitor.address
            visitor.login = try? await reader.read { try $0.login(token: token, address: address) }
        }
        return try await Visitor.$current.withValue(visitor) { try await next(request, context) }
    }
}
