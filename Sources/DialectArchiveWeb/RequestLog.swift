import Foundation
import Hummingbird

/// Logs one line per request once it is answered: method, path and query, status, bytes and
/// milliseconds taken.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        func log(_ status: HTTPResponse.Status, _ bytes: Int?) {
            let elapsed = started.duration(to: .now)
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            context.logger.info("\(request.method) \(request.uri) \(status.code) \(bytes.map(String.init) ?? "-") \(String(format: "%.1f", ms))ms")
        }
        do {
            let response = try await next(request, context)
            log(response.status, response.body.contentLength)
            return response
        } catch let error as HTTPError {
            log(error.status, nil)
            throw error
        } catch {
            log(.internalServerError, nil)
            throw error
        }
    }
}
