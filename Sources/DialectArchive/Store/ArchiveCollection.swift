import GRDB

/// A named collection of sessions (a survey, a project, a deposit).
public struct ArchiveCollection: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "collection"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    public var title: String?
    public var createdAt: String

    public init(id: String, title: String? = nil, createdAt: String) {
        self.id = id
        self.title = title
        self.createdAt = createdAt
    }
}

extension ArchiveCollection {
    /// Whether the archive has a collection with this id.
    static func exists(_ id: String, _ db: StoreDatabase) throws -> Bool {
        try db.value("SELECT EXISTS (SELECT 1 FROM collection WHERE id = ?)", [id], as: Bool.self) ?? false
    }
}

extension ArchiveCollection: StoredRecord {
    static var table: String { databaseTableName }
}
