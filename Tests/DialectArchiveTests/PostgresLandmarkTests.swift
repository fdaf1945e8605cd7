@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// PostgreSQL's landmark index finds the same recordings at the same offsets as SQLite's: for
/// each recording's own landmarks, and for an excerpt re-encoded as MP3.
final class PostgresLandmarkTests: XCTestCase {
    func testIdentifyFindsTheSameRecordingsAtTheSameOffsetsOnBothIndexes() throws {
        let archive = try Archive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [TestSupport.repository.appendingPathComponent("recordings")])).failed, [])
        try archive.mergeLandmarks()
        // One more after the merge, so that both SQLite tables hold landmarks.
        let source = try XCTUnwrap(try FileManager.default.contentsOfDirectory(
            at: TestSupport.repository.appendingPathComponent("recordings"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "wav" }.sorted { $0.path < $1.path }.first)
        let later = try TestSupport.scratchFolder("later")
        try TestSupport.ffmpeg(["-i", source.path, "-af", "volume=0.5", later.appendingPathComponent("quieter.wav").path])
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [later])).failed, [])

        let index = try PostgresLandmarkIndex.open(try TestPostgres.freshDatabase())
        defer { index.close() }
        let stored = try archive.database.read { db in
            try LandmarkRow.Table.allCases.map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0.rawValue)") ?? 0 }
        }
        XCTAssertTrue(stored.allSatisfy { $0 > 0 }, "\(stored)")
        XCTAssertEqual(try index.load(from: archive), stored.reduce(0, +))
        XCTAssertEqual(try index.count(), stored.reduce(0, +))

        func sqlite(_ landmarks: [Landmark]) throws -> [String] {
            try archive.identify(landmarks: landmarks, includeRestricted: true).map { "\($0.recordingId)@\($0.offsetMs):\($0.alignedHashes)" }.sorted()
        }
        func postgres(_ landmarks: [Landmark]) throws -> [String] {
            try index.candidates(for: landmarks).map {
                "\($0.recordingId)@\(Int64(($0.offsetFrames * FingerprintParameters.frameMs).rounded())):\($0.alignedHashes)"
            }.sorted()
        }
        let samples = try archive.database.read { db in try LandmarkRecords.samples(limit: 500, db) }
        XCTAssertGreaterThan(samples.count, 3)
        for (recording, landmarks) in samples {
            let expected = try sqlite(landmarks)
            XCTAssertTrue(expected.contains { $0.hasPrefix("\(recording)@0:") }, "recording \(recording) finds itself: \(expected)")
            XCTAssertEqual(try postgres(landmarks), expected, "recording \(recording)")
        }

        let excerpt = try TestSupport.scratchFolder("excerpt").appendingPathComponent("excerpt.mp3")
        try TestSupport.ffmpeg(["-ss", "1", "-t", "4", "-i", source.path, "-b:a", "64k", excerpt.path])
        let excerptLandmarks = try XCTUnwrap(try AudioAnalyzer.analyze(excerpt, fingerprinting: true).fingerprint?.landmarks)
        let expected = try sqlite(excerptLandmarks)
        XCTAssertGreaterThanOrEqual(expected.count, 2, "the excerpt is in the original and its quieter copy")
        XCTAssertEqual(try postgres(excerptLandmarks), expected)
    }
}
