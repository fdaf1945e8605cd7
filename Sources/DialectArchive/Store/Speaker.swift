import GRDB

/// A person recorded (发音人), with the demographics and consent a dialect survey keeps.
public struct Speaker: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "speaker"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    /// May be a pseudonym.
    public var name: String?
    /// `m`, `f` or as written when neither.
    public var sex: String?
    public var birthYear: Int?
    /// 语保 role: 老男, 青男, 老女, 青女, 口头文化, 地方普通话, or other.
    public var role: String?
    public var localityId: String?
    public var education: String?
    public var occupation: String?
    public var languages: String?
    public var consentDate: String?
    public var consentScope: String?
    public var access: String
    public var accessUntil: String?
    public var accessReason: String?
    public var extra: String?

    public init(id: String, access: String = "open") {
        self.id = id
        self.access = access
    }
}

extension Speaker {
    /// The collections of the sessions speaker `id` took part in.
    static func collections(of id: String, _ db: StoreDatabase) throws -> [String] {
        try db.values("""
            SELECT DISTINCT se.collection_id FROM session_participant p JOIN session se ON se.id = p.session_id WHERE p.speaker_id = ?
            ORDER BY se.collection_id
            """, [id])
    }

    /// The speakers of a session (participants with the OLAC role `speaker`), by id.
    static func speaking(in sessionId: String, _ db: StoreDatabase) throws -> [Speaker] {
        try db.records(Speaker.self, """
            SELECT speaker.* FROM speaker JOIN session_participant p ON p.speaker_id = speaker.id
            WHERE p.session_id = ? AND p.role = 'speaker' ORDER BY speaker.id
            """, [sessionId])
    }
}

extension Speaker: StoredRecord {
    static var table: String { databaseTableName }
}
