import Foundation
import PostgresNIO

/// The archive's audio landmarks in a PostgreSQL database: a table keyed by (hash, recording,
/// frame), bulk-loaded with `COPY` and looked up with `hash = ANY(…)`. The archive's own
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
        Int(try database.rows("SELECT count(*) FROM landmark")[0].decode(Int64.self))
    }

    /// Copies every landmark `archive` stores into an empty table (the key is added once, after
    /// the rows); returns how many. `progress` is told the count after each chunk.
    @discardableResult
    public func load(from archive: Archive, progress: @escaping @Sendable (Int) -> Void = { _ in }) throws -> Int {
        try database.execute("TRUNCATE landmark")
        try database.execute("ALTER TABLE landmark DROP CONSTRAINT IF EXISTS landmark_key")
        let reader = LandmarkReader(archive: archive)
        try database.copy(into: "landmark", columns: ["hash", "recording_id", "frame"]) {
            guard let rows = try reader.next() else { return nil }
            progress(reader.copied)
            var text = ""
            text.reserveCapacity(rows.count * 24)
            for row in rows { text += "\(row.hash)\t\(row.recordingId)\t\(row.frame)\n" }
            return text
        }
        try database.execute(PostgresQuery(unsafeSQL: PostgresSchema.landmarkKey))
        try database.execute("VACUUM ANALYZE landmark")
        return reader.copied
    }

    /// The recordings that hold `landmarks` (excluding `excluded`), each at its best offset, as
    /// sure as `minimum` or surer, strongest first.
    public func candidates(for landmarks: [Landmark], excluding excluded: Int64? = nil,
                           atLeast minimum: FingerprintMatcher.Confidence = .possible) throws -> [FingerprintMatcher.Candidate] {
        let matcher = FingerprintMatcher(query: landmarks)
        guard !matcher.hashes.isEmpty else { return [] }
        let rows = try database.rows("""
            SELECT hash, recording_id, frame FROM landmark WHERE hash = ANY(\(matcher.hashes)) ORDER BY hash
            """)
        var start = 0
        while start < rows.count {
            let hash = try rows[start].decode(Int32.self)
            var end = start
            var found: [(Int64, Int32)] = []
            while end < rows.count {
                let (rowHash, recording, frame) = try rows[end].decode((Int32, Int64, Int32).self)
                guard rowHash == hash else { break }
                if recording != excluded { found.append((recording, frame)) }
                end += 1
            }
            matcher.vote(hash: hash) { count in for (recording, frame) in found { count(recording, frame) } }
            start = end
        }
        return matcher.candidates().filter { matcher.confidence(of: $0) >= minimum }
    }

    /// Reads the archive's landmarks table by table, one batch per call, for the COPY.
    private final class LandmarkReader: @unchecked Sendable {
        let archive: Archive
        private var tables = LandmarkRow.Table.allCases[...]
        private var last: LandmarkRow?
        private(set) var copied = 0

        init(archive: Archive) { self.archive = archive }

        func next() throws -> [LandmarkRow]? {
            while let table = tables.first {
                let after = last
                let rows = try archive.database.read { db in try LandmarkRow.batch(of: table, after: after, limit: PostgresLandmarkIndex.batchSize, db) }
                if let final = rows.last {
                    last = final
                    copied += rows.count
                    return rows
                }
                tables = tables.dropFirst()
                last = nil
            }
            return nil
        }
    }
}
