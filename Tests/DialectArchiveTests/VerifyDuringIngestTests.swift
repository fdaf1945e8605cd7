@testable import DialectArchive
import Foundation
import XCTest

/// `verify` tells files an ingest is storing right now from files no one accounts for, and a
/// stored file it cannot read from one that is gone.
final class VerifyDuringIngestTests: XCTestCase {
    private func archiveWithOneRecording(_ name: String = #function) throws -> (Archive, URL) {
        let trip = try FieldFolder(name)
        try trip.tone("word.wav", frequency: 330)
        try trip.write("word.vtt", "WEBVTT\n\n00:00.100 --> 00:00.600\n太阳\n")
        let url = trip.url.deletingLastPathComponent().appendingPathComponent("archive")
        let archive = try TestArchive.create(at: url)
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(report.failed, [])
        return (archive, url)
    }

    func testFilesPlacedByARunningIngestAreInFlightNotUnexpected() throws {
        let (archive, url) = try archiveWithOneRecording()
        let stored = try XCTUnwrap(archive.recordings().first?.recording)
        let folder = archive.absolute(stored.storedPath).deletingLastPathComponent()
        let orphan = folder.appendingPathComponent("left-by-someone.wav")
        try Data("stray".utf8).write(to: orphan)
        Thread.sleep(forTimeInterval: 0.05)

        // An ingest begins: it writes into .incoming/, then moves a file into place before
        // committing its row.
        let ingest = try ArchiveLock(archive: url)
        try Data("partial".utf8).write(to: url.appendingPathComponent(".incoming/next.wav.partial"))
        let placed = folder.appendingPathComponent("next.wav")
        try Data("placed, not yet committed".utf8).write(to: placed)

        let during = try archive.verify()
        XCTAssertEqual(during.inFlight, [String(placed.path.dropFirst(url.path.count + 1))])
        XCTAssertEqual(during.unexpected, [String(orphan.path.dropFirst(url.path.count + 1))], "a file from before the ingest is still unexpected")
        let cli = try TestSupport.cli(["verify"], archive: url)
        XCTAssertTrue(cli.stdout.contains("IN FLIGHT   recordings/"), cli.stdout)
        XCTAssertFalse(cli.stdout.contains("UNEXPECTED  \(during.inFlight.first ?? "?")"), cli.stdout)

        ingest.release()
        let after = try archive.verify()
        XCTAssertEqual(after.inFlight, [])
        XCTAssertEqual(Set(after.unexpected), Set(during.unexpected + during.inFlight), "with no ingest running, an unrecorded file is unexpected")
    }

    func testAStoredFileThatCannotBeReadIsUnreadableNotMissing() throws {
        let (archive, url) = try archiveWithOneRecording()
        let stored = try XCTUnwrap(archive.recordings().first?.recording)
        // Root reads any file whatever its permissions, so the audit runs as `nobody`, the
        // archive's owner, for whom one stored file is closed.
        try TestSupport.run("chown", ["-R", "nobody:nogroup", url.path])
        chmod(archive.absolute(stored.storedPath).path, 0)
        let result = try TestMount.cliAsNobody(["verify", "--json"], archive: url)
        XCTAssertNotEqual(result.status, 0)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: result.output) as? [String: Any], result.stderr)
        XCTAssertEqual((report["missing"] as? [Any])?.count, 0)
        let unreadable = try XCTUnwrap(report["unreadable"] as? [[String: Any]])
        XCTAssertEqual(unreadable.map { $0["path"] as? String }, [stored.storedPath])
        XCTAssertEqual(unreadable.first?["reason"] as? String, "permission denied")
        let text = try TestMount.cliAsNobody(["verify"], archive: url)
        XCTAssertTrue(text.stdout.contains("UNREADABLE  \(stored.storedPath)"), text.stdout)
        XCTAssertFalse(text.stdout.contains("MISSING"), text.stdout)
    }
}
