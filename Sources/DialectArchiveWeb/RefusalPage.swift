import DialectArchive
import Hummingbird
import Logging

extension ErrorPage {
    /// The page for a request that failed with `error`: its status, and a reason in the
    /// visitor's language when the visitor's role does not allow the request.
    static func response(for error: Error, _ page: PageRequest, title: String, path: String, parameters: [(String, String)] = [],
                         refusal: String, logger: Logger) -> Response {
        let failure = WebError(error)
        if failure.status == .internalServerError { logger.error("\(error)") }
        let message = error is PermissionError ? refusal : failure.message
        return PageLayout.render(template, ["message": message], title: title, for: page, path: path, parameters: parameters,
                                 status: failure.status)
    }
}
