import Foundation

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
        let db = PostgresStoreDatabase(database)
        guard let (first, last) = try AuditChain.idBounds(db) else { return chain }
        var low = first
        while low <= last {
            let high = low + batchSize - 1
            for event in try AuditChain.checkedEvents(low, high, db) {
                chain.events += 1
                chain.head = event.hash
                if let reason = walk.reason(event) { chain.breaks.append("event \(event.id) (\(event.kind) at \(event.at)): \(reason)") }
            }
            low = high + 1
        }
        return chain
    }
}
