import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One GET to another archive with a hard deadline: the caller has its answer, or `.timedOut`,
/// no later than `seconds` after the call, whatever the connection does. The request is
/// cancelled at the deadline, but nothing waits for the cancellation to take effect, so a peer
/// that holds a connection open (or a network stack slow to give up) cannot hold the caller,
/// nor a server's shutdown behind it.
enum PeerGet {
    /// What came back within the deadline.
    enum Outcome: Sendable {
        case answered(data: Data, status: Int)
        case failed(String)
        case timedOut
    }

    /// Waits for the answer from async code, without blocking a thread.
    static func fetch(_ request: URLRequest, session: URLSession, seconds: Double) async -> Outcome {
        let once = ResumeOnce()
        return await withCheckedContinuation { continuation in
            once.install(continuation)
            let task = session.dataTask(with: request) { data, response, error in
                once.resume(outcome(data: data, response: response, error: error))
            }
            task.resume()
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                if once.resume(.timedOut) { task.cancel() }
            }
        }
    }

    /// Waits for the answer on the calling thread (for the command line's harvest).
    static func fetchWaiting(_ request: URLRequest, session: URLSession, seconds: Double) -> Outcome {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            box.set(outcome(data: data, response: response, error: error))
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + seconds) == .timedOut {
            task.cancel()
            return box.take() ?? .timedOut
        }
        return box.take() ?? .failed("no HTTP answer")
    }

    private static func outcome(data: Data?, response: URLResponse?, error: Error?) -> Outcome {
        if let error = error as? URLError, error.code == .timedOut { return .timedOut }
        if let error { return .failed(error.localizedDescription) }
        guard let http = response as? HTTPURLResponse else { return .failed("no HTTP answer") }
        return .answered(data: data ?? Data(), status: http.statusCode)
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

    /// The completion handler's outcome, handed to the waiting thread under a lock.
    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Outcome?
        func set(_ outcome: Outcome) { lock.lock(); value = outcome; lock.unlock() }
        func take() -> Outcome? { lock.lock(); defer { lock.unlock() }; return value }
    }
}
