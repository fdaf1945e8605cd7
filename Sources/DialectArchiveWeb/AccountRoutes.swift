import DialectArchive
import Foundation
import Hummingbird
import Mustache

/// `/login` and `/logout`. The login form carries a token that must match its cookie (the
/// visitor has no login yet to keep one); logging out must carry the login's own token, so
/// that no other site can log a visitor in or out.
struct AccountRoutes {
    let reader: ArchiveReader
    let baseURL: String?
    /// The largest form body a login or logout may send.
    static let maximumFormBytes = 4096
    static let formCookieName = "login_form"

    static let template = try! MustacheTemplate(string: """
        <h1>{{t.login}}</h1>
        {{#message}}<p class="error" role="alert">{{message}}</p>{{/message}}
        <form method="post" action="/login" class="login">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>{{t.accountName}} <input name="name" id="login-name" autocomplete="username" required value="{{name}}"></label>
        <label>{{t.password}} <input name="password" id="login-password" type="password" autocomplete="current-password" required></label>
        <button type="submit" id="login-submit">{{t.login}}</button>
        </form>
        """)

    func add(to router: Router<WebContext>) {
        router.get("/login") { request, _ in
            form(PageRequest(request, baseURL: baseURL), name: "", message: nil, status: .ok)
        }
        router.post("/login") { request, context in
            let page = PageRequest(request, baseURL: baseURL)
            guard let fields = try? await Self.fields(request, context) else {
                return form(page, name: "", message: page.strings["formTooLarge"], status: .contentTooLarge)
            }
            let name = fields["name"] ?? ""
            guard let sent = fields["csrf"], let expected = request.cookies[Self.formCookieName]?.value, !expected.isEmpty,
                  Self.same(sent, expected) else {
                return form(page, name: name, message: page.strings["formExpired"], status: .forbidden)
            }
            let password = fields["password"] ?? "", address = Visitor.current.forwardedAddress
            do {
                let login = try await reader.read { try $0.logIn(name, password: password, address: address) }
                var response = Response(status: .seeOther, headers: [.location: "/search"])
                response.setCookie(Visitor.cookie(login.token, secure: page.secure))
                return response
            } catch let error as AccountError {
                let message = error.throttled ? page.strings["tooManyLogins"] : page.strings["loginFailed"]
                return form(page, name: name, message: message, status: error.throttled ? .tooManyRequests : .unauthorized)
            } catch {
                context.logger.error("\(error)")
                return form(page, name: name, message: page.strings["error"], status: .internalServerError)
            }
        }
        router.post("/logout") { request, context in
            let page = PageRequest(request, baseURL: baseURL)
            guard let login = Visitor.current.login else {
                return PageLayout.render(ErrorPage.template, ["message": page.strings["notLoggedIn"] ?? ""], title: page.strings["logout"] ?? "",
                                         for: page, path: "/logout", parameters: [], status: .forbidden)
            }
            let fields = try? await Self.fields(request, context)
            guard let sent = fields?["csrf"], Self.same(sent, login.csrfToken) else {
                return PageLayout.render(ErrorPage.template, ["message": page.strings["formExpired"] ?? ""], title: page.strings["logout"] ?? "",
                                         for: page, path: "/logout", parameters: [], status: .forbidden)
            }
            try await reader.read { try $0.logOut(token: login.token) }
            var response = Response(status: .seeOther, headers: [.location: "/search"])
            response.setCookie(Visitor.expiredCookie(secure: page.secure))
            return response
        }
    }

    /// The login form with a fresh token, remembered in a cookie the form must match.
    func form(_ page: PageRequest, name: String, message: String?, status: HTTPResponse.Status) -> Response {
        let token = Archive.randomToken()
        var values: [String: Any] = ["csrf": token, "name": name]
        if let message { values["message"] = message }
        var response = PageLayout.render(Self.template, values, title: page.strings["login"] ?? "", for: page, path: "/login",
                                         parameters: [], status: status)
        response.setCookie(Cookie(name: Self.formCookieName, value: token, maxAge: 3600, path: "/login", secure: page.secure,
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    /// The fields of a form sent as `application/x-www-form-urlencoded`, refusing a body larger than a login needs.
    static func fields(_ request: Request, _ context: WebContext) async throws -> FormQuery {
        let body = try await request.body.collect(upTo: maximumFormBytes)
        return try FormQuery(String(buffer: body))
    }

    /// Compares tokens in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
