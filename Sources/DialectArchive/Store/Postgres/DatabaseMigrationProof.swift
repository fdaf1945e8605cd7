import Foundation
import GRDB
import PostgresNIO

/// What a migrated PostgreSQL database was checked for against the SQLite archive it came
/// from, with every difference named: the rows of every table (counted, and in the catalogue
/// compared value by value), each recording's and
/// transcript's checksum and size, the audit trail's hash chain recomputed from PostgreSQL's
/// rows and its head, and the answers of a sample of searches (ordered ids and count).
public struct DatabaseMigrationProof: Codable, Sendable {
    /// A table's rows on both sides.
    public struct TableCount: Codable, Equatable, Sendable {
        public var table: String
        public var sqlite: Int
        public var postgres: Int
    }

    /// A search asked of both indexes: its hits' count on each, and whether the first
    /// `idsCompared` ids were the same, in the same order.
    public struct QueryComparison: Codable, Equatable, Sendable {
        public var kind: String
        public var query: String
        public var sqliteCount: Int
        public var postgresCount: Int
        public var idsCompared: Int
        public var sameIds: Bool
    }

    public var address: String
    public var tables: [TableCount]
    /// Catalogue rows whose every value was compared.
    public var rowsCompared: Int
    public var recordingsCompared: Int
    public var transcriptsCompared: Int
    public var events: Int
    public var sqliteHead: String?
    public var postgresHead: String?
    public var queries: [QueryComparison]
    /// Every difference found, each naming its table, recording, event or query.
    public var differences: [String]
    public var seconds: Double

    public var passed: Bool { differences.isEmpty }

    /// Ids compared per search, in order (the count is compared whole).
    public static let idsPerQuery = 1_000

    /// Checks the database at `address` against `archive`, with `queriesPerKind` searches of
    /// each kind sampled from the archive's texts (`SearchSample`).
    public static func check(_ archive: Archive, against address: String, queriesPerKind: Int = 20) throws -> DatabaseMigrationProof {
        try check(archive, against: address, queries: try SearchSample.queries(from: archive, perKind: queriesPerKind))
    }

    /// Checks the database at `address` against `archive`, asking both the given searches.
    public static func check(_ archive: Archive, against address: String, queries: [SampledQuery]) throws -> DatabaseMigrationProof {
        let started = Date()
        let source = try archive.sqliteDatabase()
        let database = try PostgresSchema.connectMigrated(address)
        defer { database.close() }
        var differences: [String] = []

        var tables: [TableCount] = []
        for table in PostgresSchema.catalogueTables + ["landmark", "segment_search"] {
            let sqliteSQL: String
            switch table {
            case "landmark": sqliteSQL = "SELECT (SELECT count(*) FROM landmark) + (SELECT count(*) FROM landmark_recent)"
            case "segment_search": sqliteSQL = "SELECT count(*) FROM segment WHERE facets IS NOT NULL"
            default: sqliteSQL = "SELECT count(*) FROM \"\(table)\""
            }
            let sqlite = try source.read { db in try Int.fetchOne(db, sql: sqliteSQL) ?? 0 }
            // PostgreSQL keeps a hash's landmarks packed in one row (migration v6): they are counted pair by pair.
            let postgres = table == "landmark"
                ? try PostgresLandmarkIndex.count(database)
                : Int(try database.rows(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))[0].decode(Int64.self))
            tables.append(TableCount(table: table, sqlite: sqlite, postgres: postgres))
            if sqlite != postgres { differences.append("\(table): \(sqlite) rows on SQLite, \(postgres) on PostgreSQL") }
        }

        var rowsCompared = 0
        for table in PostgresSchema.catalogueTables {
            let contents = try TableContents.compare(table, source, database)
            rowsCompared += contents.rows
            differences += contents.differences
        }

        let recordings = try compareChecksums("recording", source, database, &differences)
        let transcripts = try compareChecksums("transcript", source, database, &differences)

        let chain = try PostgresAuditChain.check(database)
        differences += chain.breaks.map { "audit trail on PostgreSQL: \($0)" }
        let sqliteHead = try source.read { db in try String.fetchOne(db, sql: "SELECT hash FROM event ORDER BY id DESC LIMIT 1") }
        if sqliteHead != chain.head {
            differences.append("audit trail: its head is \(chain.head ?? "missing") on PostgreSQL, \(sqliteHead ?? "missing") on SQLite")
        }

        let index = try PostgresSegmentIndex.open(address)
        defer { index.close() }
        var compared: [QueryComparison] = []
        for sampled in queries {
            let query = try SearchQuery(sampled.text)
            let (sqliteIds, sqliteCount) = try source.read { db in
                (try Int64.fetchAll(db, sql: "SELECT rowid FROM segment_fts WHERE segment_fts MATCH ? ORDER BY rowid LIMIT ?",
                                    arguments: [query.ftsExpression, idsPerQuery]),
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM segment_fts WHERE segment_fts MATCH ?", arguments: [query.ftsExpression]) ?? 0)
            }
            let postgresIds = try index.segmentIDs(query, limit: idsPerQuery)
            let postgresCount = try index.count(query)
            let comparison = QueryComparison(kind: sampled.kind, query: sampled.text, sqliteCount: sqliteCount, postgresCount: postgresCount,
                                             idsCompared: sqliteIds.count, sameIds: sqliteIds == postgresIds)
            compared.append(comparison)
            if sqliteCount != postgresCount {
                differences.append("search \(sampled.text) (\(sampled.kind)): \(sqliteCount) hits on SQLite, \(postgresCount) on PostgreSQL")
            }
            if !comparison.sameIds {
                let at = (0..<min(sqliteIds.count, postgresIds.count)).first { sqliteIds[$0] != postgresIds[$0] }
                    ?? min(sqliteIds.count, postgresIds.count)
                let onSQLite = at < sqliteIds.count ? String(sqliteIds[at]) : "none"
                let onPostgres = at < postgresIds.count ? String(postgresIds[at]) : "none"
                differences.append("search \(sampled.text) (\(sampled.kind)): the hits differ from the \(ordinal(at + 1)) on "
                                   + "(segment \(onSQLite) on SQLite, \(onPostgres) on PostgreSQL)")
            }
        }
        return DatabaseMigrationProof(address: database.address.description, tables: tables, rowsCompared: rowsCompared, recordingsCompared: recordings,
                                      transcriptsCompared: transcripts, events: chain.events, sqliteHead: sqliteHead,
                                      postgresHead: chain.head, queries: compared, differences: differences,
                                      seconds: Date().timeIntervalSince(started))
    }

    /// Compares each row's `sha256` and `size` by id; returns how many rows SQLite has.
    private static func compareChecksums(_ table: String, _ source: DatabasePool, _ database: PostgresDatabase,
                                         _ differences: inout [String]) throws -> Int {
        struct Sum: Equatable { var sha256: String; var size: Int64 }
        let sqlite = try source.read { db in
            try Row.fetchAll(db, sql: "SELECT id, sha256, size FROM \"\(table)\" ORDER BY id").map { ($0[0] as Int64, Sum(sha256: $0[1], size: $0[2])) }
        }
        var postgres: [Int64: Sum] = [:]
        for row in try database.rows(PostgresQuery(unsafeSQL: "SELECT id, sha256, size FROM \(table)")) {
            let (id, sha256, size) = try row.decode((Int64, String, Int64).self)
            postgres[id] = Sum(sha256: sha256, size: size)
        }
        for (id, sum) in sqlite {
            guard let other = postgres.removeValue(forKey: id) else {
                differences.append("\(table) \(id): missing on PostgreSQL")
                continue
            }
            if other.sha256 != sum.sha256 { differences.append("\(table) \(id): checksum \(other.sha256) on PostgreSQL, \(sum.sha256) on SQLite") }
            if other.size != sum.size { differences.append("\(table) \(id): \(other.size) bytes on PostgreSQL, \(sum.size) on SQLite") }
        }
        for id in postgres.keys.sorted() { differences.append("\(table) \(id): on PostgreSQL only") }
        return sqlite.count
    }

    private static func ordinal(_ number: Int) -> String {
        switch (number % 10, number % 100) {
        case (1, let n) where n != 11: return "\(number)st"
        case (2, let n) where n != 12: return "\(number)nd"
        case (3, let n) where n != 13: return "\(number)rd"
        default: return "\(number)th"
        }
    }
}
