import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// One GET to another archive with a hard deadline: the caller has its answer, or `.timedOut`,
/// no later than `seconds` after the call, whatever the connection does. The request is
/// cancelled at the deadline, but nothing waits for the cancellation to take effect, so a peer
/// that holds a connection open (or a network stack slow to give up) cannot hold the caller,
/// nor a server's shutdown behind it.
///
/// Waiting costs no processor time: the request is one of SwiftNIO's connections, woken only
/// when the peer sends something. (Foundation's `URLSession` on Linux kept two threads busy
/// for as long as a peer did not answer, which on a small server starved the searches of
/// everyone else, the server's own included.)
enum PeerGet {
    /// What came back within the deadline.
    enum Outcome: Sendable {
        case answered(data: Data, status: Int)
        case failed(String)
        case timedOut
    }

    /// One client for the whole process, never shut down. A refused or unreachable address
    /// fails at once (and is said to be unreachable), rather than being tried again until the
    /// deadline and said to be slow.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The largest answer read from a peer; a larger one is a failure, not a page.
    static let largestAnswer = 64 * 1024 * 1024

    /// Waits for the answer from async code, without blocking a thread.
    static func fetch(_ url: URL, headers: [String: String] = [:], seconds: Double) async -> Outcome {
        let once = ResumeOnce()
        return await withCheckedContinuation { continuation in
            once.install(continuation)
            let task = Task { once.resume(await get(url, headers: headers, seconds: seconds)) }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                if once.resume(.timedOut) { task.cancel() }
            }
        }
    }

    /// Waits for the answer on the calling thread (for the command line's harvest), which must
    /// not be one of Swift concurrency's own.
    static func fetchWaiting(_ url: URL, headers: [String: String] = [:], seconds: Double) -> Outcome {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let task = Task {
            box.set(await get(url, headers: headers, seconds: seconds))
            done.signal()
        }
        if done.wait(timeout: .now() + seconds) == .timedOut {
            task.cancel()
            return box.take() ?? .timedOut
        }
        return box.take() ?? .failed("no HTTP answer")
    }

    private static func get(_ url: URL, headers: [String: String], seconds: Double) async -> Outcome {
        var request = HTTPClientRequest(url: url.absoluteString)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        do {
            let response = try await client.execute(request, deadline: .now() + .milliseconds(Int64(seconds * 1000)))
            let body = try await response.body.collect(upTo: largestAnswer)
            return .answered(data: Data(body.readableBytesView), status: Int(response.status.code))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return .timedOut
        } catch is CancellationError {
            return .timedOut
        } catch let error as NIOTooManyBytesError {
            return .failed("the answer is larger than \(error.maxBytes ?? largestAnswer) bytes")
        } catch {
            return .failed(reason(error))
        }
    }

    /// Why a request failed, in a sentence: the system's words for a refused or unreachable
    /// address rather than the library's type names.
    private static func reason(_ error: Error) -> String {
        if let failure = error as? NIOConnectionError {
            let reasons = failure.connectionErrors.map { reason($0.error) }
            let all = reasons.isEmpty ? ["no address for \(failure.host)"] : reasons
            return "could not connect to \(failure.host) port \(failure.port): " + Array(Set(all)).sorted().joined(separator: "; ")
        }
        if let failure = error as? IOError { return String(cString: strerror(failure.errnoCode)) }
        if let failure = error as? HTTPClientError { return failure.description }
        return String(describing: error)
    }

    /// Resumes a continuation with the first outcome only; says whether this call was the first.
    /// The continuation is installed before the request starts, so an outcome always finds it.
    private final class ResumeOnce: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Outcome, Never>?

        func install(_ continuation: CheckedContinuation<Outcome, Never>) {
            lock.lock(); self.continuation = continuation; lock.unlock()
        }

        @discardableResult
        func resume(_ outcome: Outcome) -> Bool {
            lock.lock()
            let waiting = continuation
            continuation = nil
            lock.unlock()
            waiting?.resume(returning: outcome)
            return waiting != nil
        }
    }

    /// The outcome, handed to the waiting thread under a lock.
    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Outcome?
        func set(_ outcome: Outcome) { lock.lock(); value = outcome; lock.unlock() }
        func take() -> Outcome? { lock.lock(); defer { lock.unlock() }; return value }
    }
}
