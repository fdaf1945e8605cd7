import DialectArchive
import HTTPTypes
import Hummingbird
import Logging

/// An endpoint of a network protocol (OAI-PMH, SRU) that takes its arguments form-encoded, in
/// the query of a GET or the body of a POST, and answers XML with status 200, protocol errors
/// included; only an archive that cannot be read is an HTTP error (503).
enum FormEncodedEndpoint {
    /// Answers GET and POST at `path` with `answer`, given the arguments as one form-encoded string.
    static func add(_ path: RouterPath, to router: Router<WebContext>,
                    answer: @escaping @Sendable (String, Request, WebContext) async -> Response) {
        router.get(path) { request, context in
            await answer(request.uri.query ?? "", request, context)
        }
        router.post(path) { request, context in
            guard let body = try? await request.body.collect(upTo: 64 * 1024) else {
                return Responses.body("the request body is larger than 64 KiB\n", type: "text/plain; charset=utf-8", status: .contentTooLarge)
            }
            return await answer(String(buffer: body), request, context)
        }
    }

    /// The `Host` the client asked for (with its port), for links back to this server.
    static func authority(of request: Request) -> String {
        request.head.authority ?? request.headers[HTTPField.Name("Host")!] ?? "localhost"
    }

    /// The archive's address as the client reached it: `baseURL` when set, else the `Host`.
    static func root(of request: Request, baseURL: String?) -> String {
        baseURL ?? "http://\(authority(of: request))"
    }

    /// The XML `body` with status 200, or a 503 naming no detail when the archive could not be
    /// read (the error goes to the log).
    static func respond(type: String, logger: Logger, _ body: () async throws -> String) async -> Response {
        do {
            return Responses.body(try await body(), type: type)
        } catch {
            logger.error("\(error)")
            return Responses.body("the archive could not be read\n", type: "text/plain; charset=utf-8", status: .serviceUnavailable)
        }
    }
}
