@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// When the archive's disk fills during an ingest, the archive takes the blame (not the
/// intact sources), nothing half-written stays behind, and the same ingest run again once
/// there is room finishes the job.
final class FullDiskTests: XCTestCase {
    private var disk: URL?

    override func tearDown() {
        if let disk { TestMount.unmount(disk) }
        super.tearDown()
    }

    func testAFullDiskIsBlamedOnTheArchiveLeavesNothingHalfStoredAndARerunFinishes() throws {
        let scratch = try TestSupport.scratchFolder()
        let disk = scratch.appendingPathComponent("disk")
        try TestMount.loop(megabytes: 32, at: disk)
        self.disk = disk
        let archive = disk.appendingPathComponent("archive")
        XCTAssertEqual(try TestSupport.cli(["init"], archive: archive).status, 0)

        // Three 1.5 MB recordings, one of 3.2 MB, their transcripts and one 2.7 MB transcript,
        // against 2.5 MB of room: the large ones cannot fit whatever the order.
        let trip = scratch.appendingPathComponent("trip")
        try FileManager.default.createDirectory(at: trip, withIntermediateDirectories: true)
        for index in 1...3 {
            try sox(["-n", "-r", "48000", "-c", "1", "-b", "16", trip.appendingPathComponent("word-\(index).wav").path,
                     "synth", "16", "sine", "\(200 * index)-\(3000 / index)"])
            try Data("1\n00:00:01,000 --> 00:00:02,000\nword \(index)\n".utf8).write(to: trip.appendingPathComponent("word-\(index).srt"))
        }
        try sox(["-n", "-r", "48000", "-c", "1", "-b", "16", trip.appendingPathComponent("story.wav").path, "synth", "33", "pinknoise"])
        let cues = (0..<2_000).map { "\($0 + 1)\n00:00:\(String(format: "%02d", $0 % 30)),000 --> 00:00:\(String(format: "%02d", $0 % 30)),500\n"
            + String(repeating: "la ", count: 460) + "\n" }
        try Data(cues.joined(separator: "\n").utf8).write(to: trip.appendingPathComponent("story.srt"))
        XCTAssertGreaterThan(try FileManager.default.attributesOfItem(atPath: trip.appendingPathComponent("story.srt").path)[.size] as? Int ?? 0, 2_700_000)

        let filler = disk.appendingPathComponent("filler")
        try TestSupport.run("fallocate", ["-l", "\(TestMount.freeBytes(disk) - 2_500_000)", filler.path])
        XCTAssertLessThan(TestMount.freeBytes(disk), 2_700_000)

        let full = try TestSupport.cli(["ingest", trip.path, "--json"], archive: archive)
        XCTAssertNotEqual(full.status, 0)
        let diskFullLines = full.stderr.split(separator: "\n").filter { $0.contains("the archive's disk is full") }
        XCTAssertEqual(diskFullLines.count, 1, full.stderr)
        XCTAssertTrue(diskFullLines.first?.contains(archive.path) == true, full.stderr)
        for blame in ["truncated", "cannot be read", "does not match", "decoded"] {
            XCTAssertFalse(full.stdout.contains(blame) || full.stderr.contains(blame), "an intact source was blamed: \(full.stdout)")
        }
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: full.output) as? [String: Any])
        let outcomes = try XCTUnwrap(report["outcomes"] as? [[String: Any]])
        let failed = outcomes.filter { $0["status"] as? String == "failed" }
        XCTAssertTrue(failed.allSatisfy { ($0["message"] as? String)?.contains("the archive's disk is full") == true }, "\(failed)")
        let notStored = Set(try XCTUnwrap(report["disk_full"] as? [String]).map { URL(fileURLWithPath: $0).lastPathComponent })
        XCTAssertTrue(notStored.isSuperset(of: ["story.wav", "story.srt"]), "\(notStored)")
        XCTAssertEqual(notStored.count, failed.count)

        let incoming = try FileManager.default.contentsOfDirectory(atPath: archive.appendingPathComponent(".incoming").path)
        XCTAssertEqual(incoming, [], "half-written copies left in .incoming")
        try FileManager.default.removeItem(at: filler)
        // Every stored file has its row and every row its file, whole.
        let audit = try TestSupport.cli(["verify"], archive: archive)
        XCTAssertEqual(audit.status, 0, audit.stdout + audit.stderr)

        let rerun = try TestSupport.cli(["ingest", trip.path], archive: archive)
        XCTAssertEqual(rerun.status, 0, rerun.stdout + rerun.stderr)
        let stats = try TestSupport.cli(["list", "recordings", "--json"], archive: archive)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: stats.output) as? [Any])?.count, 4)
        let stored = try FileManager.default.subpathsOfDirectory(atPath: archive.appendingPathComponent("transcripts").path)
            .filter { $0.hasSuffix(".srt") }
        XCTAssertEqual(stored.count, 4)
        let final = try TestSupport.cli(["verify"], archive: archive)
        XCTAssertEqual(final.status, 0, final.stdout)
        XCTAssertTrue(final.stdout.contains("checked 8 files"), final.stdout)
    }

    func testADatabaseFullAtCommitLeavesNoStoredFileWithoutItsRow() throws {
        try TestDatabase.requireSQLite("fills the database by SQLite's own size limit on its file (PRAGMA max_page_count)")
        let trip = try FieldFolder()
        for (index, colour) in ["white", "pink"].enumerated() {
            try sox(["-n", "-r", "16000", "-c", "1", "-b", "16", trip.url.appendingPathComponent("take-\(index).wav").path, "synth", "5", "\(colour)noise"])
        }
        try trip.write("take-0.vtt", "WEBVTT\n\n" + (0..<300).map { "00:0\($0 / 100).\(String(format: "%03d", $0 * 10 % 1000)) --> 00:0\($0 / 100).\(String(format: "%03d", $0 * 10 % 1000 + 5)) \n第\($0)句\n" }.joined(separator: "\n"))
        let url = trip.url.deletingLastPathComponent().appendingPathComponent("archive")
        let archive = try TestArchive.create(at: url)
        // SQLite's own limit on the database's size: past it, every write fails with
        // "database or disk is full", as on a disk with no room, after the files were placed.
        try archive.database!.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)")
        }

        let full = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(full.failed.count, 3, "\(full.outcomes)")
        XCTAssertEqual(Set(full.diskFull), Set(full.failed.map(\.file)))
        XCTAssertTrue(full.failed.allSatisfy { $0.message?.contains("the archive's disk is full") == true }, "\(full.failed)")
        for folder in ["recordings", "transcripts", ".incoming"] {
            let files = (FileManager.default.enumerator(atPath: url.appendingPathComponent(folder).path)?.allObjects as? [String] ?? [])
                .filter { !$0.hasSuffix("/") && (try? FileManager.default.attributesOfItem(atPath: url.appendingPathComponent(folder).appendingPathComponent($0).path)[.type] as? FileAttributeType) == .typeRegular }
            XCTAssertEqual(files, [], "files left in \(folder) without their rows")
        }
        XCTAssertEqual(try archive.database!.read { db in try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM recording) + (SELECT count(*) FROM transcript)") }, 0)

        try archive.database!.writeWithoutTransaction { db in _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = 1073741823") }
        let rerun = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(rerun.failed, [])
        XCTAssertEqual(rerun.added.count, 3)
        XCTAssertTrue(try archive.verify().intact)
    }

    private func sox(_ arguments: [String]) throws {
        let result = try TestSupport.run("sox", ["-V1"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
    }
}
