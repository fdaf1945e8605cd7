@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// After the fingerprint changes version, the archive fingerprints its recordings again from
/// the stored originals, and leaves alone any original that no longer matches its checksum.
final class RefingerprintTests: XCTestCase {
    private func landmarks(_ archive: Archive, _ recording: Int64) throws -> [String] {
        try StoredLandmarks.of(recording, archive)
    }

    func testOutdatedFingerprintsAreComputedAgainFromTheOriginals() throws {
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder("refingerprint").appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [TestSupport.repository.appendingPathComponent("recordings")]))
        XCTAssertEqual(report.failed, [])
        // Into the main index, where an older version's landmarks would be.
        try archive.mergeLandmarks()
        let ids = try archive.store.read { db in try db.values("SELECT id FROM recording ORDER BY id", as: Int64.self) }
        let (old, new) = (ids[0], ids[1])
        let original = try landmarks(archive, old)
        XCTAssertFalse(original.isEmpty)
        let chromaprint = try archive.store.read { db in try db.value("SELECT chromaprint FROM recording WHERE id = ?", [old], as: String.self) }

        // As an older version would have left them: other landmarks, another version; and one recording never fingerprinted.
        try archive.store.write { db in
            try LandmarkRecords.remove(recordings: [old, new], db)
            try LandmarkRecords.store(AudioFingerprint(landmarks: [Landmark(hash: 1, frame: 1), Landmark(hash: 2, frame: 7)], chromaprint: nil),
                                      recordingId: old, db)
            try db.execute("UPDATE recording SET fingerprint_version = ?, chromaprint = NULL WHERE id = ?",
                           [FingerprintParameters.version - 1, old])
            try db.execute("UPDATE recording SET fingerprint_version = NULL, chromaprint = NULL WHERE id = ?", [new])
        }
        try archive.mergeLandmarks()
        XCTAssertEqual(try landmarks(archive, old), ["1:1", "2:7"])
        XCTAssertEqual(try landmarks(archive, new), [])
        XCTAssertEqual(try archive.outdatedFingerprints(), 2)
        let before = try TestSupport.cli(["duplicates"], archive: archive.url)
        XCTAssertEqual(before.status, 0)
        XCTAssertTrue(before.stderr.contains("note: 2 recordings have no fingerprint or one of an older version; "
                                             + "`dialect-archive refingerprint` brings them up to date"), before.stderr)
        let redone = try archive.refingerprint()
        XCTAssertEqual(redone.fingerprinted, [old, new])
        XCTAssertEqual(redone.current, ids.count - 2)
        XCTAssertEqual(redone.failed, [])
        XCTAssertEqual(try landmarks(archive, old), original)
        XCTAssertFalse(try landmarks(archive, new).isEmpty)
        try archive.store.read { db in
            XCTAssertEqual(try db.value("SELECT chromaprint FROM recording WHERE id = ?", [old], as: String.self), chromaprint)
            XCTAssertEqual(try db.value("SELECT count(*) FROM recording WHERE fingerprint_version = ?",
                                        [FingerprintParameters.version], as: Int.self), ids.count)
            XCTAssertEqual(try db.value("SELECT kind FROM event ORDER BY id DESC LIMIT 1", as: String.self), "refingerprint")
        }
        let again = try archive.refingerprint()
        XCTAssertEqual(again.fingerprinted, [])
        XCTAssertEqual(again.current, ids.count)
        XCTAssertEqual(try archive.outdatedFingerprints(), 0)
        XCTAssertFalse(try TestSupport.cli(["duplicates"], archive: archive.url).stderr.contains("refingerprint"))
    }

    func testAnAlteredOriginalKeepsItsFingerprintAndIsReported() throws {
        let folder = try TestSupport.scratchFolder("refingerprint-altered")
        let archive = try TestArchive.create(at: folder.appendingPathComponent("archive"))
        _ = try archive.ingest(IngestRequest(paths: [TestSupport.repository.appendingPathComponent("recordings")]))
        let (id, path) = try archive.store.read { db in
            let row = try XCTUnwrap(try db.row("SELECT id, stored_path FROM recording WHERE stored_path LIKE '%.wav' ORDER BY id LIMIT 1"))
            return (row[0] as Int64, row[1] as String)
        }
        let before = try landmarks(archive, id)
        XCTAssertFalse(before.isEmpty)
        try archive.store.write { db in
            try db.execute("UPDATE recording SET fingerprint_version = NULL WHERE id = ?", [id])
        }
        let file = archive.absolute(path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let handle = try FileHandle(forUpdating: file)
        try handle.seek(toOffset: 5000)
        let byte = try XCTUnwrap(try handle.read(upToCount: 1)).first!
        try handle.seek(toOffset: 5000)
        try handle.write(contentsOf: [byte ^ 0xFF])
        try handle.close()

        let report = try archive.refingerprint()
        XCTAssertEqual(report.fingerprinted, [])
        XCTAssertEqual(report.failed.map(\.recordingId), [id])
        XCTAssertTrue(report.failed[0].reason.contains("no longer matches its checksum"), report.failed[0].reason)
        XCTAssertEqual(try landmarks(archive, id), before)
        let cli = try TestSupport.cli(["refingerprint"], archive: archive.url)
        XCTAssertNotEqual(cli.status, 0)
        XCTAssertTrue(cli.stdout.contains("FAILED  \(path)"), cli.stdout)
    }
}
