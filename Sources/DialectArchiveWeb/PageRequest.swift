import Hummingbird

/// What every page needs to know of the request it answers: its parameters, the language to
/// show, whether the visitor has just switched it, and the address the site is reached at.
struct PageRequest {
    var form: FormQuery
    var language: Language
    /// The visitor followed the language switch: the choice is remembered in a cookie.
    var switched: Bool
    /// `--base-url`, e.g. `https://archive.example.org`; nil when the server is reached directly.
    var baseURL: String?

    init(_ request: Request, baseURL: String?) {
        // A query string that cannot be read still gets a page; the page's own parsing says what is wrong.
        form = (try? FormQuery(request.uri.query)) ?? FormQuery.empty
        language = Language(request, form: form)
        switched = form["lang"] != nil
        self.baseURL = baseURL
    }

    var strings: [String: String] { Strings.table(language) }

    /// Cookies are marked Secure when the site is reached over https.
    var secure: Bool { baseURL?.lowercased().hasPrefix("https://") == true }
}
