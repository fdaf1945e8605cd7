import DialectArchive
import Foundation
import Hummingbird
import Logging

/// Building the server's responses: JSON as the CLI prints it (on one line), HTML pages, and errors in the
/// form the request asked for.
enum Responses {
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text + "\n", type: "application/json; charset=utf-8", status: status)
    }

    /// The CLI's `--json` for `value`, on one line.
    static func json<T: Encodable>(_ value: T) throws -> Response {
        json(try JSONOutput.string(value, compact: true))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var response = body(text, type: "text/html; charset=utf-8", status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    static func body(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `{"error": "one line"}` with the status the error calls for.
    static func jsonError(_ error: WebError) -> Response {
        json((try? JSONOutput.string(["error": error.message], compact: true)) ?? #"{"error":"error"}"#, status: error.status)
    }

    /// Runs an API handler, turning whatever it throws into a JSON error.
    static func api(_ logger: Logger, _ handler: () async throws -> Response) async -> Response {
        do {
            return try await handler()
        } catch {
            let failure = WebError(error)
            if failure.status == .internalServerError { logger.error("\(error)") }
            return jsonError(failure)
        }
    }
}
