import GRDB

/// A survey site (调查点): where a dialect was recorded and how that dialect is classified.
public struct Locality: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "locality"

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

    // Spelled out because `iso639_3` does not survive an automatic snake-case round trip.
    enum CodingKeys: String, CodingKey {
        case id, name, province, prefecture, county, township, latitude, longitude, glottocode, extra
        case romanisedName = "romanised_name", adminCode = "admin_code", dialectGroup = "dialect_group"
        case dialectSubgroup = "dialect_subgroup", dialectCluster = "dialect_cluster", iso639_3 = "iso639_3"
    }

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The classification as dialectologists write it: 方言区 / 片 / 小片.
    public var classification: String {
        [dialectGroup, dialectSubgroup, dialectCluster].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " / ")
    }
}

extension Locality: StoredRecord {
    static var table: String { databaseTableName }
}
