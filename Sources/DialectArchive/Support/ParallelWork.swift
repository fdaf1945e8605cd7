import Foundation

/// Runs a piece of work for every index on all cores, each worker taking the next index as it
/// finishes the last, so long and short files balance out.
enum ParallelWork {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// True when the item at `index` is among the last ones, which leave a core without an item
    /// of its own: work inside the item may then take a second thread.
    static func hasSpareCore(index: Int, of count: Int) -> Bool {
        count - index < cores
    }

    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        let lock = NSLock()
        var next = 0
        let workers = max(1, min(cores, count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index: Int = lock.withLock { defer { next += 1 }; return next }
                guard index < count else { return }
                body(index)
            }
        }
    }
}
