import Foundation

/// Runs a piece of work for every index on all cores, each worker taking the next index as it
/// finishes the last, so long and short files balance out.
enum ParallelWork {
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        let lock = NSLock()
        var next = 0
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index: Int = lock.withLock { defer { next += 1 }; return next }
                guard index < count else { return }
                body(index)
            }
        }
    }
}
