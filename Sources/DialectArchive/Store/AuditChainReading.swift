import GRDB
import GRDBSQLite

/// Reading the stored trail back to check its chain: the range of event ids, and the events of
/// a slice of ids with their content hashed straight from SQLite's buffers.
extension AuditChain {
    /// An event as the walk along the chain needs it, its content already hashed.
    struct CheckedEvent {
        var id: Int64
        var kind: String
        var at: String
        var previousHash: String?
        var hash: String?
        /// Whether its stored hash is that of the previous hash and its content.
        var matches: Bool
    }

    /// The first and last event ids; nil when the trail is empty.
    static func idBounds(_ db: StoreDatabase) throws -> (first: Int64, last: Int64)? {
        guard let row = try db.row("SELECT min(id), max(id) FROM event WHERE id IS NOT NULL"),
              let first: Int64 = row[0], let last: Int64 = row[1] else { return nil }
        return (first, last)
    }

    /// The events with ids from `low` to `high`, in order, each checked against its own hash;
    /// SQLite's are hashed straight from its buffers.
    static func checkedEvents(_ low: Int64, _ high: Int64, _ db: StoreDatabase) throws -> [CheckedEvent] {
        if let sqlite = db as? SQLiteStoreDatabase { return try checkedEvents(low, high, sqlite.db) }
        let covered = try ChangeSet.coveredContent(low, high, db)
        return try db.rows("SELECT \(contentColumns), previous_hash, hash FROM event WHERE id BETWEEN ? AND ? ORDER BY id", [low, high]).map { row in
            let id: Int64 = row[0], previousHash: String? = row[9], hash: String? = row[10]
            var matches = false
            if let previousHash, let hash {
                let content = Self.content(id: id, kind: row[1], at: row[2], user: row[3], host: row[4], workingDirectory: row[5],
                                           arguments: row[6], summary: row[7], details: row[8], covers: covered[id] ?? [])
                matches = Self.hash(previous: previousHash, content: content) == hash
            }
            return CheckedEvent(id: id, kind: row[1], at: row[2], previousHash: previousHash, hash: hash, matches: matches)
        }
    }

    /// The events with ids from `low` to `high`, in order, each checked against its own hash.
    static func checkedEvents(_ low: Int64, _ high: Int64, _ db: Database) throws -> [CheckedEvent] {
        let covered = try ChangeSet.coveredContent(low, high, db)
        // Read with SQLite's own calls: the content is hashed from its buffers, uncopied.
        let statement = try db.makeStatement(sql: """
            SELECT \(contentColumns), previous_hash, hash FROM event WHERE id BETWEEN ? AND ? ORDER BY id
            """)
        try statement.setArguments([low, high])
        let handle = statement.sqliteStatement
        var events: [CheckedEvent] = []
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
                let content = Self.content(id: id, kind: bytes(1), at: bytes(2), user: bytes(3), host: bytes(4),
                                           workingDirectory: bytes(5), arguments: bytes(6), summary: bytes(7), details: bytes(8),
                                           covers: covered[id] ?? [])
                matches = Self.hash(previous: previousHash, content: content) == hash
            }
            events.append(CheckedEvent(id: id, kind: text(1) ?? "", at: text(2) ?? "", previousHash: previousHash, hash: hash, matches: matches))
        }
        return events
    }

    /// The rules of the chain, applied to events in id order: why an event breaks it, or nil.
    /// The walk goes on from a broken event, so that a caller may name every break.
    struct Walk {
        private var previous: (id: Int64, hash: String?)?

        mutating func reason(_ event: CheckedEvent) -> String? {
            defer { previous = (event.id, event.hash) }
            if event.hash == nil || event.previousHash == nil {
                return "it has no hash: it was added to the trail without being linked to it"
            } else if let previous, event.previousHash != previous.hash {
                return "it is no longer linked to the event before it (id \(previous.id)): an event between them was removed or inserted, or that one was re-hashed"
            } else if previous == nil, event.previousHash != AuditChain.start {
                return "it is the first event but is linked to an earlier one: events before it were removed"
            } else if !event.matches {
                return "its content, or a change set it carries, no longer matches its hash: it was changed after it was recorded"
            }
            return nil
        }
    }
}
