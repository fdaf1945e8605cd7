import Foundation
import GRDB

/// How change sets are kept in the database: the `change_set` table, one row per record per
/// event, its fields as a JSON array of `{"field", "before", "after"}`.
extension ChangeSet {
    /// Stores this change set as part of the event `eventId`; called only by `AuditChain.append`,
    /// which covers it with that event's hash.
    /// Returns the change set's canonical content, as the event's hash covers it.
    mutating func insert(eventId: Int64, _ db: StoreDatabase) throws -> [UInt8] {
        let encoded = String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
        id = try db.value("""
            INSERT INTO change_set (event_id, record_kind, record_id, action, reason, source, fields) VALUES (?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """, [eventId, recordKind.rawValue, recordId, action.rawValue, reason, source, encoded], as: Int64.self)
        self.eventId = eventId
        return try ChangeSet.canonicalContent(action: action.rawValue, fields: encoded, reason: reason, recordId: recordId,
                                              recordKind: recordKind.rawValue, source: source)
    }

    /// The columns `init(row:)` reads, in its order.
    private static let columns = "id, event_id, record_kind, record_id, action, reason, source, fields"

    /// A change set as read with `columns`, from either database.
    private init(row: SQLRow) throws {
        let kind: String = row[2], action: String = row[4], fields: String = row[7]
        guard let recordKind = RecordKind(rawValue: kind), let action = Action(rawValue: action) else {
            throw ArchiveError.storage(path: "change_set \(row[0] as Int64)", reason: "unknown record kind \(kind) or action \(action)")
        }
        self.init(recordKind: recordKind, recordId: row[3], action: action, reason: row[5], source: row[6],
                  fields: try JSONDecoder().decode([FieldChange].self, from: Data(fields.utf8)))
        id = row[0]
        eventId = row[1]
    }

    /// Every change set of one record, oldest first.
    static func of(_ kind: RecordKind, _ recordId: String, _ db: StoreDatabase) throws -> [ChangeSet] {
        try db.rows("SELECT \(columns) FROM change_set WHERE record_kind = ? AND record_id = ? ORDER BY id",
                    [kind.rawValue, recordId]).map(ChangeSet.init(row:))
    }

    /// The canonical content of every change set of the events `low...high`, by event, as the
    /// chain check hashes them.
    static func coveredContent(_ low: Int64, _ high: Int64, _ db: Database) throws -> [Int64: [[UInt8]]] {
        guard try db.tableExists("change_set") else { return [:] }
        return try coveredContent(low, high, SQLiteStoreDatabase(db))
    }

    static func coveredContent(_ low: Int64, _ high: Int64, _ db: StoreDatabase) throws -> [Int64: [[UInt8]]] {
        var covered: [Int64: [[UInt8]]] = [:]
        let rows = try db.rows("""
            SELECT event_id, action, fields, reason, record_id, record_kind, source FROM change_set
            WHERE event_id BETWEEN ? AND ? ORDER BY event_id, id
            """, [low, high])
        for row in rows {
            // A change set whose stored fields are no longer JSON is covered as that text, and so no longer matches.
            let fields: String = row[2]
            let content = (try? ChangeSet.canonicalContent(action: row[1], fields: fields, reason: row[3], recordId: row[4],
                                                           recordKind: row[5], source: row[6]))
                ?? Array("{\"unreadable\":\(fields)}".utf8)
            covered[row[0], default: []].append(content)
        }
        return covered
    }

    /// The table, created by the migration that introduces change sets.
    static func createTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE change_set (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id INTEGER NOT NULL REFERENCES event(id),
                record_kind TEXT NOT NULL,
                record_id TEXT NOT NULL,
                action TEXT NOT NULL,
                reason TEXT,
                source TEXT,
                fields TEXT NOT NULL
            );
            CREATE INDEX change_set_record ON change_set(record_kind, record_id);
            CREATE INDEX change_set_event ON change_set(event_id);
            """)
    }
}
