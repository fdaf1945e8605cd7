import Foundation

/// What `history` reads from the database: the audit events that may concern a record, with
/// their details parsed, and every stored file of a recording, withdrawn and replaced ones too.
enum HistoryRecords {
    /// The event kinds whose details name the records they concern.
    static let namingKinds = ["ingest", "export", "verify", "withdraw", "purge"]

    /// The events of `namingKinds` recorded at or after `since`, oldest first.
    static func events(since: String, _ db: StoreDatabase) throws -> [LoggedEvent] {
        try db.records(AuditEvent.self, """
            SELECT * FROM event WHERE at >= ? AND kind IN (\(namingKinds.map { "'\($0)'" }.joined(separator: ","))) ORDER BY id
            """, [since]).map(LoggedEvent.init)
    }

    /// The events with these ids, by id.
    static func events(ids: Set<Int64>, _ db: StoreDatabase) throws -> [Int64: AuditEvent] {
        guard !ids.isEmpty else { return [:] }
        let events = try db.records(AuditEvent.self, "SELECT * FROM event WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
        return Dictionary(events.map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every transcript file of a recording, every revision, withdrawn or not, in the order stored.
    static func transcripts(ofRecording id: Int64, _ db: StoreDatabase) throws -> [TranscriptFile] {
        try db.records(TranscriptFile.self, "SELECT * FROM transcript WHERE recording_id = ? ORDER BY id", [id])
    }

    /// Every recording of a session, withdrawn or not, by number.
    static func recordings(ofSession id: String, _ db: StoreDatabase) throws -> [Recording] {
        try db.records(Recording.self, "SELECT * FROM recording WHERE session_id = ? ORDER BY id", [id])
    }

    /// When the stored file of the row `id` of `table` (recording or transcript) was purged; nil while it is kept.
    static func purgedAt(_ table: String, _ id: Int64, _ db: StoreDatabase) throws -> String? {
        try db.value("SELECT purged_at FROM \(table) WHERE id = ?", [id])
    }
}

/// An audit event with its details read as JSON, for looking up the ids and paths it names.
struct LoggedEvent {
    var event: AuditEvent
    var details: [String: Any]

    init(_ event: AuditEvent) {
        self.event = event
        details = (try? JSONSerialization.jsonObject(with: Data(event.details.utf8))) as? [String: Any] ?? [:]
    }

    var id: Int64 { event.id ?? 0 }
    var kind: String { event.kind }
    var at: String { event.at }

    /// The numbers listed under `key`; nil when the event has no such list (it predates it).
    func ids(_ key: String) -> [Int64]? {
        (details[key] as? [Any])?.compactMap { ($0 as? NSNumber)?.int64Value }
    }

    /// The texts listed under `key`, empty when there is none.
    func texts(_ key: String) -> [String] {
        details[key] as? [String] ?? []
    }

    func text(_ key: String) -> String? { details[key] as? String }

    func number(_ key: String) -> Int? { (details[key] as? NSNumber)?.intValue }

    /// The objects listed under `key` (an ingest's `revisions`), empty when there is none.
    func objects(_ key: String) -> [[String: Any]] {
        details[key] as? [[String: Any]] ?? []
    }
}
