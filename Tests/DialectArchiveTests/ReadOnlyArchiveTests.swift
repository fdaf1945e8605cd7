import Foundation
import XCTest

/// An archive that can be read but not written (a read-only mount, a CD, another user's
/// archive) answers every reading command; only commands that change it refuse, saying so.
final class ReadOnlyArchiveTests: XCTestCase {
    private var mounts: [URL] = []

    override func tearDown() {
        for mount in mounts.reversed() { TestMount.unmount(mount) }
        super.tearDown()
    }

    /// The sample collection ingested through the CLI, as an archivist would have it.
    private func sampleArchive(_ scratch: URL) throws -> URL {
        let archive = scratch.appendingPathComponent("archive")
        let repo = TestSupport.repository
        XCTAssertEqual(try TestSupport.cli(["init"], archive: archive).status, 0)
        let ingest = try TestSupport.cli(["ingest", repo.appendingPathComponent("recordings").path,
                                          repo.appendingPathComponent("transcripts").path], archive: archive)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        return archive
    }

    private func readOnlyView(of archive: URL, in scratch: URL) throws -> URL {
        let view = scratch.appendingPathComponent("read-only")
        try TestMount.readOnly(archive, at: view)
        mounts.append(view)
        return view
    }

    func testEveryReadingCommandWorksOnAReadOnlyMountAndEveryChangeIsRefused() throws {
        let scratch = try TestSupport.scratchFolder()
        let view = try readOnlyView(of: try sampleArchive(scratch), in: scratch)
        let sample = TestSupport.repository.appendingPathComponent("recordings/bj-huayu.mp3").path
        let reading: [[String]] = [
            ["list", "recordings"], ["show", "1"], ["search", "太阳"], ["stats"], ["log"], ["identify", sample], ["duplicates"],
            ["export", "--format", "csv", "--out", scratch.appendingPathComponent("export").path], ["verify"],
        ]
        for command in reading {
            let result = try TestSupport.cli(command, archive: view)
            XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
            XCTAssertFalse(result.stdout.isEmpty, "\(command) printed nothing")
        }
        XCTAssertTrue(try TestSupport.cli(["list", "recordings"], archive: view).stdout.contains("bj-huayu.mp3"))
        XCTAssertTrue(try TestSupport.cli(["search", "太阳"], archive: view).stdout.contains("太阳"))
        let verify = try TestSupport.cli(["verify"], archive: view)
        XCTAssertTrue(verify.stdout.contains("all intact"), verify.stdout)
        XCTAssertTrue(verify.stderr.contains("read-only") && verify.stderr.contains("not recorded"), verify.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("export/recordings.csv").path))

        let changing: [[String]] = [
            ["ingest", TestSupport.repository.appendingPathComponent("recordings").path], ["access", "set", "1", "closed"],
            ["refingerprint"], ["init"], ["withdraw", "1", "--reason", "wrongly filed"],
        ]
        for command in changing {
            let result = try TestSupport.cli(command, archive: view)
            XCTAssertNotEqual(result.status, 0, "\(command) claimed to change a read-only archive")
            XCTAssertTrue(result.stderr.contains("the archive at \(view.path) is read-only"), "\(command): \(result.stderr)")
        }
    }

    func testACopyWithoutItsWriteAheadLogIsCompleteOnACD() throws {
        try TestDatabase.requireSQLite("a CD holds archive.sqlite without its write-ahead log")
        let scratch = try TestSupport.scratchFolder()
        let archive = try sampleArchive(scratch)
        XCTAssertEqual(try TestSupport.cli(["access", "set", "1", "restricted", "--reason", "burnt later"], archive: archive).status, 0)
        // What a CD holds: the database file and the stored files, never -wal or -shm.
        let cd = scratch.appendingPathComponent("cd")
        try FileManager.default.createDirectory(at: cd, withIntermediateDirectories: true)
        for item in ["archive.sqlite", "recordings", "transcripts"] {
            try FileManager.default.copyItem(at: archive.appendingPathComponent(item), to: cd.appendingPathComponent(item))
        }
        let view = try readOnlyView(of: cd, in: scratch)
        let list = try TestSupport.cli(["list", "recordings", "--include-restricted", "--json"], archive: view)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: list.output) as? [Any])?.count, 8)
        let log = try TestSupport.cli(["log"], archive: view)
        XCTAssertTrue(log.stdout.contains("burnt later") || log.stdout.contains("access of recording 1"), log.stdout)
        XCTAssertEqual(try TestSupport.cli(["verify"], archive: view).status, 0)
    }

    func testAnOlderArchiveOnAReadOnlyMediumSaysItMustBeOpenedWritableOnce() throws {
        try TestDatabase.requireSQLite("an archive.sqlite of an older version is on the read-only medium itself")
        let scratch = try TestSupport.scratchFolder()
        let archive = try sampleArchive(scratch)
        try TestSupport.run("sqlite3", [archive.appendingPathComponent("archive.sqlite").path,
                                        "DELETE FROM grdb_migrations WHERE rowid = (SELECT max(rowid) FROM grdb_migrations)"])
        let view = try readOnlyView(of: archive, in: scratch)
        let result = try TestSupport.cli(["list", "recordings"], archive: view)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("read-only") && result.stderr.contains("older version")
                      && result.stderr.contains("writable"), result.stderr)
    }

    func testAnotherUsersArchiveIsReadButNotChanged() throws {
        let scratch = try TestSupport.scratchFolder()
        let archive = try sampleArchive(scratch)
        if TestDatabase.isPostgres {
            // Deliberately unlike SQLite: archive.database may hold the database's password, so
            // only its owner can read it, and another user is told which file stops them.
            let list = try TestMount.cliAsNobody(["list", "recordings"], archive: archive)
            XCTAssertNotEqual(list.status, 0)
            XCTAssertTrue(list.stderr.contains(archive.appendingPathComponent("archive.database").path)
                          && list.stderr.contains("cannot be read (Permission denied)"), list.stderr)
            return
        }
        let list = try TestMount.cliAsNobody(["list", "recordings"], archive: archive)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("bj-huayu.mp3"))
        XCTAssertEqual(try TestMount.cliAsNobody(["verify"], archive: archive).status, 0)
        let change = try TestMount.cliAsNobody(["access", "set", "1", "closed"], archive: archive)
        XCTAssertNotEqual(change.status, 0)
        XCTAssertTrue(change.stderr.contains("is read-only"), change.stderr)
    }
}
