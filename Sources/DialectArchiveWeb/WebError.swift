import DialectArchive
import Hummingbird

/// A failed request as the visitor sees it: an HTTP status and one line saying why.
struct WebError: Error, CustomStringConvertible {
    var status: HTTPResponse.Status
    var message: String

    var description: String { message }

    init(status: HTTPResponse.Status, message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ message: String) -> WebError { WebError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> WebError { WebError(status: .notFound, message: message) }

    /// What a library error means for a web visitor. A restricted record is forbidden by name
    /// (the CLI's hint about `--include-restricted` does not apply here); anything not caused by
    /// the request itself is a server error whose details stay in the log.
    init(_ error: Error) {
        switch error {
        case let error as WebError: self = error
        case let error as SearchQueryError: self = .badRequest(error.description)
        case let error as AccessError: self.init(status: .forbidden, message: "\(error.what) is restricted")
        case let error as PermissionError: self.init(status: .forbidden, message: error.description)
        case ArchiveError.notFound(let id): self = .notFound("nothing in the archive has the id \(id)")
        default: self.init(status: .internalServerError, message: "the server could not answer this request")
        }
    }
}
