import Hummingbird
import Mustache

/// The frame of every page: title, the archive's name, navigation and the language switch.
/// Templates escape every value (`{{…}}`); only the page body, itself rendered from an
/// escaping template, is inserted as it is (`{{{body}}}`).
enum PageLayout {
    static let template = try! MustacheTemplate(string: """
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{t.archive}}</title>
        {{#canonical}}<link rel="canonical" href="{{canonical}}">{{/canonical}}
        <link rel="stylesheet" href="/static/style.css">
        <script src="/static/player.js" defer></script>
        </head>
        <body>
        <header class="top">
        <a class="brand" href="/">{{t.archive}}</a>
        <nav><a href="/search">{{t.search}}</a> <a href="/compare">{{t.compare}}</a> <a id="language-switch" href="{{switchLink}}" hreflang="{{otherLang}}" lang="{{otherLang}}">{{t.otherLanguage}}</a>
        {{#account}}{{#auditTrail}}<a id="log-link" href="/log">{{t.auditTrail}}</a> {{/auditTrail}}{{#manageAccounts}}<a id="accounts-link" href="/accounts">{{t.accounts}}</a> {{/manageAccounts}}<span class="account" id="account-name">{{t.loggedInAs}} {{name}}</span> <form class="logout" method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" id="logout">{{t.logout}}</button></form>{{/account}}{{^account}}<a id="login-link" href="/login">{{t.login}}</a>{{/account}}</nav>
        </header>
        <main>
        {{{body}}}
        </main>
        </body>
        </html>
        """)

    /// A whole page: `body` rendered from `page` with `values` and the strings of the language
    /// asked for. `path` and `parameters` make the page's address (without the language), from
    /// which the language switch and, behind a base URL, the canonical link are made.
    static func render(_ page: MustacheTemplate, _ values: [String: Any], title: String, for request: PageRequest,
                       path: String, parameters: [(String, String)], status: HTTPResponse.Status = .ok) -> Response {
        let language = request.language, strings = request.strings
        var context = values
        context["t"] = strings
        context["lang"] = language.rawValue
        let body = page.render(context)
        var frame: [String: Any] = [
            "t": strings, "lang": language.rawValue, "otherLang": language.other.rawValue, "title": title, "body": body,
            "switchLink": Links.page(path, parameters + [("lang", language.other.rawValue)]),
        ]
        if let login = Visitor.current.login, let account = login.reader.account {
            frame["account"] = ["name": account.name, "csrf": login.csrfToken, "auditTrail": login.reader.maySeeAuditTrail,
                                "manageAccounts": login.reader.mayManageAccounts] as [String: Any]
        }
        if let base = request.baseURL { frame["canonical"] = base + Links.page(path, parameters) }
        var headers: HTTPFields = [:]
        if request.switched { headers[.setCookie] = language.cookie(secure: request.secure).description }
        return Responses.html(template.render(frame), status: status, headers: headers)
    }
}
