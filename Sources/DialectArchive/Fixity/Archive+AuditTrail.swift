import Foundation

/// What checking the audit trail's hash chain found.
public struct AuditTrailReport: Encodable, Equatable {
    /// The first event at which the chain no longer holds.
    public struct Break: Encodable, Equatable {
        public var id: Int64
        public var kind: String
        public var at: String
        public var reason: String
    }

    /// How many events were checked.
    public var events = 0
    public var firstBreak: Break?
    /// True when every event still matches its hash and links to the event before it.
    public var unbroken: Bool { firstBreak == nil }

    public init() {}

    private enum CodingKeys: String, CodingKey { case events, firstBreak, unbroken }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(events, forKey: .events)
        try container.encode(firstBreak, forKey: .firstBreak)
        try container.encode(unbroken, forKey: .unbroken)
    }
}

extension Archive {
    /// Checks that every event of the audit trail still matches its hash and is linked to the
    /// event before it (see `AuditChain`), and names the first that does not. Reads only, so
    /// it works on a read-only archive too.
    ///
    /// ```swift
    /// let trail = try archive.checkAuditTrail()
    /// if let broken = trail.firstBreak { print(broken.id, broken.reason) }
    /// ```
    public func checkAuditTrail() throws -> AuditTrailReport {
        var report = AuditTrailReport()
        guard let (first, last) = try store.read({ db in try AuditChain.idBounds(db) }) else { return report }
        var walk = AuditChain.Walk()
        // Events are read and hashed in slices of ids, each on its own core and connection,
        // a window at a time; then the window is walked in order along the links.
        let slice: Int64 = 10_000, window = slice * Int64(4 * ParallelWork.cores)
        var start = first
        while start <= last, report.firstBreak == nil {
            let end = min(last, start + window - 1)
            let slices = Int((end - start) / slice) + 1
            var checked = [[AuditChain.CheckedEvent]](repeating: [], count: slices)
            var failure: Error?
            let lock = NSLock()
            checked.withUnsafeMutableBufferPointer { checked in
                ParallelWork.forEach(slices) { index in
                    let low = start + Int64(index) * slice, high = min(end, low + slice - 1)
                    do {
                        checked[index] = try store.read { db in try AuditChain.checkedEvents(low, high, db) }
                    } catch {
                        lock.withLock { failure = error }
                    }
                }
            }
            if let failure { throw failure }
            for event in checked.joined() {
                report.events += 1
                if let reason = walk.reason(event) {
                    report.firstBreak = .init(id: event.id, kind: event.kind, at: event.at, reason: reason)
                    break
                }
            }
            start = end + 1
        }
        return report
    }
}
