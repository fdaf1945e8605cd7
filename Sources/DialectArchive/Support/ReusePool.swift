import Foundation

/// Handles that are costly to make and cheap to make ready again (a resampler whose filter is
/// designed on first use, a Chromaprint context), kept after one analysis for the next: a word
/// list of a thousand two-second recordings would otherwise spend more time making them than
/// using them. At most `limit` idle handles are kept per key; the rest are freed.
final class ReusePool<Key: Hashable>: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Key: [OpaquePointer]] = [:]
    private let limit: Int
    private let free: (OpaquePointer) -> Void

    init(limit: Int = 2 * ParallelWork.cores, free: @escaping (OpaquePointer) -> Void) {
        self.limit = limit
        self.free = free
    }

    /// An idle handle made for `key`, or one that `make` makes (nil when it fails).
    func take(_ key: Key, make: () -> OpaquePointer?) -> OpaquePointer? {
        if let handle = lock.withLock({ idle[key]?.popLast() }) { return handle }
        return make()
    }

    /// Gives back a handle the caller has made ready for its next use.
    func giveBack(_ handle: OpaquePointer, for key: Key) {
        let kept = lock.withLock {
            guard idle[key, default: []].count < limit else { return false }
            idle[key, default: []].append(handle)
            return true
        }
        if !kept { free(handle) }
    }
}
