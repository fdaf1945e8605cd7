@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// After the fingerprint changes version, the archive fingerprints its recordings again from
/// the stored originals, and leaves alone any original that no longer matches its checksum.
final class RefingerprintTests: XCTestCase {
    private func landmarks(_ archive: Archive, _ recording: Int64) throws -> [String] {
        try archive.database!.read { db in
            try Row.fetchAll(db, sql: """
                SELECT hash, frame FROM (SELECT hash, frame FROM landmark WHERE recording_id = ?1
                                         UNION ALL SELECT hash, frame FROM landmark_recent WHERE recording_id = ?1)
                ORDER BY hash, frame
                """, arguments: [recording])
                .map { "\($0[0] as Int64):\($0[1] as Int64)" }
        }
    }

    func testOutdatedFingerprintsAreComputedAgainFromTheOriginals() throws {
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder("refingerprint").appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [TestSupport.repository.appendingPathComponent("recordings")]))
        XCTAssertEqual(report.failed, [])
        // Into the main index, where an older version's landmarks would be.
        try archive.mergeLandmarks()
        let ids = try archive.database!.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM recording ORDER BY id") }
        let (old, new) = (ids[0], ids[1])
        let original = try landmarks(archive, old)
        XCTAssertFalse(original.isEmpty)
        let chromaprint = try archive.database!.read { db in try String.fetchOne(db, sql: "SELECT chromaprint FROM recording WHERE id = ?", arguments: [old]) }

        // As an older version would have left them: other landmarks, another version; and one recording never fingerprinted.
        try archive.database!.write { db in
            try db.execute(sql: "DELETE FROM landmark WHERE recording_id = ?", arguments: [old])
            try db.execute(sql: "INSERT INTO landmark (hash, recording_id, frame) VALUES (1, ?, 1), (2, ?, 7)", arguments: [old, old])
            try db.execute(sql: "UPDATE recording SET fingerprint_version = ?, chromaprint = NULL WHERE id = ?",
                           arguments: [FingerprintParameters.version - 1, old])
            try db.execute(sql: "DELETE FROM landmark WHERE recording_id = ?", arguments: [new])
            try db.execute(sql: "UPDATE recording SET fingerprint_version = NULL, chromaprint = NULL WHERE id = ?", arguments: [new])
        }
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
        try archive.database!.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT chromaprint FROM recording WHERE id = ?", arguments: [old]), chromaprint)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM recording WHERE fingerprint_version = ?",
                                            arguments: [FingerprintParameters.version]), ids.count)
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT kind FROM event ORDER BY id DESC LIMIT 1"), "refingerprint")
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
        let (id, path) = try archive.database!.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT id, stored_path FROM recording WHERE stored_path LIKE '%.wav' ORDER BY id LIMIT 1")!
            return (row[0] as Int64, row[1] as String)
        }
        let before = try landmarks(archive, id)
        try archive.database!.write { db in
            try db.execute(sql: "UPDATE recording SET fingerprint_version = NULL WHERE id = ?", arguments: [id])
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
