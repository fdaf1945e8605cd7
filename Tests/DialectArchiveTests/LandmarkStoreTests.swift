@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// New recordings' landmarks go into a small table first and are merged into the main index many
/// recordings at a time; what `identify` and `duplicates` find does not depend on where they are.
final class LandmarkStoreTests: XCTestCase {
    private func counts(_ archive: Archive) throws -> (main: Int, recent: Int) {
        try StoredLandmarks.counts(archive)
    }

    func testLandmarksAreFoundAlikeBeforeAndAfterTheyAreMerged() throws {
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [TestSupport.repository.appendingPathComponent("recordings")])).failed, [])
        let stored = try counts(archive)
        XCTAssertEqual(stored.main, 0, "a small ingest leaves its landmarks in landmark_recent")
        XCTAssertGreaterThan(stored.recent, 1000)

        let queries = try archive.store.read { db in try LandmarkRecords.samples(limit: 500, db) }
        XCTAssertFalse(queries.isEmpty)
        func everyMatch() throws -> [[AudioMatch]] {
            try queries.keys.sorted().map { try archive.identify(landmarks: queries[$0]!, includeRestricted: true) }
        }
        let before = try everyMatch()
        XCTAssertTrue(before.allSatisfy { !$0.isEmpty }, "each recording finds itself")
        let duplicatesBefore = try archive.duplicates(includeRestricted: true)

        try archive.mergeLandmarks()
        let merged = try counts(archive)
        XCTAssertEqual(merged.main, stored.recent)
        XCTAssertEqual(merged.recent, 0)
        XCTAssertEqual(try everyMatch(), before)
        XCTAssertEqual(try archive.duplicates(includeRestricted: true), duplicatesBefore)

        // A recording ingested after the merge is found in landmark_recent beside the main index.
        let later = try TestSupport.scratchFolder().appendingPathComponent("later")
        try FileManager.default.createDirectory(at: later, withIntermediateDirectories: true)
        let source = try XCTUnwrap(try FileManager.default.contentsOfDirectory(
            at: TestSupport.repository.appendingPathComponent("recordings"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "wav" }.sorted { $0.path < $1.path }.first)
        let copy = later.appendingPathComponent("copy.flac")
        try TestSupport.ffmpeg(["-i", source.path, copy.path])
        let report = try archive.ingest(IngestRequest(paths: [copy]))
        XCTAssertEqual(report.failed, [])
        XCTAssertTrue(report.warnings.contains { $0.message.contains("lossless copy") }, "\(report.warnings)")
        XCTAssertGreaterThan(try counts(archive).recent, 0)
        XCTAssertTrue(try archive.duplicates().contains { $0.kind == .identicalSamples && $0.members.contains { $0.file == "copy.flac" } })
    }
}
