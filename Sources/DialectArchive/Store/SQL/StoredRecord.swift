/// A record kept as one row of one table, read and written whole on either database through
/// its `Codable` properties (see `SQLRowDecoder` and `SQLRecordEncoder`).
protocol StoredRecord: Codable {
    /// The table that holds records of this kind.
    static var table: String { get }
}

extension StoreDatabase {
    /// Every row of a query's answer as a record of `type`.
    func records<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> [T] {
        try rows(sql, arguments).map { try SQLRowDecoder.decode(type, from: $0) }
    }

    /// The first row of a query's answer as a record of `type`, nil when there is none.
    func record<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> T? {
        try rows(sql, arguments).first.map { try SQLRowDecoder.decode(type, from: $0) }
    }

    /// The record whose `id` is `id`, nil when there is none.
    func record<T: StoredRecord>(_ type: T.Type, id: any SQLValueConvertible) throws -> T? {
        try record(type, "SELECT * FROM \(T.table) WHERE id = ?", [id])
    }

    /// Inserts a record; a nil `id` is left for the database to give, and returned.
    @discardableResult
    func insert<T: StoredRecord>(_ record: T) throws -> Int64? {
        let all = try SQLRecordEncoder.columns(of: record)
        let databaseGivesID = all.contains { $0.name == "id" && $0.value == .null }
        let columns = all.filter { !($0.name == "id" && $0.value == .null) }
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let returning = databaseGivesID ? " RETURNING id" : ""
        let sql = "INSERT INTO \(T.table) (\(names)) VALUES (\(marks))\(returning)"
        if returning.isEmpty {
            try execute(sql, columns.map(\.value))
            return nil
        }
        let id: Int64? = try rows(sql, columns.map(\.value)).first?[0]
        return id
    }

    /// Writes every column of a record over the row with its `id`; returns whether there was one.
    @discardableResult
    func update<T: StoredRecord>(_ record: T) throws -> Bool {
        let columns = try SQLRecordEncoder.columns(of: record)
        guard let id = columns.first(where: { $0.name == "id" })?.value, id != .null else { return false }
        let others = columns.filter { $0.name != "id" }
        let assignments = others.map { "\"\($0.name)\" = ?" }.joined(separator: ", ")
        return try execute("UPDATE \(T.table) SET \(assignments) WHERE id = ?", others.map(\.value) + [id]) > 0
    }

    /// Inserts a record with its id, or writes every column over the row that has that id.
    func save<T: StoredRecord>(_ record: T) throws {
        let columns = try SQLRecordEncoder.columns(of: record)
        let names = columns.map { "\"\($0.name)\"" }
        let updates = columns.filter { $0.name != "id" }.map { "\"\($0.name)\" = excluded.\"\($0.name)\"" }
        try execute("""
            INSERT INTO \(T.table) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT (id) DO UPDATE SET \(updates.joined(separator: ", "))
            """, columns.map(\.value))
    }

    /// Whether a record of this kind has the id `id`.
    func exists<T: StoredRecord>(_ type: T.Type, id: any SQLValueConvertible) throws -> Bool {
        try value("SELECT EXISTS (SELECT 1 FROM \(T.table) WHERE id = ?)", [id], as: Bool.self) ?? false
    }
}
