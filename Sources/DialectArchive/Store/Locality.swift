import GRDB

/// A survey site (调查点): where a dialect was recorded and how that dialect is classified.
public struct Locality: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "locality"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    public var name: String
    public var romanisedName: String?
    public var province: String?
    public var prefecture: String?
    public var county: String?
    public var township: String?
    public var adminCode: String?
    public var latitude: Double?
    public var longitude: Double?
    /// 方言区, e.g. 吴语.
    public var dialectGroup: String?
    /// 片, e.g. 太湖片.
    public var dialectSubgroup: String?
    /// 小片, e.g. 杭州小片.
    public var dialectCluster: String?
    public var glottocode: String?
    public var iso639_3: String?
    /// Columns the metadata had beyond the known ones, as a JSON object.
    public var extra: String?

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The classification as dialectologists write it: 方言区 / 片 / 小片.
    public var classification: String {
        [dialectGroup, dialectSubgroup, dialectCluster].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " / ")
    }
}
