import Mustache

/// A page saying why a request could not be answered.
enum ErrorPage {
    static let template = try! MustacheTemplate(string: """
        <h1>{{t.error}}</h1>
        <p class="error" role="alert">{{message}}</p>
        """)
}
