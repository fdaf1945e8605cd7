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
