@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// A crash or `kill -9` at any moment of an ingest leaves no half-stored file or row, and
/// running the same command again finishes the job, whichever database the archive lives in.
final class CrashSafetyTests: XCTestCase {
    func testKillNineMidIngestLeavesNothingHalfStoredAndARerunFinishes() throws {
        try killNineMidIngestLeavesNothingHalfStoredAndARerunFinishes(database: .sqlite)
    }

    /// On PostgreSQL the server rolls back the transaction of a client killed mid-way, and the
    /// files in the folder must still agree with the rows it kept.
    func testKillNineMidIngestOnPostgreSQLLeavesNothingHalfStoredAndARerunFinishes() throws {
        try killNineMidIngestLeavesNothingHalfStoredAndARerunFinishes(database: .postgres(try TestPostgres.freshDatabase()))
    }

    /// One recording of the field trip: its checksum, the landmarks its fingerprint has, and the
    /// word its transcript holds.
    private struct Take {
        var sha256: String
        var landmarks: Set<Landmark>
        var word: String
    }

    private func killNineMidIngestLeavesNothingHalfStoredAndARerunFinishes(database: DatabaseChoice,
                                                                         name: String = #function) throws {
        let trip = try FieldFolder(name)
        var takes: [Take] = []
        for (index, word) in ["日", "月", "星", "山", "水", "火", "木", "金", "土", "风", "雨", "雪", "花", "草", "鸟", "鱼"].enumerated() {
            let file = try trip.tone("take-\(index).wav", frequency: 200 + 37 * index, seconds: 12,
                                     extra: ["-ac", "2", "-ar", "48000", "-c:a", "pcm_s24le"])
            try trip.write("take-\(index).TextGrid", TestSupport.oneIntervalTextGrid(tier: "汉字", text: word))
            let (facts, fingerprint) = try AudioAnalyzer.analyze(file, fingerprinting: true)
            let landmarks = Set(try XCTUnwrap(fingerprint).landmarks)
            XCTAssertFalse(landmarks.isEmpty, "a tone has landmarks")
            takes.append(Take(sha256: facts.sha256, landmarks: landmarks, word: word))
        }
        let archiveURL = try TestSupport.scratchFolder(name).appendingPathComponent("archive")
        let made: TestSupport.Result
        switch database {
        case .sqlite: made = try TestSupport.cli(["init"], archive: archiveURL)
        case .postgres(let address): made = try TestSupport.cli(["init", "--database", address], archive: archiveURL)
        }
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertEqual(try Archive.open(at: archiveURL).store.kind, database == .sqlite ? .sqlite : .postgres)

        // Killed at moments spread over a whole ingest, each the first time it holds: as it
        // starts, while it copies a recording, as recordings and then transcripts are put in
        // place (mostly before their rows are committed). Each run finds the files the runs
        // before it left in place.
        let recordings = archiveURL.appendingPathComponent("recordings"), transcripts = archiveURL.appendingPathComponent("transcripts")
        let incoming = archiveURL.appendingPathComponent(".incoming")
        let moments: [(name: String, holds: () -> Bool)] = [
            ("as it starts", { true }),
            ("while it copies a recording", { self.files(in: incoming) > 0 }),
            ("once 2 recordings are in place", { self.files(in: recordings) >= 2 }),
            ("once 9 recordings are in place", { self.files(in: recordings) >= 9 }),
            ("once a transcript is in place", { self.files(in: transcripts) >= 1 }),
            ("once 9 transcripts are in place", { self.files(in: transcripts) >= 9 }),
        ]
        for moment in moments {
            let process = Process()
            process.executableURL = TestSupport.cli
            process.arguments = ["ingest", trip.url.path, "--archive", archiveURL.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(300)
            while process.isRunning, !moment.holds(), Date() < deadline { usleep(2_000) }
            XCTAssertTrue(process.isRunning, "the ingest ended before it could be killed \(moment.name)")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try assertNothingHalfStored(archiveURL, takes, after: "kill -9 \(moment.name)")
        }

        let finish = try TestSupport.cli(["ingest", trip.url.path], archive: archiveURL)
        XCTAssertEqual(finish.status, 0, finish.stderr)
        let archive = try Archive.open(at: archiveURL)
        XCTAssertEqual(try archive.recordings().count, 16)
        try assertNothingHalfStored(archiveURL, takes, after: "the final run")
        XCTAssertEqual(try archive.store.read { db in try db.value("SELECT count(*) FROM transcript", as: Int.self) }, 16)
        XCTAssertEqual(files(in: recordings), 16, "every stored recording has its row and none is stored twice")
        XCTAssertEqual(files(in: transcripts), 16, "every stored transcript has its row and none is stored twice")
        XCTAssertEqual(files(in: incoming), 0)
        let verified = try TestSupport.cli(["verify"], archive: archiveURL)
        XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
        XCTAssertTrue(verified.stdout.contains("all intact"), verified.stdout)
        let chain = try TestSupport.cli(["log", "--verify"], archive: archiveURL)
        XCTAssertEqual(chain.status, 0, chain.stderr)
        XCTAssertTrue(chain.stdout.contains("unbroken chain"), chain.stdout)

        let again = try TestSupport.cli(["ingest", trip.url.path], archive: archiveURL)
        XCTAssertTrue(again.stdout.contains("recordings   0 added, 16 already present"), again.stdout)
        XCTAssertTrue(again.stdout.contains("transcripts  0 added, 16 already present"), again.stdout)
    }

    /// The files anywhere under `folder`.
    private func regularFiles(in folder: URL) -> [URL] {
        (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { !$0.hasDirectoryPath && (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    private func files(in folder: URL) -> Int { regularFiles(in: folder).count }

    /// Every row has its whole file, its recording's landmarks are all in the index and no
    /// landmark belongs to a recording without a row, every transcript has its segments and the
    /// search index finds exactly the segments stored, and the audit trail is one chain.
    private func assertNothingHalfStored(_ archiveURL: URL, _ takes: [Take], after moment: String) throws {
        let archive = try Archive.open(at: archiveURL)
        let bySHA256 = Dictionary(uniqueKeysWithValues: takes.map { ($0.sha256, $0) })
        let landmarks = try storedLandmarks(archive)
        var recordings = Set<Int64>()
        for listing in try archive.recordings() {
            let file = archive.absolute(listing.recording.storedPath)
            XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "\(moment): row without file \(file.path)")
            XCTAssertEqual(try TestSupport.sha256sum(file), listing.recording.sha256, "\(moment): \(file.path) differs from its row")
            let id = try XCTUnwrap(listing.recording.id)
            recordings.insert(id)
            let expected = bySHA256[listing.recording.sha256]?.landmarks ?? [], kept = landmarks.kept[id] ?? []
            XCTAssertTrue(kept == expected, "\(moment): recording \(id) holds \(kept.intersection(expected).count) of its \(expected.count) landmarks"
                          + " and \(kept.subtracting(expected).count) others")
        }
        XCTAssertEqual(Set(landmarks.kept.keys).subtracting(recordings), [], "\(moment): landmarks of recordings without a row")
        XCTAssertEqual(landmarks.twice, 0, "\(moment): landmarks stored twice")
        for file in regularFiles(in: archiveURL.appendingPathComponent("recordings")) {
            XCTAssertNotNil(bySHA256[try TestSupport.sha256sum(file)], "\(moment): \(file.path) is not a whole original")
        }

        let partial = try archive.store.read { db in
            try db.values("SELECT id FROM transcript t WHERE (SELECT count(*) FROM segment s WHERE s.transcript_id = t.id) != 1", as: Int64.self)
        }
        XCTAssertEqual(partial, [], "\(moment): transcripts without their segment")
        for take in takes {
            let stored = try archive.store.read { db in try db.values("SELECT id FROM segment WHERE text = ? ORDER BY id", [take.word], as: Int64.self) }
            let found = try archive.searchSegmentIDs(try SearchQuery(take.word), limit: 100, as: .owner(includeRestricted: true))
            XCTAssertEqual(found, stored, "\(moment): the search index finds what is stored of \(take.word)")
        }
        XCTAssertNil(try archive.checkAuditTrail().firstBreak, "\(moment): the audit trail is one chain")
    }

    /// The landmarks the archive's index holds, by recording, and how many it holds twice.
    private func storedLandmarks(_ archive: Archive) throws -> (kept: [Int64: Set<Landmark>], twice: Int) {
        let stored = try StoredLandmarks.all(archive)
        let kept = stored.mapValues { Set($0) }
        return (kept, stored.values.reduce(0) { $0 + $1.count } - kept.values.reduce(0) { $0 + $1.count })
    }
}
