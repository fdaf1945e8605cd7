import Foundation
import GRDB
import PostgresNIO

/// Moves an archive's database from SQLite to PostgreSQL: every catalogue table, the audit
/// trail, the search index and the landmarks, into an empty database. The SQLite archive is
/// only read. `DatabaseMigrationProof` then shows that both hold the same.
///
/// ```swift
/// let copied = try DatabaseMigration.copy(archive, to: "postgres://archive@/dialects?host=/run/postgresql")
/// let proof = try DatabaseMigrationProof.check(archive, against: "postgres://archive@/dialects?host=/run/postgresql")
/// ```
///
/// The catalogue and the search index are copied in one transaction: a failure, or the process
/// killed, leaves none of their rows behind. The landmarks go first, through
/// `PostgresLandmarkIndex.load`, which replaces whatever landmarks a copy cut short left; they
/// are derived from the recordings and mean nothing without the catalogue.
public enum DatabaseMigration {
    /// What the copy is doing, for a progress line per table.
    public enum Step: Sendable {
        case copying(table: String)
        case copied(TableCopy)
        /// Updating the planner's statistics of every table (`ANALYZE`), after the copy.
        case analysing
        /// The copy is done; its proof begins (`DatabaseMove`).
        case proving(Copied)
    }

    /// One table copied: its rows and how long it took.
    public struct TableCopy: Codable, Equatable, Sendable {
        public var table: String
        public var rows: Int
        public var seconds: Double
    }

    /// The whole copy: each table in the order copied, the time `ANALYZE` took after it, and
    /// the time from connecting to the planner's statistics being current.
    public struct Copied: Codable, Equatable, Sendable {
        public var address: String
        public var tables: [TableCopy]
        public var analyseSeconds: Double
        public var seconds: Double
    }

    /// Copies `archive`'s database into the empty PostgreSQL database at `address`, making its
    /// schema first; refuses a database that already holds archive rows. `catalogueOnly`
    /// copies the catalogue alone, into a database whose search index is already loaded
    /// (`PostgresSegmentIndex.load`, as `postgres-benchmark` does), so that filtered searches
    /// can be answered there.
    @discardableResult
    public static func copy(_ archive: Archive, to address: String, catalogueOnly: Bool = false,
                            progress: (Step) -> Void = { _ in }) throws -> Copied {
        let started = Date()
        let source = try archive.sqliteDatabase()
        let database = try PostgresSchema.connectMigrated(address)
        defer { database.close() }
        let refuseUnlessEmpty = { try Self.refuseUnlessEmpty(database, tables: catalogueOnly ? PostgresSchema.catalogueTables : archiveTables) }
        try refuseUnlessEmpty()
        var tables: [TableCopy] = []
        func timed(_ table: String, _ body: () throws -> Int) throws {
            progress(.copying(table: table))
            let start = Date()
            let copy = TableCopy(table: table, rows: try body(), seconds: Date().timeIntervalSince(start))
            tables.append(copy)
            progress(.copied(copy))
        }
        if !catalogueOnly { try timed("landmark") {
            let landmarks = try PostgresLandmarkIndex.open(address)
            defer { landmarks.close() }
            return try landmarks.load(from: archive)
        } }
        try database.transaction {
            // A second copy into the same database waits here, then finds the rows of the first.
            try database.execute("SELECT pg_advisory_xact_lock(\(copyLockKey))")
            try refuseUnlessEmpty()
            // The rows come with their facets and the index is copied whole: the triggers that
            // keep them in step one row at a time stay off until the copy ends.
            try database.execute("ALTER TABLE segment DISABLE TRIGGER USER")
            for table in PostgresSchema.catalogueTables {
                try timed(table) {
                    let reader = try CopyTableReader(source: source, table: table)
                    try database.copy(into: table, columns: reader.columns) { try reader.next() }
                    return reader.copied
                }
            }
            try setIdentities(source, database)
            if !catalogueOnly { try timed("segment_search") { try copySearchIndex(source, database) } }
            try database.execute("ALTER TABLE segment ENABLE TRIGGER USER")
        }
        progress(.analysing)
        let analysing = Date()
        try database.execute("ANALYZE")
        return Copied(address: database.address.description, tables: tables, analyseSeconds: Date().timeIntervalSince(analysing),
                      seconds: Date().timeIntervalSince(started))
    }

    /// Names the target's advisory lock held while copying (the schema's own, plus one).
    static let copyLockKey = PostgresSchema.lockKey + 1

    /// The tables whose rows make a database an archive's: the catalogue and the search index.
    static var archiveTables: [String] { PostgresSchema.catalogueTables + ["segment_search"] }

    private static func refuseUnlessEmpty(_ database: PostgresDatabase, tables: [String]) throws {
        let occupied = try tablesWithRows(database, among: tables)
        if !occupied.isEmpty { throw DatabaseMigrationError.notEmpty(address: database.address.description, tables: occupied) }
    }

    /// Those of `tables` that hold rows in `database`.
    static func tablesWithRows(_ database: PostgresDatabase, among tables: [String] = archiveTables) throws -> [String] {
        try tables.filter { table in
            try database.rows(PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \(table))"))[0].decode(Bool.self)
        }
    }

    /// Sets each identity past the highest id SQLite gave (AUTOINCREMENT never gives an id twice,
    /// even one whose row was deleted), so that rows added on PostgreSQL get new ids.
    private static func setIdentities(_ source: DatabasePool, _ database: PostgresDatabase) throws {
        for table in PostgresSchema.catalogueIdentities {
            let highest = try source.read { db in
                max(try Int64.fetchOne(db, sql: "SELECT max(id) FROM \"\(table)\"") ?? 0,
                    try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0)
            }
            guard highest > 0 else { continue }
            try database.execute("SELECT setval(pg_get_serial_sequence(\(table), 'id'), \(highest))")
        }
    }

    /// Writes the search index from the archive's own tokens (`PostgresSearchTokens`), as
    /// `PostgresSegmentIndex.load` does, but inside the copy's transaction: its parts made
    /// first, the rows copied, the GIN index built once over them, the totals counted.
    private static func copySearchIndex(_ source: DatabasePool, _ database: PostgresDatabase) throws -> Int {
        let highest = try source.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM segment WHERE facets IS NOT NULL") ?? 0 }
        for part in 0...(highest / PostgresSchema.idsPerPart) {
            try database.execute(PostgresQuery(unsafeSQL: PostgresSchema.segmentSearchPart(holding: part * PostgresSchema.idsPerPart)))
        }
        try database.execute("DROP INDEX IF EXISTS segment_search_tokens")
        let reader = SearchIndexReader(source: source)
        try database.copy(into: "segment_search", columns: ["id", "tokens", "size"]) { try reader.next() }
        try database.execute(PostgresQuery(unsafeSQL: PostgresSchema.segmentSearchIndex))
        try database.execute(PostgresQuery(unsafeSQL: PostgresSchema.segmentSearchRecount))
        return reader.copied
    }

    /// Reads the indexed segments in id order, one batch of COPY text per call.
    private final class SearchIndexReader: @unchecked Sendable {
        let source: DatabasePool
        private var last: Int64 = 0
        private(set) var copied = 0

        init(source: DatabasePool) { self.source = source }

        func next() throws -> String? {
            let after = last
            let rows = try source.read { db in try SegmentSearchRow.batch(after: after, limit: 20_000, db) }
            guard let final = rows.last else { return nil }
            last = final.id
            copied += rows.count
            var text = ""
            for row in rows {
                let entry = PostgresSearchTokens.entry(text: row.text, facets: row.facets)
                text += "\(row.id)\t"
                CopyText.appendEscaped(entry.vector, to: &text)
                text += "\t\(entry.size)\n"
            }
            return text
        }
    }
}

/// Why a database cannot be migrated.
public enum DatabaseMigrationError: Error, Equatable, CustomStringConvertible {
    /// The target already holds an archive's rows; a migration only fills an empty database.
    case notEmpty(address: String, tables: [String])

    public var description: String {
        switch self {
        case .notEmpty(let address, let tables):
            return "\(address): the database already holds archive rows (in \(tables.joined(separator: ", "))); "
                + "migrate into a new, empty database"
        }
    }
}
