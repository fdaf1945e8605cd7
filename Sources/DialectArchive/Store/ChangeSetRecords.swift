import Foundation
import GRDB

/// How change sets are kept in the database: the `change_set` table, one row per record per
/// event, its fields as a JSON array of `{"field", "before", "after"}`.
extension ChangeSet {
    /// Stores this change set as part of the event `eventId`; called only by `AuditChain.append`,
    /// which covers it with that event's hash.
    mutating func insert(eventId: Int64, _ db: Database) throws {
        let encoded = try JSONEncoder().encode(fields)
        try db.cachedStatement(sql: """
            INSERT INTO change_set (event_id, record_kind, record_id, action, reason, source, fields) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [eventId, recordKind.rawValue, recordId, action.rawValue, reason, source,
                                     String(decoding: encoded, as: UTF8.self)])
        id = db.lastInsertedRowID
        self.eventId = eventId
    }

    /// The columns `init(row:)` reads, in its order.
    private static let columns = "id, event_id, record_kind, record_id, action, reason, source, fields"

    private init(row: Row) throws {
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
    static func of(_ kind: RecordKind, _ recordId: String, _ db: Database) throws -> [ChangeSet] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM change_set WHERE record_kind = ? AND record_id = ? ORDER BY id",
                         arguments: [kind.rawValue, recordId]).map(ChangeSet.init(row:))
    }

    /// Every change set of the events `low...high`, by event, in the order they were stored.
    static func byEvent(_ low: Int64, _ high: Int64, _ db: Database) throws -> [Int64: [ChangeSet]] {
        // An archive opened read-only is not migrated, and may predate change sets.
        guard try db.tableExists("change_set") else { return [:] }
        var sets: [Int64: [ChangeSet]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT \(columns) FROM change_set WHERE event_id BETWEEN ? AND ? ORDER BY event_id, id",
                                    arguments: [low, high]) {
            let set = try ChangeSet(row: row)
            sets[set.eventId ?? 0, default: []].append(set)
        }
        return sets
    }

    /// The canonical content of every change set of the events `low...high`, by event, as the
    /// chain check hashes them.
    static func coveredContent(_ low: Int64, _ high: Int64, _ db: Database) throws -> [Int64: [[UInt8]]] {
        try byEvent(low, high, db).mapValues { $0.map(\.canonicalContent) }
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
