@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// Recordings and their fingerprints on SQLite and on PostgreSQL: the same field trip ingested
/// into each stores the same recordings and landmarks, warns of the same duplicates, and
/// `identify`, `duplicates`, `refingerprint` and a purge then answer alike.
final class FingerprintOnBothDatabasesTests: XCTestCase {
    /// A fresh SQLite archive and a fresh PostgreSQL one, in folders of their own.
    private func emptyArchives() throws -> (sqlite: Archive, postgres: Archive, database: PostgresDatabase, folder: URL) {
        let folder = try TestSupport.scratchFolder()
        let sqlite = try Archive.create(at: folder.appendingPathComponent("sqlite"))
        let database = try PostgresDatabase.connect(try PostgresAddress(try TestPostgres.freshDatabase()))
        try PostgresSchema.migrate(database)
        let postgresFolder = folder.appendingPathComponent("postgres")
        for sub in ["recordings", "transcripts", ".incoming"] {
            try FileManager.default.createDirectory(at: postgresFolder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let postgres = Archive(url: postgresFolder, postgres: database)
        return (sqlite, postgres, database, folder)
    }

    /// What each archive stores of its recordings and their landmarks.
    private func stored(_ archive: Archive) throws -> (recordings: [[String]], landmarks: Int) {
        try archive.store.read { db in
            let recordings = try db.records(Recording.self, "SELECT * FROM recording ORDER BY sha256").map {
                [$0.originalName, $0.sha256, $0.audioSha256, $0.sessionId, "\($0.durationMs)", $0.chromaprint ?? "-", "\($0.fingerprintVersion ?? -1)"]
            }
            let landmarks: Int
            switch db.connection {
            case .sqlite: landmarks = try db.value("SELECT (SELECT count(*) FROM landmark) + (SELECT count(*) FROM landmark_recent)", as: Int.self) ?? 0
            case .postgres(let postgres): landmarks = try PostgresLandmarkIndex.count(postgres)
            }
            return (recordings, landmarks)
        }
    }

    /// Warnings with recording numbers left out: parallel ingests number recordings in either order.
    private func unnumbered(_ report: IngestReport) -> [String] {
        report.warnings.map { $0.message.replacingOccurrences(of: #"recording \d+"#, with: "recording", options: .regularExpression) }.sorted()
    }

    /// A match as both databases must give it: the recording by name, not by its number.
    private func described(_ matches: [AudioMatch]) -> [String] {
        matches.map { "\($0.recordingFile) \($0.offsetMs) \($0.alignedHashes) \($0.confidence)" }
    }

    func testTheSampleIngestsIntoBothWithTheSameRecordingsLandmarksAndMatches() throws {
        let (sqlite, postgres, database, folder) = try emptyArchives()
        defer { database.close() }
        let repo = TestSupport.repository
        let request = IngestRequest(paths: [repo.appendingPathComponent("recordings"), repo.appendingPathComponent("transcripts")])
        let reports = try [sqlite, postgres].map { try $0.ingest(request) }
        XCTAssertEqual(reports[0].failed, [])
        XCTAssertEqual(reports[1].failed, [])
        XCTAssertEqual(reports[0].added.count, reports[1].added.count)
        XCTAssertEqual(unnumbered(reports[0]), unnumbered(reports[1]))

        let before = try [sqlite, postgres].map(stored)
        XCTAssertEqual(before[0].recordings, before[1].recordings)
        XCTAssertGreaterThan(before[0].recordings.count, 5)
        XCTAssertEqual(before[0].landmarks, before[1].landmarks)
        XCTAssertGreaterThan(before[1].landmarks, 1_000)

        // A re-encoded excerpt of a sample recording is found at the same offset on both, and
        // the same file re-encoded whole is named as the same audio when it is ingested.
        let wav = repo.appendingPathComponent("recordings/gz-yf-cihui.wav")
        let excerpt = folder.appendingPathComponent("excerpt.mp3")
        try TestSupport.ffmpeg(["-ss", "3.2", "-t", "6", "-i", wav.path, "-c:a", "libmp3lame", "-b:a", "32k", excerpt.path])
        let found = try [sqlite, postgres].map { described(try $0.identify(excerpt)) }
        XCTAssertEqual(found[0], found[1])
        XCTAssertEqual(found[1].first?.hasPrefix("gz-yf-cihui.wav 3"), true, "\(found[1])")

        let trip = folder.appendingPathComponent("trip/gz-yf-cihui")
        try FileManager.default.createDirectory(at: trip, withIntermediateDirectories: true)
        let copy = trip.appendingPathComponent("cihui-copy.mp3")
        try TestSupport.ffmpeg(["-i", wav.path, "-c:a", "libmp3lame", "-b:a", "48k", copy.path])
        let again = try [sqlite, postgres].map { try $0.ingest(IngestRequest(paths: [copy])) }
        XCTAssertEqual(again[0].added.count, 1)
        XCTAssertEqual(unnumbered(again[0]), unnumbered(again[1]))
        XCTAssertTrue(again[1].warnings.contains { $0.message.contains("gz-yf-cihui.wav") }, "\(again[1].warnings)")
        let groups = try [sqlite, postgres].map { archive in
            try archive.duplicates().map { group in "\(group.kind) " + group.members.map { "\($0.file)@\($0.offsetMs ?? 0)" }.joined(separator: " ") }
        }
        XCTAssertEqual(groups[0], groups[1])
        XCTAssertTrue(groups[1].contains { $0.contains("cihui-copy.mp3") }, "\(groups[1])")

        // The copy's landmarks are found beside the original's; merging the recent landmarks
        // into the main index changes where they are, not what is found.
        let withCopy = try [sqlite, postgres].map { described(try $0.identify(excerpt)) }
        XCTAssertEqual(withCopy[0], withCopy[1])
        XCTAssertEqual(withCopy[1].count, found[1].count + 1, "\(withCopy[1])")
        for archive in [sqlite, postgres] { try archive.mergeLandmarks() }
        XCTAssertEqual(try [sqlite, postgres].map { described(try $0.identify(excerpt)) }, withCopy)
        let merged = try [sqlite, postgres].map(stored)
        XCTAssertEqual(merged[0].landmarks, merged[1].landmarks)
        XCTAssertGreaterThan(merged[1].landmarks, before[1].landmarks)
    }

    func testRefingerprintAndPurgeChangeTheLandmarksAlikeOnBoth() throws {
        let both = try SampleOnBoth()
        defer { both.database.close() }
        let wav = TestSupport.repository.appendingPathComponent("recordings/gz-yf-cihui.wav")
        let excerpt = try TestSupport.scratchFolder().appendingPathComponent("excerpt.opus")
        try TestSupport.ffmpeg(["-ss", "2", "-t", "5", "-i", wav.path, "-c:a", "libopus", "-b:a", "16k", excerpt.path])
        let found = try both.both.map { described(try $0.archive.identify(excerpt)) }
        XCTAssertEqual(found[0], found[1])
        XCTAssertFalse(found[1].isEmpty)
        let landmarks = try both.both.map { try stored($0.archive).landmarks }
        XCTAssertEqual(landmarks[0], landmarks[1])

        // An older fingerprint on every recording: refingerprint computes them all again, and
        // stores each recording's landmarks once, in place of the old ones.
        for (_, archive) in both.both {
            try archive.store.write { db in try db.execute("UPDATE recording SET fingerprint_version = 0") }
        }
        let outdated = try both.both.map { try $0.archive.outdatedFingerprints() }
        XCTAssertEqual(outdated[0], outdated[1])
        XCTAssertGreaterThan(outdated[0], 5)
        let reports = try both.both.map { try $0.archive.refingerprint() }
        XCTAssertEqual(reports[0], reports[1])
        XCTAssertGreaterThan(reports[1].fingerprinted.count, 5)
        XCTAssertEqual(try both.both.map { try stored($0.archive).landmarks }, landmarks)
        XCTAssertEqual(try both.both.map { described(try $0.archive.identify(excerpt)) }, found)

        // A purged recording's landmarks go with its file: on both, it is matched no more and
        // the index holds as many landmarks less.
        let ownLandmarks = try both.sqlite.store.read { db in
            try db.value("""
                SELECT (SELECT count(*) FROM landmark l JOIN recording r ON r.id = l.recording_id WHERE r.original_name = 'gz-yf-cihui.wav')
                     + (SELECT count(*) FROM landmark_recent l JOIN recording r ON r.id = l.recording_id WHERE r.original_name = 'gz-yf-cihui.wav')
                """, as: Int.self) ?? 0
        }
        XCTAssertGreaterThan(ownLandmarks, 100)
        let session = try XCTUnwrap(try both.sqlite.store.read { db in
            try db.value("SELECT session_id FROM recording WHERE original_name = 'gz-yf-cihui.wav'", as: String.self)
        })
        for (_, archive) in both.both {
            _ = try archive.withdraw(session, reason: "the speaker asked for it", purge: true, confirmed: true)
        }
        let after = try both.both.map { described(try $0.archive.identify(excerpt, includeRestricted: true)) }
        XCTAssertEqual(after[0], after[1])
        XCTAssertFalse(after[1].contains { $0.hasPrefix("gz-yf-cihui.wav") }, "\(after[1])")
        XCTAssertEqual(try both.both.map { try stored($0.archive).landmarks }, landmarks.map { $0 - ownLandmarks })
    }
}
