@testable import DialectArchive
import Foundation
import XCTest

/// Every command follows the access rules: restricted and closed recordings and sessions are
/// not shown, cut, identified or grouped without `--include-restricted` (closed ones are not
/// even named), a restricted speaker is shown by id and role only, and a clip of restricted
/// material is an audit event.
final class AccessInEveryCommandTests: XCTestCase {
    /// What of the restricted speaker mx-lf only her full record may show: name, birth year,
    /// education, occupation, consent.
    private let privateFacts = ["刘秀英", "1955", "小学", "务农", "口头文化不公开"]

    /// The sample collection, with mx-koutou restricted (as shipped), gz-yufa closed and the
    /// speaker gz-yf closed; returns the archive, its folder and the ids of a restricted, a
    /// closed and an open recording (whose session has the restricted speaker mx-lf).
    private func sampleArchive(_ name: String = #function) throws -> (Archive, URL, restricted: Int64, closed: Int64, open: Int64) {
        let url = try TestSupport.scratchFolder(name).appendingPathComponent("archive")
        let archive = try TestArchive.create(at: url)
        let repo = TestSupport.repository
        let report = try archive.ingest(IngestRequest(paths: [repo.appendingPathComponent("recordings"), repo.appendingPathComponent("transcripts")]))
        XCTAssertEqual(report.failed, [])
        try archive.setAccess(.session("gz-yufa"), AccessCondition(level: .closed, reason: "family's wish"))
        try archive.setAccess(.speaker("gz-yf"), AccessCondition(level: .closed))
        let recordings = try archive.recordings().map(\.recording)
        func id(_ name: String) throws -> Int64 { try XCTUnwrap(recordings.first { $0.originalName == name }?.id) }
        return (archive, url, try id("mx-lf-koutou-1.ogg"), try id("gz-yf-yufa.ogg"), try id("mx-lf-cihui.flac"))
    }

    func testShowRefusesRestrictedAndHidesClosedRecordingsAndSessionsUnlessIncluded() throws {
        let (_, url, restricted, closed, _) = try sampleArchive()
        for id in ["\(restricted)", "mx-koutou"] {
            let result = try TestSupport.cli(["show", id], archive: url)
            XCTAssertNotEqual(result.status, 0, id)
            XCTAssertTrue(result.stderr.contains("is restricted: add --include-restricted"), result.stderr)
            XCTAssertFalse(result.stdout.contains("月光光"), result.stdout)
        }
        for id in ["\(closed)", "gz-yufa"] {
            let result = try TestSupport.cli(["show", id, "--json"], archive: url)
            XCTAssertNotEqual(result.status, 0, id)
            XCTAssertEqual(result.stderr, "error: nothing in the archive has the id \(id)\n", "a closed record is not revealed")
        }
        let included = try TestSupport.cli(["show", "\(restricted)", "--include-restricted"], archive: url)
        XCTAssertEqual(included.status, 0, included.stderr)
        XCTAssertTrue(included.stdout.hasPrefix("Includes restricted and closed material"), included.stdout)
        XCTAssertTrue(included.stdout.contains("mx-lf-koutou-1.ogg"), included.stdout)
        XCTAssertTrue(included.stdout.contains("刘秀英"), included.stdout)
        let closedIncluded = try TestSupport.cli(["show", "gz-yufa", "--include-restricted", "--json"], archive: url)
        XCTAssertEqual(closedIncluded.status, 0, closedIncluded.stderr)
        XCTAssertTrue(closedIncluded.stdout.contains("gz-yf-yufa.ogg"), closedIncluded.stdout)
    }

    func testShowListsOnlyTheOpenRecordingsOfASessionAndARestrictedSpeakerByIdAndRole() throws {
        let (archive, url, _, _, open) = try sampleArchive()
        let huayu = try XCTUnwrap(archive.recordings().first { $0.recording.originalName == "bj-huayu.mp3" }?.recording.id)
        try archive.setAccess(.recording(huayu), AccessCondition(level: .closed))
        let session = try TestSupport.cli(["show", "bj-huayu"], archive: url)
        XCTAssertEqual(session.status, 0, session.stderr)
        XCTAssertFalse(session.stdout.contains("bj-huayu.mp3"), session.stdout)
        XCTAssertTrue(try TestSupport.cli(["show", "bj-huayu", "--include-restricted"], archive: url).stdout.contains("bj-huayu.mp3"))

        for arguments in [["show", "\(open)"], ["show", "\(open)", "--json"], ["show", "mx-lf"], ["show", "mx-lf", "--json"], ["show", "gz-yf", "--json"]] {
            let result = try TestSupport.cli(arguments, archive: url)
            XCTAssertEqual(result.status, 0, result.stderr)
            for fact in privateFacts + ["陈嘉欣", "1994", "中学教师"] { XCTAssertFalse(result.stdout.contains(fact), "\(arguments) shows \(fact): \(result.stdout)") }
        }
        let speaker = try TestSupport.cli(["show", "mx-lf"], archive: url).stdout
        XCTAssertTrue(speaker.contains("speaker mx-lf") && speaker.contains("老女") && speaker.contains("access restricted"), speaker)
        let full = try TestSupport.cli(["show", "mx-lf", "--include-restricted"], archive: url).stdout
        for fact in privateFacts { XCTAssertTrue(full.contains(fact), "\(fact) missing with --include-restricted: \(full)") }
    }

    func testListSpeakersShowsRestrictedAndClosedSpeakersByIdAndRoleOnly() throws {
        let (_, url, _, _, _) = try sampleArchive()
        for arguments in [["list", "speakers"], ["list", "speakers", "--json"]] {
            let result = try TestSupport.cli(arguments, archive: url)
            XCTAssertEqual(result.status, 0, result.stderr)
            for fact in privateFacts + ["陈嘉欣", "1994"] { XCTAssertFalse(result.stdout.contains(fact), "\(arguments) shows \(fact)") }
            XCTAssertTrue(result.stdout.contains("mx-lf") && result.stdout.contains("老女") && result.stdout.contains("青女"), result.stdout)
            XCTAssertTrue(result.stdout.contains("李德顺"), "an open speaker is shown in full")
        }
        let included = try TestSupport.cli(["list", "speakers", "--include-restricted"], archive: url).stdout
        XCTAssertTrue(included.contains("刘秀英") && included.contains("陈嘉欣"), included)
    }

    func testAClipOfRestrictedMaterialNeedsTheFlagAndIsAnAuditEvent() throws {
        let (archive, url, restricted, closed, open) = try sampleArchive()
        let out = try TestSupport.scratchFolder()
        let refused = try TestSupport.cli(["clip", "\(restricted)", "1000", "2000", out.appendingPathComponent("r.wav").path], archive: url)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("recording \(restricted) is restricted"), refused.stderr)
        let hidden = try TestSupport.cli(["clip", "\(closed)", "1000", "2000", out.appendingPathComponent("c.wav").path], archive: url)
        XCTAssertEqual(hidden.stderr, "error: nothing in the archive has the id \(closed)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("r.wav").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("c.wav").path))

        let eventsBefore = try archive.events().count
        XCTAssertEqual(try TestSupport.cli(["clip", "\(open)", "1000", "2000", out.appendingPathComponent("o.wav").path], archive: url).status, 0)
        XCTAssertEqual(try archive.events().count, eventsBefore, "a clip of open material is not audited")

        let cut = try TestSupport.cli(["clip", "\(restricted)", "1000", "2000", out.appendingPathComponent("r.wav").path, "--include-restricted"], archive: url)
        XCTAssertEqual(cut.status, 0, cut.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("r.wav").path))
        let event = try XCTUnwrap(archive.events().last)
        XCTAssertEqual(event.kind, "clip")
        XCTAssertEqual(event.summary, "clip of restricted recording \(restricted) (mx-lf-koutou-1.ogg) 00:01.000–00:02.000 to \(out.appendingPathComponent("r.wav").path)")
        XCTAssertFalse(event.user.isEmpty)
        let details = try JSONSerialization.jsonObject(with: Data(event.details.utf8)) as? [String: Any]
        XCTAssertEqual(details?["recording"] as? Int, Int(restricted))
        XCTAssertEqual(details?["start_ms"] as? Int, 1000)
        XCTAssertEqual(details?["end_ms"] as? Int, 2000)
    }

    func testIdentifyDuplicatesAndIngestWarningsDoNotRevealWithheldRecordings() throws {
        let (archive, url, restricted, closed, _) = try sampleArchive()
        let repo = TestSupport.repository.appendingPathComponent("recordings")
        let copies = try FieldFolder()
        let restrictedCopy = copies.url.appendingPathComponent("copy-koutou.wav"), closedCopy = copies.url.appendingPathComponent("copy-yufa.wav")
        try TestSupport.ffmpeg(["-i", repo.appendingPathComponent("mx-lf-koutou-1.ogg").path, restrictedCopy.path])
        try TestSupport.ffmpeg(["-i", repo.appendingPathComponent("gz-yf-yufa.ogg").path, closedCopy.path])
        try FileManager.default.copyItem(at: repo.appendingPathComponent("gz-yf-yufa.ogg"), to: copies.url.appendingPathComponent("same-bytes.ogg"))

        for (file, id) in [(restrictedCopy, restricted), (closedCopy, closed)] {
            let hidden = try TestSupport.cli(["identify", file.path, "--json"], archive: url)
            XCTAssertEqual(hidden.status, 0, hidden.stderr)
            let matches = try JSONSerialization.jsonObject(with: hidden.output) as? [[String: Any]]
            XCTAssertFalse(matches?.contains { $0["recording_id"] as? Int == Int(id) } ?? true, hidden.stdout)
            let shown = try TestSupport.cli(["identify", file.path, "--include-restricted"], archive: url)
            XCTAssertTrue(shown.stdout.contains("Includes restricted and closed material"), shown.stdout)
            XCTAssertTrue(try archive.identify(file, includeRestricted: true).contains { $0.recordingId == id }, "\(file.lastPathComponent) matches recording \(id)")
        }

        let report = try archive.ingest(IngestRequest(paths: [copies.url]))
        let messages = (report.warnings.map(\.message) + report.outcomes.compactMap(\.message)).joined(separator: "\n")
        XCTAssertTrue(messages.contains("recording \(closed) (closed)"), messages)
        XCTAssertTrue(messages.contains("recording \(restricted) (restricted)"), messages)
        XCTAssertFalse(messages.contains("yufa.ogg") || messages.contains("koutou-1.ogg") || messages.contains("gz-yufa"), messages)

        let withheld: Set<Int64> = [restricted, closed]
        let hidden = try TestSupport.cli(["duplicates", "--json"], archive: url)
        XCTAssertEqual(hidden.status, 0, hidden.stderr)
        let groups = try JSONSerialization.jsonObject(with: hidden.output) as? [[String: Any]] ?? []
        let shownIds = groups.flatMap { ($0["members"] as? [[String: Any]] ?? []).compactMap { ($0["recording_id"] as? Int).map(Int64.init) } }
        XCTAssertTrue(withheld.isDisjoint(with: shownIds), hidden.stdout)
        XCTAssertFalse(hidden.stdout.contains("yufa.ogg") || hidden.stdout.contains("koutou-1.ogg"), hidden.stdout)
        let all = try archive.duplicates(includeRestricted: true).flatMap { $0.members.map(\.recordingId) }
        XCTAssertTrue(withheld.isSubset(of: all), "\(all)")
        XCTAssertTrue(try TestSupport.cli(["duplicates", "--include-restricted"], archive: url).stdout.contains("gz-yf-yufa.ogg"))
    }
}
