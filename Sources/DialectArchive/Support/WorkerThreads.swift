import Foundation

/// Threads of the archive's own, which run the work `Archive.perform` is given. They are apart
/// from the few threads Swift concurrency shares among all tasks (on Linux those are Dispatch's
/// global queues, so `DispatchQueue.global()` would not be apart): a search that keeps a core busy
/// delays no request handler. When every thread is busy, work waits in the order it came.
///
/// `@unchecked Sendable`: `waiting` is read and changed only while `condition` is locked.
final class WorkerThreads: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [@Sendable () -> Void] = []

    init(count: Int, name: String) {
        for number in 1...max(1, count) {
            let thread = Thread { [self] in work() }
            thread.name = "\(name) \(number)"
            thread.start()
        }
    }

    /// Hands `job` to the next free thread.
    func run(_ job: @escaping @Sendable () -> Void) {
        condition.withLock { waiting.append(job) }
        condition.signal()
    }

    private func work() -> Never {
        while true {
            condition.lock()
            while waiting.isEmpty { condition.wait() }
            let job = waiting.removeFirst()
            condition.unlock()
            job()
        }
    }
}
