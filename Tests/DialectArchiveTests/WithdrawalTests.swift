@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// A withdrawn session or recording stays recorded (`show` and the audit trail say when, by
/// whom and why) but is found, listed, matched, counted and exported nowhere; `--purge --yes`
/// deletes its stored files and keeps their checksums.
final class WithdrawalTests: XCTestCase {
    private let reason = "the speaker withdrew consent on 2026-11-30"

    /// The sample collection ingested; returns the archive and its folder.
    private func sampleArchive(_ name: String = #function) throws -> (Archive, URL) {
        try SampleArchive.ingested(name)
    }

    private func recordingId(_ name: String, _ archive: Archive) throws -> Int64 {
        try XCTUnwrap(archive.store.read { db in try db.value("SELECT id FROM recording WHERE original_name = ?", [name], as: Int64.self) })
    }

    /// Every file of a folder with its relative path and text (as UTF-8, else empty).
    private func files(in folder: URL) -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var found: [(String, String)] = []
        while let file = enumerator?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            found.append((String(file.path.dropFirst(folder.path.count)), String(data: data, encoding: .utf8) ?? ""))
        }
        return found
    }

    func testAWithdrawnSessionIsInNoSearchListingCompareStatsOrExportAndShowExplainsIt() throws {
        let (archive, url) = try sampleArchive()
        let withdrawn = try recordingId("gz-yf-cihui.wav", archive)
        let query = try SearchQuery("月光")
        let before = try archive.search(query, limit: 1000, includeRestricted: true)
        XCTAssertTrue(before.hits.contains { $0.sessionId == "gz-cihui" }, "the sample has 月光 in gz-cihui")
        XCTAssertTrue(try archive.compare(query).flatMap(\.hits).contains { $0.sessionId == "gz-cihui" })
        let statsBefore = try archive.stats(includeRestricted: true)

        let result = try TestSupport.cli(["withdraw", "gz-cihui", "--reason", reason], archive: url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("withdrew session gz-cihui: 1 recordings, 1 transcripts"), result.stdout)

        for includeRestricted in [false, true] {
            let after = try archive.search(query, limit: 1000, includeRestricted: includeRestricted)
            XCTAssertFalse(after.hits.isEmpty, "other sessions are still found")
            XCTAssertFalse(after.hits.contains { $0.sessionId == "gz-cihui" || $0.recordingId == withdrawn }, "\(after.hits)")
            XCTAssertEqual(try archive.countHits(query, includeRestricted: includeRestricted), after.total)
            XCTAssertFalse(try archive.compare(query, includeRestricted: includeRestricted).flatMap(\.hits).contains { $0.sessionId == "gz-cihui" })
        }
        XCTAssertEqual(try archive.countHits(try SearchQuery("热头")), 0, "热头 is said only in gz-cihui")
        XCTAssertFalse(try archive.recordings().contains { $0.recording.id == withdrawn })
        XCTAssertFalse(try archive.sessions().contains { $0.id == "gz-cihui" })
        XCTAssertFalse(try TestSupport.cli(["list", "recordings"], archive: url).stdout.contains("gz-yf-cihui"))
        XCTAssertFalse(try TestSupport.cli(["list", "sessions", "--json"], archive: url).stdout.contains("gz-cihui"))
        let stats = try archive.stats(includeRestricted: true)
        XCTAssertEqual(stats.recordings, statsBefore.recordings - 1)
        XCTAssertEqual(stats.sessions, statsBefore.sessions - 1)
        XCTAssertEqual(stats.transcripts, statsBefore.transcripts - 1)
        XCTAssertLessThan(stats.segments, statsBefore.segments)

        for format in ExportRequest.Format.allCases {
            let out = try TestSupport.scratchFolder().appendingPathComponent(format.rawValue)
            let report = try archive.export(ExportRequest(format: format, out: out, collection: "sample", includeRestricted: true))
            XCTAssertEqual(report.recordings, statsBefore.recordings - 1, format.rawValue)
            for file in files(in: out) {
                XCTAssertFalse(file.path.contains("gz-cihui") || file.path.contains("gz-yf-cihui"), "\(format): \(file.path)")
                XCTAssertFalse(file.text.contains("gz-cihui") || file.text.contains("gz-yf-cihui") || file.text.contains("热头"), "\(format): \(file.path)")
            }
        }
        let alone = try TestSupport.scratchFolder("alone").appendingPathComponent("bag")
        XCTAssertThrowsError(try archive.export(ExportRequest(format: .bagit, out: alone, sessions: ["gz-cihui"], includeRestricted: true)))

        let show = try TestSupport.cli(["show", "gz-cihui"], archive: url)
        XCTAssertEqual(show.status, 0, show.stderr)
        let user = try XCTUnwrap(archive.events().last?.user)
        XCTAssertTrue(show.stdout.contains("withdrawn") && show.stdout.contains(reason) && show.stdout.contains("by \(user)"), show.stdout)
        XCTAssertTrue(show.stdout.contains("gz-yf-cihui.wav"), "show still lists what existed: \(show.stdout)")
        let recording = try TestSupport.cli(["show", "\(withdrawn)", "--json"], archive: url)
        XCTAssertEqual(recording.status, 0, recording.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(recording.stdout.utf8)) as? [String: Any])
        let withdrawal = try XCTUnwrap(json["withdrawn"] as? [String: Any], recording.stdout)
        XCTAssertEqual(withdrawal["reason"] as? String, reason)
        XCTAssertEqual(withdrawal["by"] as? String, user)
        XCTAssertNotNil(withdrawal["at"] as? String)
        XCTAssertFalse(recording.stdout.contains("热头"), "a withdrawn recording's words are not shown")

        let event = try XCTUnwrap(archive.events().last { $0.kind != "export" })
        XCTAssertEqual(event.kind, "withdraw")
        let details = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(event.details.utf8)) as? [String: Any])
        XCTAssertEqual(details["target"] as? String, "session gz-cihui")
        XCTAssertEqual(details["reason"] as? String, reason)
        XCTAssertEqual(details["recordings"] as? [Int], [Int(withdrawn)])
        XCTAssertEqual((details["transcripts"] as? [Int])?.count, 1)
    }

    func testAWithdrawnRecordingIsNotIdentifiedNorGroupedNorNamedByIngestAndItsBytesStayWithdrawn() throws {
        let (archive, _) = try sampleArchive()
        let original = TestSupport.repository.appendingPathComponent("recordings/gz-yf-cihui.wav")
        let withdrawn = try recordingId("gz-yf-cihui.wav", archive)
        let copies = try FieldFolder()
        let flac = copies.url.appendingPathComponent("gz-copy.flac")
        try TestSupport.ffmpeg(["-i", original.path, flac.path])
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [flac])).failed, [])
        let excerpt = try TestSupport.scratchFolder().appendingPathComponent("excerpt.mp3")
        try TestSupport.ffmpeg(["-ss", "2", "-t", "6", "-i", original.path, "-b:a", "64k", excerpt.path])
        XCTAssertTrue(try archive.identify(excerpt, includeRestricted: true).contains { $0.recordingId == withdrawn })
        XCTAssertTrue(try archive.duplicates(includeRestricted: true).contains { $0.members.contains { $0.recordingId == withdrawn } })

        _ = try archive.withdraw("\(withdrawn)", reason: reason)
        XCTAssertFalse(try archive.identify(excerpt, includeRestricted: true).contains { $0.recordingId == withdrawn })
        XCTAssertFalse(try archive.identify(excerpt).isEmpty, "the copy not withdrawn is still found")
        XCTAssertFalse(try archive.duplicates(includeRestricted: true).contains { $0.members.contains { $0.recordingId == withdrawn } })

        let mp3 = copies.url.appendingPathComponent("gz-copy.mp3")
        try TestSupport.ffmpeg(["-i", original.path, "-b:a", "128k", mp3.path])
        let report = try archive.ingest(IngestRequest(paths: [mp3]))
        XCTAssertEqual(report.failed, [])
        XCTAssertFalse(report.warnings.contains { $0.message.contains("recording \(withdrawn) ") || $0.message.contains("recording \(withdrawn))") },
                       "\(report.warnings)")
        XCTAssertTrue(report.warnings.contains { $0.message.contains("gz-copy.flac") }, "the copy is still named: \(report.warnings)")

        let again = try archive.ingest(IngestRequest(paths: [original]))
        let outcome = try XCTUnwrap(again.outcomes.first)
        XCTAssertEqual(outcome.status, .alreadyPresent)
        XCTAssertEqual(outcome.id, withdrawn)
        XCTAssertTrue(outcome.message?.contains("withdrawn") == true, "\(outcome)")
        XCTAssertFalse(try archive.recordings().contains { $0.recording.id == withdrawn }, "the same bytes do not revive it")
    }

    func testPurgeWithoutYesDeletesNothingAndWithYesDeletesTheFilesWhichVerifyDoesNotReportMissing() throws {
        let (archive, url) = try sampleArchive()
        let id = try recordingId("gz-yf-cihui.wav", archive)
        let stored = try archive.store.read { db in
            try db.values("SELECT stored_path FROM recording WHERE session_id = 'gz-cihui' UNION ALL SELECT stored_path FROM transcript WHERE session_id = 'gz-cihui'", as: String.self)
        }
        XCTAssertEqual(stored.count, 2)
        let events = try archive.events().count

        let refused = try TestSupport.cli(["withdraw", "gz-cihui", "--reason", reason, "--purge"], archive: url)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("would delete 2 stored files") && refused.stderr.contains("add --yes"), refused.stderr)
        XCTAssertEqual(try archive.events().count, events, "a refused purge is not an event")
        XCTAssertTrue(try archive.sessions().contains { $0.id == "gz-cihui" }, "a refused purge withdraws nothing")
        for path in stored { XCTAssertTrue(FileManager.default.fileExists(atPath: archive.absolute(path).path), path) }

        let purged = try TestSupport.cli(["withdraw", "gz-cihui", "--reason", reason, "--purge", "--yes"], archive: url)
        XCTAssertEqual(purged.status, 0, purged.stderr)
        for path in stored { XCTAssertFalse(FileManager.default.fileExists(atPath: archive.absolute(path).path), path) }
        let row = try XCTUnwrap(archive.store.read { db in try db.record(Recording.self, id: id) })
        XCTAssertEqual(row.sha256, try TestSupport.sha256sum(TestSupport.repository.appendingPathComponent("recordings/gz-yf-cihui.wav")))
        let event = try XCTUnwrap(archive.events().last)
        XCTAssertEqual(event.kind, "withdraw")
        for path in stored { XCTAssertTrue(event.details.contains(path), event.details) }

        let report = try archive.verify()
        XCTAssertTrue(report.intact, "\(report)")
        XCTAssertEqual(report.missing, [])
        XCTAssertEqual(report.purged, 2)
        let verify = try TestSupport.cli(["verify"], archive: url)
        XCTAssertEqual(verify.status, 0, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("2 purged") && !verify.stdout.contains("MISSING"), verify.stdout)
        let show = try TestSupport.cli(["show", "\(id)"], archive: url)
        XCTAssertTrue(show.stdout.contains("purged"), show.stdout)
        let again = try TestSupport.cli(["withdraw", "gz-cihui", "--reason", reason, "--purge", "--yes"], archive: url)
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already withdrawn and its files were purged"), again.stderr)
    }

    func testAWithdrawnRecordingCanBePurgedLaterAsAPurgeEvent() throws {
        let (archive, _) = try sampleArchive()
        let id = try recordingId("bj-huayu.mp3", archive)
        _ = try archive.withdraw("\(id)", reason: reason)
        let path = try XCTUnwrap(archive.store.read { db in try db.record(Recording.self, id: id)?.storedPath })
        let report = try archive.withdraw("\(id)", reason: "the family asked for the audio to be destroyed", purge: true, confirmed: true)
        XCTAssertEqual(report.purgedFiles.first { $0.hasSuffix(".mp3") }, path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: archive.absolute(path).path))
        XCTAssertEqual(try archive.events().last?.kind, "purge")
        XCTAssertTrue(report.withdrawnBefore)
        let withdrawal = try XCTUnwrap(archive.store.read { db in try Withdrawal.of("recording", id, db) })
        XCTAssertEqual(withdrawal.reason, reason, "the purge keeps the withdrawal's own reason")
        XCTAssertNotNil(withdrawal.purged)
    }

    func testANewRecordingIsNotFiledUnderAWithdrawnSession() throws {
        let (archive, _) = try sampleArchive()
        _ = try archive.withdraw("gz-cihui", reason: reason)
        let trip = try FieldFolder()
        let folder = trip.url.appendingPathComponent("gz-cihui")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tone = folder.appendingPathComponent("tone.wav")
        try TestSupport.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=2", tone.path])
        let dryRun = try archive.ingest(IngestRequest(paths: [folder], dryRun: true))
        XCTAssertTrue(dryRun.failed.first?.message?.contains("session gz-cihui was withdrawn") == true, "\(dryRun.outcomes)")
        let report = try archive.ingest(IngestRequest(paths: [folder]))
        let failure = try XCTUnwrap(report.failed.first)
        XCTAssertEqual(failure.file, tone.path)
        XCTAssertTrue(failure.message?.contains("session gz-cihui was withdrawn") == true, "\(failure)")
        XCTAssertEqual(try archive.store.read { db in try db.value("SELECT count(*) FROM recording WHERE original_name = ?", ["tone.wav"], as: Int.self) }, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: archive.url.appendingPathComponent(".incoming").path), [])
    }

    func testWithdrawingTwiceWithoutAReasonOrAnUnknownIdIsAClearErrorAndChangesNothing() throws {
        let (archive, url) = try sampleArchive()
        let events = try archive.events().count
        let sessions = try archive.sessions().count
        let cases: [([String], String)] = [
            (["withdraw", "gz-cihui"], "a withdrawal needs a reason"),
            (["withdraw", "gz-cihui", "--reason", "  "], "a withdrawal needs a reason"),
            (["withdraw", "no-such-session", "--reason", reason], "nothing in the archive has the id no-such-session"),
            (["withdraw", "gz-yf", "--reason", reason], "gz-yf is a speaker; only a session or a recording can be withdrawn"),
        ]
        for (arguments, message) in cases {
            let result = try TestSupport.cli(arguments, archive: url)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        XCTAssertEqual(try archive.events().count, events)
        XCTAssertEqual(try archive.sessions().count, sessions)

        XCTAssertEqual(try TestSupport.cli(["withdraw", "gz-cihui", "--reason", reason], archive: url).status, 0)
        let recording = try recordingId("gz-yf-cihui.wav", archive)
        for id in ["gz-cihui", "\(recording)"] {
            let twice = try TestSupport.cli(["withdraw", id, "--reason", "again"], archive: url)
            XCTAssertNotEqual(twice.status, 0)
            XCTAssertTrue(twice.stderr.contains("was already withdrawn on") && twice.stderr.contains(reason), twice.stderr)
        }
        XCTAssertEqual(try archive.events().count, events + 1)
        XCTAssertEqual(try archive.store.read { db in try Withdrawal.of("session", "gz-cihui", db)?.reason }, reason)
    }
}
