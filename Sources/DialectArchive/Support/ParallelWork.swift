import Foundation

/// Runs a piece of work for every index on all cores, each worker taking the next index as it
/// finishes the last, so long and short files balance out.
public enum ParallelWork {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// True when the item at `index` is among the last ones, which leave a core without an item
    /// of its own: work inside the item may then take a second thread.
    static func hasSpareCore(index: Int, of count: Int) -> Bool {
        count - index < cores
    }

    /// `body` is called for several indexes at once: what it shares, it guards with a lock.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let work = Work(count: count, body: body)
            let workers = max(1, min(cores, count))
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let index = work.nextIndex() { work.body(index) }
            }
        }
    }

    /// The indexes handed out so far, and the work for each.
    ///
    /// `@unchecked Sendable`: `next` is read and changed only while `lock` is held, and `body`
    /// guards what it shares itself (see `forEach`); nothing keeps a `Work` after `forEach` returns.
    private final class Work: @unchecked Sendable {
        let count: Int
        let body: (Int) -> Void
        private let lock = NSLock()
        private var next = 0

        init(count: Int, body: @escaping (Int) -> Void) {
            self.count = count
            self.body = body
        }

        func nextIndex() -> Int? {
            lock.withLock {
                defer { next += 1 }
                return next < count ? next : nil
            }
        }
    }
}
