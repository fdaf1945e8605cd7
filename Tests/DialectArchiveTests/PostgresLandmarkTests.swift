@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import PostgresNIO
import XCTest

/// PostgreSQL's landmark index finds the same recordings at the same offsets as SQLite's: for
/// each recording's own landmarks, and for an excerpt re-encoded as MP3; loaded at once, in two
/// batches, merged, and migrated from the table of one row per landmark.
final class PostgresLandmarkTests: XCTestCase {
    /// An archive of the sample recordings, merged into SQLite's main index, and one more
    /// ingested after the merge (a quieter copy of the first), so that both tables hold landmarks.
    private struct Archived {
        var archive: Archive
        var source: URL
        var later: Int64

        init() throws {
            archive = try Archive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
            XCTAssertEqual(try archive.ingest(IngestRequest(paths: [TestSupport.repository.appendingPathComponent("recordings")])).failed, [])
            try archive.mergeLandmarks()
            source = try XCTUnwrap(try FileManager.default.contentsOfDirectory(
                at: TestSupport.repository.appendingPathComponent("recordings"), includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "wav" }.sorted { $0.path < $1.path }.first)
            let folder = try TestSupport.scratchFolder("later")
            try TestSupport.ffmpeg(["-i", source.path, "-af", "volume=0.5", folder.appendingPathComponent("quieter.wav").path])
            XCTAssertEqual(try archive.ingest(IngestRequest(paths: [folder])).failed, [])
            later = try XCTUnwrap(try archive.database!.read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM recording") })
        }

        /// How many landmarks each SQLite table holds.
        func stored() throws -> [Int] {
            try archive.database!.read { db in
                try LandmarkRow.Table.allCases.map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0.rawValue)") ?? 0 }
            }
        }

        func sqlite(_ landmarks: [Landmark]) throws -> [String] {
            try archive.identify(landmarks: landmarks, includeRestricted: true).map { "\($0.recordingId)@\($0.offsetMs):\($0.alignedHashes)" }.sorted()
        }

        /// Each recording's own landmarks, and a 4-s excerpt of the first as MP3 64 kbps.
        func queries() throws -> [(name: String, landmarks: [Landmark])] {
            let samples = try archive.store.read { db in try LandmarkRecords.samples(limit: 500, db) }
            XCTAssertGreaterThan(samples.count, 3)
            let excerpt = try TestSupport.scratchFolder("excerpt").appendingPathComponent("excerpt.mp3")
            try TestSupport.ffmpeg(["-ss", "1", "-t", "4", "-i", source.path, "-b:a", "64k", excerpt.path])
            let excerptLandmarks = try XCTUnwrap(try AudioAnalyzer.analyze(excerpt, fingerprinting: true).fingerprint?.landmarks)
            XCTAssertGreaterThanOrEqual(try sqlite(excerptLandmarks).count, 2, "the excerpt is in the original and its quieter copy")
            return samples.sorted { $0.key < $1.key }.map { ("recording \($0.key)", $0.value) } + [("excerpt", excerptLandmarks)]
        }

        /// Every query finds on `index` what it finds on SQLite.
        func assertSameMatches(_ index: PostgresLandmarkIndex, _ when: String, file: StaticString = #filePath, line: UInt = #line) throws {
            for query in try queries() {
                let expected = try sqlite(query.landmarks)
                let found = try index.candidates(for: query.landmarks).map {
                    "\($0.recordingId)@\(Int64(($0.offsetFrames * FingerprintParameters.frameMs).rounded())):\($0.alignedHashes)"
                }.sorted()
                XCTAssertEqual(found, expected, "\(query.name), \(when)", file: file, line: line)
            }
        }
    }

    func testIdentifyFindsTheSameRecordingsAtTheSameOffsetsOnBothIndexes() throws {
        let archived = try Archived()
        let index = try PostgresLandmarkIndex.open(try TestPostgres.freshDatabase())
        defer { index.close() }
        let stored = try archived.stored()
        XCTAssertTrue(stored.allSatisfy { $0 > 0 }, "\(stored)")
        XCTAssertEqual(try index.load(from: archived.archive), stored.reduce(0, +))
        XCTAssertEqual(try index.count(), stored.reduce(0, +))
        for (recording, landmarks) in try archived.archive.store.read({ db in try LandmarkRecords.samples(limit: 500, db) }) {
            XCTAssertTrue(try archived.sqlite(landmarks).contains { $0.hasPrefix("\(recording)@0:") }, "recording \(recording) finds itself")
        }
        try archived.assertSameMatches(index, "loaded at once")
        XCTAssertGreaterThan(try index.bytesOnDisk(), Int64(stored.reduce(0, +) * PostgresLandmarkPostings.pairBytes))
    }

    func testBothIndexesLeaveOutTheSameCommonHashes() throws {
        let archived = try Archived()
        // A third of the excerpt's hashes held by 1,000 more landmarks of another recording
        // each, in both tables: too common for the lookup, which counts both alike.
        let excerpt = try XCTUnwrap(try archived.queries().last { $0.name == "excerpt" })
        let matcher = FingerprintMatcher(query: excerpt.landmarks)
        let flooded = stride(from: 0, to: matcher.hashes.count, by: 3).map { matcher.hashes[$0] }
        try archived.archive.database!.write { db in
            let merged = try db.makeStatement(sql: "INSERT OR IGNORE INTO landmark (hash, recording_id, frame) VALUES (?, ?, ?)")
            let recent = try db.makeStatement(sql: "INSERT OR IGNORE INTO landmark_recent (hash, recording_id, frame) VALUES (?, ?, ?)")
            for (h, hash) in flooded.enumerated() {
                for i in 0..<1000 {
                    try (i % 100 == 0 ? recent : merged).execute(arguments: [hash, archived.later, 1_000_000 + (i * 7919 + h * 104_729) % 9_000_000])
                }
            }
        }
        XCTAssertGreaterThan(flooded.count * 1000, FingerprintParameters.lookupVotesPerLandmark * matcher.queryLandmarks)
        let index = try PostgresLandmarkIndex.open(try TestPostgres.freshDatabase())
        defer { index.close() }
        XCTAssertEqual(try index.load(from: archived.archive), try archived.stored().reduce(0, +))
        try archived.assertSameMatches(index, "common hashes in both tables")
    }

    func testLandmarksAddedAfterTheLoadAndThenMergedFindTheSameMatchesAsOneLoad() throws {
        let archived = try Archived()
        let index = try PostgresLandmarkIndex.open(try TestPostgres.freshDatabase())
        defer { index.close() }
        // The archive as it was before the later recording: loaded without it, then it is added.
        let later = try archived.archive.database!.read { db in
            try Row.fetchAll(db, sql: "SELECT hash, frame FROM landmark_recent WHERE recording_id = ?", arguments: [archived.later])
                .map { Landmark(hash: $0[0], frame: $0[1]) }
        }
        XCTAssertEqual(later.count, try archived.stored()[1], "the later recording's landmarks are SQLite's recent ones")
        try archived.archive.database!.write { db in try db.execute(sql: "DELETE FROM landmark_recent") }
        let before = try index.load(from: archived.archive)
        try archived.archive.database!.write { db in
            for landmark in later {
                try db.execute(sql: "INSERT INTO landmark_recent (hash, recording_id, frame) VALUES (?, ?, ?)",
                               arguments: [landmark.hash, archived.later, landmark.frame])
            }
        }

        try index.add(later + later.prefix(10), of: archived.later)
        XCTAssertEqual(try index.count(), before + later.count, "a landmark given twice is stored once")
        try archived.assertSameMatches(index, "added after the load")
        try index.merge()
        XCTAssertEqual(try index.count(), before + later.count)
        try archived.assertSameMatches(index, "merged")
    }

    func testLandmarksStoredOneRowEachBeforeThePostingsAreKeptByTheMigration() throws {
        let archived = try Archived()
        let address = try TestPostgres.freshDatabase()
        let database = try PostgresDatabase.connect(try PostgresAddress(address))
        defer { database.close() }
        try PostgresSchema.migrate(database, through: "v4 segment search in parts by id")
        var rows: [String] = []
        for table in LandmarkRow.Table.allCases {
            var last: LandmarkRow?
            while case let batch = try archived.archive.database!.read({ try LandmarkRow.batch(of: table, after: last, limit: 5_000, $0) }),
                  let final = batch.last {
                rows += batch.map { "(\($0.hash), \($0.recordingId), \($0.frame))" }
                last = final
            }
        }
        for start in stride(from: 0, to: rows.count, by: 5_000) {
            try database.execute(PostgresQuery(unsafeSQL: "INSERT INTO landmark VALUES " + rows[start..<min(start + 5_000, rows.count)].joined(separator: ", ")
                                               + " ON CONFLICT DO NOTHING"))
        }

        let index = try PostgresLandmarkIndex.open(address)
        defer { index.close() }
        XCTAssertEqual(try index.count(), rows.count)
        try archived.assertSameMatches(index, "migrated")
    }
}
