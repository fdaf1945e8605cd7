import Foundation
import GRDB
import GRDBSQLite

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
        /// An event as the walk along the chain needs it, its content already hashed.
        struct Checked { var id: Int64; var kind: String; var at: String; var previousHash: String?; var hash: String?; var matches: Bool }
        var report = AuditTrailReport()
        guard let bounds = try database.read({ db in try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM event WHERE id IS NOT NULL") }),
              let first: Int64 = bounds[0], let last: Int64 = bounds[1] else { return report }
        var previous: (id: Int64, hash: String?)?
        // Events are read and hashed in slices of ids, each on its own core and connection,
        // a window at a time; then the window is walked in order along the links.
        let slice: Int64 = 10_000, window = slice * Int64(4 * ParallelWork.cores)
        var start = first
        while start <= last, report.firstBreak == nil {
            let end = min(last, start + window - 1)
            let slices = Int((end - start) / slice) + 1
            var checked = [[Checked]](repeating: [], count: slices)
            var failure: Error?
            let lock = NSLock()
            checked.withUnsafeMutableBufferPointer { checked in
                ParallelWork.forEach(slices) { index in
                    let low = start + Int64(index) * slice, high = min(end, low + slice - 1)
                    do {
                        checked[index] = try database.read { db in
                            let covered = try ChangeSet.coveredContent(low, high, db)
                            // Read with SQLite's own calls: the content is hashed from its buffers, uncopied.
                            let statement = try db.makeStatement(sql: """
                                SELECT \(AuditChain.contentColumns), previous_hash, hash FROM event WHERE id BETWEEN ? AND ? ORDER BY id
                                """)
                            try statement.setArguments([low, high])
                            let handle = statement.sqliteStatement
                            var events: [Checked] = []
                            try db.stepRows(handle) {
                                func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
                                    UnsafeRawBufferPointer(start: sqlite3_column_text(handle, column), count: Int(sqlite3_column_bytes(handle, column)))
                                }
                                func text(_ column: Int32) -> String? {
                                    sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : String(decoding: bytes(column), as: UTF8.self)
                                }
                                let id = sqlite3_column_int64(handle, 0), previousHash = text(9), hash = text(10)
                                var matches = false
                                if let previousHash, let hash {
                                    let content = AuditChain.content(id: id, kind: bytes(1), at: bytes(2), user: bytes(3), host: bytes(4),
                                                                     workingDirectory: bytes(5), arguments: bytes(6), summary: bytes(7), details: bytes(8),
                                                                     covers: covered[id] ?? [])
                                    matches = AuditChain.hash(previous: previousHash, content: content) == hash
                                }
                                events.append(Checked(id: id, kind: text(1) ?? "", at: text(2) ?? "", previousHash: previousHash, hash: hash, matches: matches))
                            }
                            return events
                        }
                    } catch {
                        lock.withLock { failure = error }
                    }
                }
            }
            if let failure { throw failure }
            for event in checked.joined() {
                let reason: String?
                if event.hash == nil || event.previousHash == nil {
                    reason = "it has no hash: it was added to the trail without being linked to it"
                } else if let previous, event.previousHash != previous.hash {
                    reason = "it is no longer linked to the event before it (id \(previous.id)): an event between them was removed or inserted, or that one was re-hashed"
                } else if previous == nil, event.previousHash != AuditChain.start {
                    reason = "it is the first event but is linked to an earlier one: events before it were removed"
                } else if !event.matches {
                    reason = "its content, or a change set it carries, no longer matches its hash: it was changed after it was recorded"
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
            start = end + 1
        }
        return report
    }
}
