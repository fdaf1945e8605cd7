import Foundation
import GRDB

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
        try database.read { db in
            var previous: (id: Int64, hash: String?)?
            var lastId = Int64.min
            let page = 20_000
            while report.firstBreak == nil {
                var events: [AuditChain.StoredEvent] = []
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT \(AuditChain.contentColumns), previous_hash, hash FROM event WHERE id > ? ORDER BY id LIMIT ?
                    """, arguments: [lastId, page])
                while let row = try rows.next() { events.append(AuditChain.StoredEvent(row)) }
                guard let last = events.last else { break }
                lastId = last.id
                // Hashing is the costly part: done on all cores, then the events are walked in order.
                var matches = [Bool](repeating: false, count: events.count)
                let chunk = 1_000
                matches.withUnsafeMutableBufferPointer { matches in
                    ParallelWork.forEach((events.count + chunk - 1) / chunk) { part in
                        for index in part * chunk..<min(events.count, (part + 1) * chunk) {
                            let event = events[index]
                            guard let stored = event.hash, let previous = event.previousHash else { continue }
                            matches[index] = AuditChain.hash(previous: previous, content: event.content) == stored
                        }
                    }
                }
                for (index, event) in events.enumerated() {
                    let reason: String?
                    if event.hash == nil || event.previousHash == nil {
                        reason = "it has no hash: it was added to the trail without being linked to it"
                    } else if let previous, event.previousHash != previous.hash {
                        reason = "it is no longer linked to the event before it (id \(previous.id)): an event between them was removed or inserted, or that one was re-hashed"
                    } else if previous == nil, event.previousHash != AuditChain.start {
                        reason = "it is the first event but is linked to an earlier one: events before it were removed"
                    } else if !matches[index] {
                        reason = "its content no longer matches its hash: it was changed after it was recorded"
                    } else {
                        reason = nil
                    }
                    report.events += 1
                    if let reason {
                        report.firstBreak = .init(id: event.id, kind: event.kind, at: event.at, reason: reason)
                        break
                    }
                    previous = (event.id, event.hash)
                }
            }
        }
        return report
    }
}
