import Foundation
import PostgresNIO

/// The audit trail's hash chain recomputed from a PostgreSQL database's own rows: each event's
/// content (with the change sets it covers) hashed after the hash of the event before it, as
/// `AuditChain` defines it, and compared with the hashes stored.
struct PostgresAuditChain {
    /// Events read per statement.
    static let batchSize: Int64 = 10_000

    var events = 0
    /// The last event's stored hash; nil when the trail is empty.
    var head: String?
    /// Each place where the chain does not hold, naming the event.
    var breaks: [String] = []

    /// Walks the whole trail in id order, by the rules `checkAuditTrail` applies to SQLite's.
    static func check(_ database: PostgresDatabase) throws -> PostgresAuditChain {
        var chain = PostgresAuditChain()
        var walk = AuditChain.Walk()
        let bounds = try database.rows("SELECT min(id), max(id) FROM event")[0].decode((Int64?, Int64?).self)
        guard let first = bounds.0, let last = bounds.1 else { return chain }
        var low = first
        while low <= last {
            let high = low + batchSize - 1
            let covered = try coveredContent(low, high, database)
            let rows = try database.rows("""
                SELECT id, kind, at, "user", host, working_directory, arguments, summary, details, previous_hash, hash
                FROM event WHERE id BETWEEN \(low) AND \(high) ORDER BY id
                """)
            for row in rows {
                let (id, kind, at, user, host, workingDirectory, arguments, summary, details, previousHash, hash) =
                    try row.decode((Int64, String, String, String, String, String, String, String, String, String?, String?).self)
                var matches = false
                if let previousHash, let hash {
                    let content = AuditChain.content(id: id, kind: kind, at: at, user: user, host: host, workingDirectory: workingDirectory,
                                                     arguments: arguments, summary: summary, details: details, covers: covered[id] ?? [])
                    matches = AuditChain.hash(previous: previousHash, content: content) == hash
                }
                let event = AuditChain.CheckedEvent(id: id, kind: kind, at: at, previousHash: previousHash, hash: hash, matches: matches)
                chain.events += 1
                chain.head = hash
                if let reason = walk.reason(event) { chain.breaks.append("event \(id) (\(kind) at \(at)): \(reason)") }
            }
            low = high + 1
        }
        return chain
    }

    /// The canonical content of the change sets of the events from `low` to `high`, in the
    /// order each event stored them (as `ChangeSet.coveredContent` reads SQLite's).
    private static func coveredContent(_ low: Int64, _ high: Int64, _ database: PostgresDatabase) throws -> [Int64: [[UInt8]]] {
        var covered: [Int64: [[UInt8]]] = [:]
        let rows = try database.rows("""
            SELECT event_id, action, fields, reason, record_id, record_kind, source FROM change_set
            WHERE event_id BETWEEN \(low) AND \(high) ORDER BY event_id, id
            """)
        for row in rows {
            let (eventId, action, fields, reason, recordId, recordKind, source) =
                try row.decode((Int64, String, String, String?, String, String, String?).self)
            let content = (try? ChangeSet.canonicalContent(action: action, fields: fields, reason: reason, recordId: recordId,
                                                           recordKind: recordKind, source: source))
                ?? Array("{\"unreadable\":\(fields)}".utf8)
            covered[eventId, default: []].append(content)
        }
        return covered
    }
}
