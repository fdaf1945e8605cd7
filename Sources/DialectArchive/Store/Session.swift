import GRDB

/// One recording event: who was recorded where and when, on what content, under what access.
public struct Session: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    public var title: String?
    /// `yyyy-mm-dd`.
    public var date: String?
    public var localityId: String?
    /// 单字, 词汇, 语法, 话语, 口头文化 or other.
    public var contentType: String?
    public var collectionId: String
    public var recorder: String?
    public var keywords: String?
    public var description: String?
    /// `open`, `restricted` or `closed`.
    public var access: String
    public var accessUntil: String?
    public var accessReason: String?
    /// Tier kinds that override the guess, as `tier=kind;tier=kind` (e.g. `普通话=translation`).
    public var tierKinds: String?
    public var extra: String?

    public init(id: String, collectionId: String, access: String = "open") {
        self.id = id
        self.collectionId = collectionId
        self.access = access
    }
}

/// A person's part in a session, in the OLAC role vocabulary (speaker, recorder, researcher, ...).
public struct SessionParticipant: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session_participant"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var sessionId: String
    /// Set when the participant is a known speaker.
    public var speakerId: String?
    /// The name as given when the participant is not a speaker record (e.g. the recorder).
    public var name: String?
    public var role: String

    public init(sessionId: String, speakerId: String?, name: String?, role: String) {
        self.sessionId = sessionId
        self.speakerId = speakerId
        self.name = name
        self.role = role
    }
}

extension Session {
    /// The collection of session `id`; nil for an unknown session.
    static func collection(of id: String, _ db: StoreDatabase) throws -> String? {
        try db.value("SELECT collection_id FROM session WHERE id = ?", [id])
    }
}

extension SessionParticipant {
    /// The participants of a session other than its speakers and recorder, in the order given, on either database.
    static func others(in sessionId: String, _ db: StoreDatabase) throws -> [SessionParticipant] {
        try db.records(SessionParticipant.self, """
            SELECT * FROM session_participant WHERE session_id = ? AND role NOT IN ('speaker', 'recorder') ORDER BY \(insertionOrder(db))
            """, [sessionId])
    }

    /// Every participant of a session, in the order given.
    static func all(in sessionId: String, _ db: StoreDatabase) throws -> [SessionParticipant] {
        try db.records(SessionParticipant.self, "SELECT * FROM session_participant WHERE session_id = ? ORDER BY \(insertionOrder(db))",
                       [sessionId])
    }

    /// The order participants were stored in, which is the order they were given. The table
    /// has no id of its own: SQLite keeps the order in its rowid, PostgreSQL in `position`
    /// (migration v9).
    static func insertionOrder(_ db: StoreDatabase) -> String {
        switch db.kind {
        case .sqlite: return "rowid"
        case .postgres: return "position"
        }
    }
}

extension Session: StoredRecord {
    static var table: String { databaseTableName }
}

extension SessionParticipant: StoredRecord {
    static var table: String { databaseTableName }
}
