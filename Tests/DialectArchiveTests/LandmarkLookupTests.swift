@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// A lookup reads the query's rarest hashes first and leaves out the commonest, which every
/// recording holds; SQLite keeps how many landmarks of its main index hold each hash.
final class LandmarkLookupTests: XCTestCase {
    private typealias P = FingerprintParameters

    /// A query of `count` landmarks, one per hash: hash i at frame 3 i.
    private func query(_ count: Int) -> FingerprintMatcher {
        FingerprintMatcher(query: (0..<count).map { Landmark(hash: Int32($0), frame: Int32(3 * $0)) })
    }

    func testHashesNoArchivedLandmarkHoldsAreNotLookedUp() {
        let matcher = query(10)
        XCTAssertEqual(matcher.hashesToLookUp(archived: [0, 1, 0, 5, 0, 0, 0, 0, 0, 2]), [1, 3, 9])
        XCTAssertEqual(matcher.hashesToLookUp(archived: [Int](repeating: 0, count: 10)), [])
    }

    func testTheCommonestHashesAreLeftOutOnceTheirVotesPassTheBudgetAndTiesGoToTheLowerHash() {
        let matcher = query(100)
        let budget = P.lookupVotesPerLandmark * 100
        // 97 hashes with one archived landmark each; hash 0 as common as the whole budget; two
        // hashes that together pass it by one.
        var archived = [Int](repeating: 1, count: 100)
        archived[0] = budget + 1
        archived[40] = (budget - 97) / 2 + 1
        archived[20] = archived[40]
        let kept = matcher.hashesToLookUp(archived: archived)
        XCTAssertEqual(kept, (1..<100).filter { $0 != 40 }.map(Int32.init), "the rare ones, in hash order, and the lower of the tied pair")
        XCTAssertEqual(matcher.hashesToLookUp(archived: [Int](repeating: P.lookupVotesPerLandmark, count: 100)), (0..<100).map(Int32.init),
                       "a query whose every hash is as common as the budget allows reads them all")
    }

    func testAHashAtSeveralFramesOfTheQueryCostsAVotePerFrame() {
        // Hash 7 at 50 frames, hash 8 at one: 51 query landmarks.
        let matcher = FingerprintMatcher(query: (0..<50).map { Landmark(hash: 7, frame: Int32(10 * $0)) } + [Landmark(hash: 8, frame: 5)])
        let fits = (P.lookupVotesPerLandmark * 51 - 1) / 50
        XCTAssertEqual(matcher.hashesToLookUp(archived: [fits, 1]), [7, 8])
        XCTAssertEqual(matcher.hashesToLookUp(archived: [fits + 1, 1]), [8])
    }

    /// The sample recordings, merged into the main index.
    private func sampleArchive() throws -> Archive {
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [TestSupport.repository.appendingPathComponent("recordings")])).failed, [])
        try archive.mergeLandmarks()
        return archive
    }

    private func firstRecording() throws -> URL {
        try XCTUnwrap(try FileManager.default.contentsOfDirectory(
            at: TestSupport.repository.appendingPathComponent("recordings"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "wav" }.sorted { $0.path < $1.path }.first)
    }

    /// Whether the count of archived landmarks the lookup reads for a hash
    /// (`LandmarkRecords.archivedCounts`: on SQLite, as `landmark_hash` keeps it) is, for every
    /// hash stored now or in `seen`, how many stored landmarks have it; adds the hashes stored
    /// now to `seen`, so that a hash whose landmarks all went must be counted as none.
    private func assertCountsKept(_ archive: Archive, _ when: String, seen: inout Set<Int32>,
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let counted = try StoredLandmarks.perHash(archive)
        seen.formUnion(counted.keys)
        let hashes = seen.sorted()
        let kept = try archive.store.read { db in try LandmarkRecords.archivedCounts(hashes, db) }
        XCTAssertEqual(kept.count, hashes.count, when, file: file, line: line)
        let wrong = zip(hashes, kept).filter { counted[$0.0, default: 0] != $0.1 }.map { "\($0.0): \($0.1) kept, \(counted[$0.0, default: 0]) stored" }
        XCTAssertEqual(wrong, [], when, file: file, line: line)
    }

    func testLandmarksPerHashAreKeptThroughMergeRefingerprintAndPurge() throws {
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [TestSupport.repository.appendingPathComponent("recordings")])).failed, [])
        var seen = Set<Int32>()
        try assertCountsKept(archive, "ingested", seen: &seen)
        XCTAssertEqual(try StoredLandmarks.counts(archive).main, 0, "nothing merged yet")
        try archive.mergeLandmarks()
        try assertCountsKept(archive, "merged", seen: &seen)
        let total = try StoredLandmarks.counts(archive).main
        XCTAssertGreaterThan(total, 1000)

        let ids = try archive.store.read { db in try db.values("SELECT id FROM recording ORDER BY id", as: Int64.self) }
        try archive.store.write { db in
            try db.execute("UPDATE recording SET fingerprint_version = ? WHERE id = ?", [P.version - 1, ids[0]])
        }
        XCTAssertEqual(try archive.refingerprint().fingerprinted, [ids[0]])
        try archive.mergeLandmarks()
        try assertCountsKept(archive, "fingerprinted again", seen: &seen)
        XCTAssertEqual(try StoredLandmarks.counts(archive).main, total)

        let session = try archive.store.read { db in try db.value("SELECT session_id FROM recording WHERE id = ?", [ids[0]], as: String.self) }
        _ = try archive.withdraw(try XCTUnwrap(session), reason: "withdrawn by the speaker", purge: true, confirmed: true)
        try assertCountsKept(archive, "purged", seen: &seen)
        XCTAssertLessThan(try StoredLandmarks.counts(archive).main, total)
    }

    func testAnArchiveWhoseLandmarksWereStoredBeforeHasThemCountedWhenOpened() throws {
        try TestDatabase.requireSQLite("an archive's SQLite file as the version before per-hash landmark counts left it")
        let url = try { () throws -> URL in
            let archive = try sampleArchive()
            // As an archive of the version before left it: no counts, no triggers.
            try archive.database!.write { db in
                try db.execute(sql: """
                    DROP TRIGGER landmark_counted; DROP TRIGGER landmark_uncounted; DROP TABLE landmark_hash;
                    DELETE FROM grdb_migrations WHERE identifier = 'v20 landmarks per hash';
                    """)
            }
            return archive.url
        }()
        let reopened = try Archive.open(at: url)
        try reopened.database!.read { db in XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM landmark_hash") ?? 0, 100) }
        var seen = Set<Int32>()
        try assertCountsKept(reopened, "migrated", seen: &seen)
    }

    func testTheCommonestHashesPastTheBudgetAreLeftOutAndTheExcerptIsStillFoundAtItsOffset() throws {
        let archive = try sampleArchive()
        let excerpt = try TestSupport.scratchFolder("excerpt").appendingPathComponent("excerpt.mp3")
        try TestSupport.ffmpeg(["-ss", "1", "-t", "4", "-i", try firstRecording().path, "-b:a", "64k", excerpt.path])
        let landmarks = try XCTUnwrap(try AudioAnalyzer.analyze(excerpt, fingerprinting: true).fingerprint?.landmarks)
        let found = try XCTUnwrap(try archive.identify(landmarks: landmarks, includeRestricted: true).first)
        XCTAssertEqual(found.confidence, "certain")
        XCTAssertLessThanOrEqual(abs(found.offsetMs - 1000), 20)

        // A third of the excerpt's hashes made as common as speech makes them in thousands of
        // hours: held by 2,000 landmarks each of another recording, at frames that fall at no
        // one offset.
        let matcher = FingerprintMatcher(query: landmarks)
        let flooded = stride(from: 0, to: matcher.hashes.count, by: 3).map { matcher.hashes[$0] }
        let other = try XCTUnwrap(try archive.store.read { db in
            try db.value("SELECT id FROM recording WHERE id != ? ORDER BY id LIMIT 1", [found.recordingId], as: Int64.self)
        })
        try archive.store.write { db in
            let chromaprint = try db.value("SELECT chromaprint FROM recording WHERE id = ?", [other], as: String.self)
            var flood: [Landmark] = []
            for (h, hash) in flooded.enumerated() {
                for i in 0..<2000 {
                    let frame: Int = 1_000_000 + (i * 7919 + h * 104_729) % 9_000_000
                    flood.append(Landmark(hash: hash, frame: Int32(frame)))
                }
            }
            try LandmarkRecords.store(AudioFingerprint(landmarks: flood, chromaprint: chromaprint), recordingId: other, db)
        }
        try archive.mergeLandmarks()
        var seen = Set<Int32>()
        try assertCountsKept(archive, "flooded", seen: &seen)
        XCTAssertGreaterThan(flooded.count * 2000, 2 * P.lookupVotesPerLandmark * matcher.queryLandmarks, "the flood alone passes the budget twice")

        let lookup = FingerprintMatcher(query: landmarks)
        let (kept, counts) = try archive.store.read { db in
            try LandmarkRecords.vote(lookup, excluding: nil, db)
            let counts = try LandmarkRecords.archivedCounts(lookup.hashes, db)
            return (Set(lookup.hashesToLookUp(archived: counts)), counts)
        }
        let rare = Set(zip(lookup.hashes, counts).filter { $0.1 > 0 }.map(\.0)).subtracting(flooded)
        XCTAssertTrue(rare.isSubset(of: kept), "every hash not flooded is looked up")
        XCTAssertGreaterThan(Set(flooded).subtracting(kept).count, flooded.count / 2, "the flooded hashes past the budget are left out")
        XCTAssertLessThanOrEqual(lookup.votesCast, P.lookupVotesPerLandmark * lookup.queryLandmarks)
        let again = try XCTUnwrap(try archive.identify(landmarks: landmarks, includeRestricted: true).first)
        XCTAssertEqual(again.recordingId, found.recordingId)
        XCTAssertEqual(again.confidence, "certain")
        XCTAssertLessThanOrEqual(abs(again.offsetMs - found.offsetMs), 16)
        XCTAssertLessThan(again.alignedHashes, found.alignedHashes, "the flooded hashes' own landmarks are not counted")
    }
}
