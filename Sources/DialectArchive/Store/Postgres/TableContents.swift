import Foundation
import GRDB
import PostgresNIO

/// Every row of one catalogue table compared on SQLite and PostgreSQL, value by value: each
/// value written as text the same way on both sides (integers in decimal, doubles in Swift's
/// exact form, booleans as 0 and 1, blobs in hex) and each row reduced to a hash. Rows are
/// matched by id where the table has one; otherwise the two sets of rows are compared whole.
struct TableContents {
    /// Rows read per statement from a table keyed by an integer id.
    static let batchSize = 20_000
    /// Differences named per table; more are counted.
    static let namedPerTable = 20

    var rows = 0
    var differences: [String] = []

    static func compare(_ table: String, _ source: DatabasePool, _ database: PostgresDatabase) throws -> TableContents {
        let columns = try source.read { db in try db.columns(in: table) }.map(\.name)
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        var differing: [String] = []
        var rows = 0
        if PostgresSchema.catalogueIdentities.contains(table), let idColumn = columns.firstIndex(of: "id") {
            var sqlite: [Int64: Int] = [:], postgres: [Int64: Int] = [:]
            var last = Int64.min
            while true {
                let batch = try source.read { db in
                    try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(table)\" WHERE id > ? ORDER BY id LIMIT ?", arguments: [last, batchSize])
                }
                guard let final = batch.last else { break }
                last = final[idColumn]
                for row in batch { sqlite[row[idColumn]] = hash(row.databaseValues.map(text)) }
            }
            last = Int64.min
            while true {
                let batch = try database.rows(PostgresQuery(unsafeSQL: "SELECT \(list) FROM \(table) WHERE id > \(last) ORDER BY id LIMIT \(batchSize)"))
                guard !batch.isEmpty else { break }
                for row in batch {
                    let cells = Array(row)
                    last = try cells[idColumn].decode(Int64.self)
                    postgres[last] = hash(try cells.map(text))
                }
            }
            rows = sqlite.count
            for (id, value) in sqlite {
                if let other = postgres.removeValue(forKey: id) {
                    if other != value { differing.append("\(table) \(id): its values differ") }
                } else {
                    differing.append("\(table) \(id): missing on PostgreSQL")
                }
            }
            differing += postgres.keys.map { "\(table) \($0): on PostgreSQL only" }
            differing.sort { $0.localizedStandardCompare($1) == .orderedAscending }
        } else {
            // Rows without an id of their own are compared as two sets, counting repeats.
            var sqlite: [Int: Int] = [:], postgres: [Int: Int] = [:]
            for row in try source.read({ db in try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(table)\"") }) {
                sqlite[hash(row.databaseValues.map(text)), default: 0] += 1
            }
            for row in try database.rows(PostgresQuery(unsafeSQL: "SELECT \(list) FROM \(table)")) {
                postgres[hash(try row.map(text)), default: 0] += 1
            }
            rows = sqlite.values.reduce(0, +)
            let onlySQLite = sqlite.reduce(0) { $0 + max(0, $1.value - (postgres[$1.key] ?? 0)) }
            let onlyPostgres = postgres.reduce(0) { $0 + max(0, $1.value - (sqlite[$1.key] ?? 0)) }
            if onlySQLite + onlyPostgres > 0 {
                differing.append("\(table): \(onlySQLite) rows on SQLite have no equal on PostgreSQL, and \(onlyPostgres) on PostgreSQL none on SQLite")
            }
        }
        var contents = TableContents(rows: rows, differences: Array(differing.prefix(namedPerTable)))
        if differing.count > namedPerTable { contents.differences.append("\(table): \(differing.count - namedPerTable) more rows differ") }
        return contents
    }

    private static func hash(_ values: [String?]) -> Int {
        var hasher = Hasher()
        for value in values { hasher.combine(value) }
        return hasher.finalize()
    }

    /// A value SQLite stores, as text.
    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let number): return String(number)
        case .double(let number): return CopyText.text(number)
        case .string(let text): return text
        case .blob(let data): return Checksum.hex(data)
        }
    }

    /// A value PostgreSQL returns, as text written as SQLite's would be.
    private static func text(_ cell: PostgresCell) throws -> String? {
        guard cell.bytes != nil else { return nil }
        switch cell.dataType {
        case .int2, .int4, .int8: return String(try cell.decode(Int64.self))
        case .float4, .float8: return CopyText.text(try cell.decode(Double.self))
        case .bool: return try cell.decode(Bool.self) ? "1" : "0"
        case .bytea: return Checksum.hex(try cell.decode(ByteBuffer.self).readableBytesView)
        default: return try cell.decode(String.self)
        }
    }
}
