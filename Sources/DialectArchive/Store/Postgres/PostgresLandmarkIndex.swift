import Foundation
import GRDB
import PostgresNIO

/// The archive's audio landmarks in a PostgreSQL database: a row per hash holding all its
/// (recording, frame) pairs (`PostgresLandmarkPostings`), bulk-loaded with `COPY` and looked
/// up with `hash = ANY(…)`. Landmarks added later go to a second table, searched beside the
/// first and merged into it many at a time, as SQLite's `landmark_recent` is. The archive's own
/// matcher (`FingerprintMatcher`) votes on what it finds, so `identify` and `duplicates` find
/// the same recordings at the same offsets as on SQLite.
///
/// ```swift
/// let landmarks = try PostgresLandmarkIndex.open("postgres://archive@/dialects?host=/run/postgresql")
/// try landmarks.load(from: archive)
/// let found = try landmarks.candidates(for: excerptLandmarks)
/// ```
public final class PostgresLandmarkIndex: Sendable {
    private let database: PostgresDatabase
    /// Landmarks read from SQLite and sent per COPY chunk while loading.
    static let batchSize = 200_000

    private init(database: PostgresDatabase) {
        self.database = database
    }

    /// Connects to the database at `address` and brings its schema up to date.
    public static func open(_ address: String) throws -> PostgresLandmarkIndex {
        PostgresLandmarkIndex(database: try PostgresSchema.connectMigrated(address))
    }

    public func close() { database.close() }

    /// How many landmarks are stored.
    public func count() throws -> Int {
        try Self.count(database)
    }

    /// How many landmarks `database` holds.
    static func count(_ database: PostgresDatabase) throws -> Int {
        let bytes = try database.rows("""
            SELECT coalesce(sum(octet_length(postings)), 0)::bigint FROM (
                SELECT postings FROM landmark_posting UNION ALL SELECT postings FROM landmark_posting_recent) AS stored
            """)[0].decode(Int64.self)
        return Int(bytes) / PostgresLandmarkPostings.pairBytes
    }

    /// Bytes the landmark tables take on disk, their indexes included.
    public func bytesOnDisk() throws -> Int64 {
        try database.rows("""
            SELECT (pg_total_relation_size('landmark_posting') + pg_total_relation_size('landmark_posting_recent'))::bigint
            """)[0].decode(Int64.self)
    }

    /// Replaces the stored landmarks with every landmark `archive` stores, copied table by
    /// table: SQLite's main index into the main table, its recent landmarks into the recent
    /// one. Returns how many; `progress` is told the count after each chunk.
    @discardableResult
    public func load(from archive: Archive, progress: @escaping @Sendable (Int) -> Void = { _ in }) throws -> Int {
        let reader = LandmarkReader(source: try archive.sqliteDatabase())
        try database.execute("TRUNCATE landmark_posting, landmark_posting_recent")
        for (table, into) in [(LandmarkRow.Table.merged, "landmark_posting"), (.recent, "landmark_posting_recent")] {
            reader.start(table)
            try database.copy(into: into, columns: ["hash", "postings"], bytes: {
                let chunk = try reader.next()
                if chunk != nil { progress(reader.copied) }
                return chunk
            })
        }
        try database.execute("ANALYZE landmark_posting, landmark_posting_recent")
        return reader.copied
    }

    /// Adds a recording's landmarks to the recent table (the main one is not rewritten).
    public func add(_ landmarks: [Landmark], of recordingId: Int64) throws {
        try PostgresLandmarkRecords.store(landmarks, of: recordingId, database)
    }

    /// Moves the recent table's landmarks into the main one, appended to their hashes' rows.
    public func merge() throws {
        try database.transaction { try PostgresLandmarkRecords.merge(database) }
    }

    /// The recordings that hold `landmarks` (excluding `excluded`), each at its best offset, as
    /// sure as `minimum` or surer, strongest first.
    public func candidates(for landmarks: [Landmark], excluding excluded: Int64? = nil,
                           atLeast minimum: FingerprintMatcher.Confidence = .possible) throws -> [FingerprintMatcher.Candidate] {
        let matcher = FingerprintMatcher(query: landmarks)
        try PostgresLandmarkRecords.vote(matcher, excluding: excluded, database)
        return matcher.candidates().filter { matcher.confidence(of: $0) >= minimum }
    }

    /// Reads one of the archive's landmark tables in key order, a batch per call, as COPY lines
    /// of postings.
    private final class LandmarkReader: @unchecked Sendable {
        let source: DatabasePool
        private var table: LandmarkRow.Table?
        private var last: LandmarkRow?
        private var lines = PostgresLandmarkPostings.Lines()
        private(set) var copied = 0

        init(source: DatabasePool) { self.source = source }

        func start(_ table: LandmarkRow.Table) {
            self.table = table
            last = nil
            lines = PostgresLandmarkPostings.Lines()
        }

        func next() throws -> ByteBuffer? {
            guard let table else { return nil }
            let after = last
            let rows = try source.read { db in try LandmarkRow.batch(of: table, after: after, limit: PostgresLandmarkIndex.batchSize, db) }
            for row in rows { lines.add(hash: row.hash, recordingId: row.recordingId, frame: row.frame) }
            copied += rows.count
            last = rows.last
            if rows.count < PostgresLandmarkIndex.batchSize {
                lines.finish()
                self.table = nil
            }
            let chunk = lines.take()
            return chunk.readableBytes > 0 || self.table != nil ? chunk : nil
        }
    }
}
