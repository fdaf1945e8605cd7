@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// Ingest takes a field trip in whole: recordings linked to sessions, speakers and places,
/// originals stored byte for byte, transcripts paired, and every run in the audit trail.
final class IngestTests: XCTestCase {
    private func makeTrip(_ name: String = #function) throws -> FieldFolder {
        let trip = try FieldFolder(name)
        try trip.tone("bj-lm-cihui.wav", frequency: 300, extra: ["-write_bext", "1", "-metadata", "originator=ZOOM H5",
                                                                  "-metadata", "origination_date=2023-08-17"])
        try trip.tone("gz-qn-cihui.flac", frequency: 500)
        try trip.tone("extra/stray.mp3", frequency: 800, extra: ["-c:a", "libmp3lame", "-q:a", "5"])
        try trip.write("localities.csv", FieldFolder.localities)
        try trip.write("speakers.csv", "\u{FEFF}" + FieldFolder.speakers)
        try trip.write("sessions.csv", """
            id,title,date,locality,speakers,recorder,content,collection,access,files,notes
            bj-cihui,北京 老男 词汇,,bj,bj-lm,张调查,词汇,survey-2023,open,bj-lm-cihui.wav,"recorded in a quiet room, ""good"" take"
            gz-cihui,广州 青女 词汇,2023-09-01,gz,gz-qn,,词汇,survey-2023,restricted until 2030-01-01: speaker's wish,gz-qn-cihui.flac,

            """)
        try trip.write("bj-lm-cihui.vtt", "WEBVTT\n\n1\n00:00.100 --> 00:00.600\n0001 太阳\n\n2\n00:00.700 --> 00:00.950\n0002 月亮\n")
        try trip.write("elsewhere/gz-take.eaf", """
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT AUTHOR="" DATE="2023-09-01T10:00:00+08:00" FORMAT="3.0" VERSION="3.0">
            <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
            <MEDIA_DESCRIPTOR MEDIA_URL="file:///C:/fieldwork/gz-qn-cihui.flac" MIME_TYPE="audio/x-flac" RELATIVE_MEDIA_URL="../gz-qn-cihui.flac"/>
            </HEADER>
            <TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="100"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="800"/></TIME_ORDER>
            <TIER LINGUISTIC_TYPE_REF="default-lt" PARTICIPANT="gz-qn" TIER_ID="汉字">
            <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>日头</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="ipa-lt" PARENT_REF="汉字" PARTICIPANT="gz-qn" TIER_ID="IPA">
            <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a1"><ANNOTATION_VALUE>jɐt˨ tʰɐu˨˩</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>
            <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="ipa-lt" TIME_ALIGNABLE="false"/>
            <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>
            </ANNOTATION_DOCUMENT>
            """)
        return trip
    }

    func testAFieldTripIsIngestedWithItsMetadata() throws {
        let trip = try makeTrip()
        let folder = try TestSupport.scratchFolder()
        let archive = try TestArchive.create(at: folder.appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [trip.url], collection: "fieldwork"))
        XCTAssertEqual(report.failed, [], "\(report.failed)")
        XCTAssertEqual(report.count(recordings: .added), 3)
        XCTAssertEqual(report.outcomes.filter { $0.kind == .transcript && $0.status == .added }.count, 2)

        let recordings = try archive.recordings()
        let bj = try XCTUnwrap(recordings.first { $0.recording.originalName == "bj-lm-cihui.wav" })
        XCTAssertEqual(bj.recording.storedPath, "recordings/survey-2023/bj-cihui/bj-lm-cihui.wav")
        XCTAssertEqual(bj.localityName, "北京")
        XCTAssertEqual(bj.recording.bextOriginator, "ZOOM H5")
        XCTAssertEqual(try TestSupport.sha256sum(archive.absolute(bj.recording.storedPath)),
                       try TestSupport.sha256sum(trip.url.appendingPathComponent("bj-lm-cihui.wav")))

        let stray = try XCTUnwrap(recordings.first { $0.recording.originalName == "stray.mp3" })
        XCTAssertEqual(stray.recording.sessionId, "extra")
        XCTAssertEqual(stray.collectionId, "fieldwork")
        XCTAssertTrue(report.warnings.contains { $0.file.hasSuffix("stray.mp3") && $0.message.contains("no session in the metadata names this file") })

        guard case .session(let session) = try archive.item("bj-cihui") else { return XCTFail("bj-cihui is not a session") }
        XCTAssertEqual(session.session.date, "2023-08-17", "the BWF origination date fills the missing session date")
        XCTAssertEqual(session.participants.map(\.role).sorted(), ["recorder", "speaker"])
        XCTAssertEqual(session.session.extra, #"{"notes":"recorded in a quiet room, \"good\" take"}"#)

        guard case .session(let gz) = try archive.item("gz-cihui", includeRestricted: true) else { return XCTFail("gz-cihui is not a session") }
        XCTAssertEqual(gz.session.access, "restricted")
        XCTAssertEqual(gz.session.accessUntil, "2030-01-01")
        XCTAssertEqual(gz.session.accessReason, "speaker's wish")

        guard case .speaker(let speaker) = try archive.item("bj-lm") else { return XCTFail("bj-lm is not a speaker") }
        XCTAssertEqual(speaker.sex, "m")
        XCTAssertEqual(speaker.birthYear, 1950)
        XCTAssertEqual(speaker.role, "老男")
    }

    func testTranscriptsArePairedByMediaReferenceElseBaseName() throws {
        let trip = try makeTrip()
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        _ = try archive.ingest(IngestRequest(paths: [trip.url]))
        let recordings = try archive.recordings()
        for name in ["bj-lm-cihui.wav", "gz-qn-cihui.flac"] {
            let listing = try XCTUnwrap(recordings.first { $0.recording.originalName == name })
            XCTAssertEqual(listing.transcripts, 1, name)
        }
        let gz = try XCTUnwrap(recordings.first { $0.recording.originalName == "gz-qn-cihui.flac" })
        guard case .recording(let detail) = try archive.item("\(gz.recording.id!)", includeRestricted: true) else { return XCTFail() }
        let segments = try XCTUnwrap(detail.transcripts.first).segments
        XCTAssertEqual(segments.map(\.text), ["日头", "jɐt˨ tʰɐu˨˩"])
        XCTAssertEqual(segments.map(\.tierKind), ["orthography", "ipa"])
        XCTAssertEqual(segments.map(\.speakerId), ["gz-qn", "gz-qn"])
        XCTAssertEqual(segments.last?.startMs, 100)
        XCTAssertEqual(segments.last?.endMs, 800)
        XCTAssertEqual(detail.transcripts.first?.file.storedPath, "transcripts/survey-2023/gz-cihui/gz-take.eaf")

        let bj = try XCTUnwrap(recordings.first { $0.recording.originalName == "bj-lm-cihui.wav" })
        guard case .recording(let bjDetail) = try archive.item("\(bj.recording.id!)") else { return XCTFail() }
        XCTAssertEqual(bjDetail.transcripts.first?.segments.map(\.itemNumber), ["0001", "0002"])
    }

    func testTierKindsInTheMetadataOverrideTheGuess() throws {
        let trip = try makeTrip()
        let sessions = trip.url.appendingPathComponent("sessions.csv")
        let text = try String(contentsOf: sessions, encoding: .utf8)
            .replacingOccurrences(of: "files,notes", with: "files,notes,tier_kinds")
            .replacingOccurrences(of: "gz-qn-cihui.flac,", with: "gz-qn-cihui.flac,,汉字=translation; IPA=gloss")
        try Data(text.utf8).write(to: sessions)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [trip.url])).failed, [])
        let gz = try XCTUnwrap(archive.recordings().first { $0.recording.originalName == "gz-qn-cihui.flac" })
        guard case .recording(let detail) = try archive.item("\(gz.recording.id!)", includeRestricted: true) else { return XCTFail() }
        XCTAssertEqual(detail.transcripts.first?.segments.map(\.tierKind), ["translation", "gloss"])
    }

    func testABadTranscriptIsReportedWithItsLineAndTheRestIsStored() throws {
        let trip = try makeTrip()
        try trip.write("gz-qn-cihui.TextGrid", "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0\nxmax = 1\ntiers? <exists>\nsize = 1\nitem []:\n    item [1]:\n        class = \"IntervalTier\"\n        name = \"汉字\"\n        xmin = 0\n")
        try trip.write("evil.eaf", "<?xml version=\"1.0\"?>\n<!DOCTYPE lol [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<ANNOTATION_DOCUMENT>&b;</ANNOTATION_DOCUMENT>\n")
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        let failures = report.failed.map { ($0.file as NSString).lastPathComponent + ": " + ($0.message ?? "") }
        XCTAssertEqual(failures.count, 2, "\(failures)")
        XCTAssertTrue(failures.contains { $0.hasPrefix("gz-qn-cihui.TextGrid: ") && $0.contains("(line ") }, "\(failures)")
        XCTAssertTrue(failures.contains { $0.hasPrefix("evil.eaf: ") && $0.contains("(line 2)") }, "\(failures)")
        XCTAssertEqual(try archive.stats(includeRestricted: true).transcripts, 2, "the two good transcripts are stored")
        let stored = try FileManager.default.subpathsOfDirectory(atPath: archive.absolute("transcripts").path)
        XCTAssertFalse(stored.contains { $0.hasSuffix("evil.eaf") || $0.hasSuffix(".TextGrid") })
    }

    func testIngestingTheSameFilesAgainAddsNothingAndSaysSo() throws {
        let trip = try makeTrip()
        let archive = try TestSupport.scratchFolder().appendingPathComponent("archive")
        XCTAssertEqual(try TestSupport.cli(["init"], archive: archive).status, 0)
        let first = try TestSupport.cli(["ingest", trip.url.path], archive: archive)
        XCTAssertEqual(first.status, 0, first.stderr)
        let second = try TestSupport.cli(["ingest", trip.url.path], archive: archive)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("recordings   0 added, 3 already present, 0 failed"), second.stdout)
        XCTAssertTrue(second.stdout.contains("transcripts  0 added, 2 already present, 0 failed"), second.stdout)
        XCTAssertTrue(second.stdout.contains("Everything was already in the archive; nothing was added."), second.stdout)
        let stats = try Archive.open(at: archive).stats(includeRestricted: true)
        XCTAssertEqual(stats.recordings, 3)
        XCTAssertEqual(stats.transcripts, 2)
    }

    /// A run again (after a crash, say) only reads what is already stored, without computing
    /// its fingerprints again, so it takes a fraction of the first run; a file changed in place
    /// to other bytes of the same size is still taken in whole, with its landmarks.
    func testARunAgainOnlyReadsWhatIsStoredAndAFileChangedInPlaceIsFingerprinted() throws {
        let trip = try FieldFolder()
        for index in 0..<4 {
            try trip.tone("take-\(index).wav", frequency: 300 + 110 * index, seconds: 30)
        }
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let first = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(first.count(recordings: .added), 4)
        let again = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(again.count(recordings: .alreadyPresent), 4)
        XCTAssertLessThan(again.seconds, first.seconds / 4, "the run again took \(again.seconds) s, the first \(first.seconds) s")

        let changed = trip.url.appendingPathComponent("take-0.wav")
        let size = try FileManager.default.attributesOfItem(atPath: changed.path)[.size] as? Int
        try FileManager.default.removeItem(at: changed)
        try trip.tone("take-0.wav", frequency: 1500, seconds: 30)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: changed.path)[.size] as? Int, size)
        let third = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(third.count(recordings: .added), 1)
        XCTAssertEqual(third.count(recordings: .alreadyPresent), 3)
        let id = try XCTUnwrap(third.added.first?.id)
        let landmarks = try StoredLandmarks.all(archive)[id]?.count ?? 0
        XCTAssertGreaterThan(landmarks, 0, "the changed file's landmarks are stored")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: archive.url.appendingPathComponent(".incoming").path), [])
    }

    func testRecordingsOfTheSameSizeAreEachStoredAndACopyElsewhereIsKnown() throws {
        // A recorder's fixed-length takes: different audio, the very same file size.
        let trip = try FieldFolder()
        let takes = [try trip.tone("take-1.wav", frequency: 300, seconds: 2), try trip.tone("take-2.wav", frequency: 700, seconds: 2)]
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: takes[0].path)[.size] as? Int,
                       try FileManager.default.attributesOfItem(atPath: takes[1].path)[.size] as? Int)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let first = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(first.count(recordings: .added), 2)
        for take in takes {
            let stored = try archive.store.read { db in
                try db.value("SELECT stored_path FROM recording WHERE original_name = ?", [take.lastPathComponent], as: String.self)
            }
            XCTAssertEqual(try Data(contentsOf: archive.absolute(try XCTUnwrap(stored))), try Data(contentsOf: take))
        }
        // The same bytes at another path: known, and nothing left behind in .incoming.
        let elsewhere = try FieldFolder("\(#function)-elsewhere")
        try FileManager.default.copyItem(at: takes[1], to: elsewhere.url.appendingPathComponent("renamed.wav"))
        let second = try archive.ingest(IngestRequest(paths: [elsewhere.url]))
        XCTAssertEqual(second.count(recordings: .alreadyPresent), 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: archive.url.appendingPathComponent(".incoming").path), [])
        XCTAssertEqual(try archive.stats().recordings, 2)
    }

    func testEveryIngestIsAnAuditEvent() throws {
        let trip = try makeTrip()
        let archive = try TestSupport.scratchFolder().appendingPathComponent("archive")
        XCTAssertEqual(try TestSupport.cli(["init"], archive: archive).status, 0)
        _ = try TestSupport.cli(["ingest", trip.url.path, "--collection", "fieldwork"], archive: archive)
        let log = try TestSupport.cli(["log", "--json"], archive: archive)
        let events = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(events.map { $0["kind"] as? String }, ["init", "metadata", "ingest"])
        let ingest = events[2]
        XCTAssertFalse((ingest["user"] as? String ?? "").isEmpty)
        XCTAssertNotNil(ingest["at"])
        XCTAssertTrue((ingest["arguments"] as? String ?? "").contains("ingest"))
        let details = try JSONSerialization.jsonObject(with: Data((ingest["details"] as! String).utf8)) as! [String: Any]
        XCTAssertEqual(details["sources"] as? [String], [trip.url.standardizedFileURL.path])
        XCTAssertEqual(details["recordings_added"] as? Int, 3)
        XCTAssertEqual(details["transcripts_added"] as? Int, 2)
        XCTAssertEqual(details["failed"] as? Int, 0)
        XCTAssertEqual(details["metadata_event"] as? Int, events[1]["id"] as? Int, "the ingest names the event that keeps its metadata changes")
    }

    func testDryRunStoresNothing() throws {
        let trip = try makeTrip()
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [trip.url], dryRun: true))
        XCTAssertEqual(report.count(recordings: .added), 3)
        XCTAssertEqual(try archive.stats().recordings, 0)
        XCTAssertEqual(try archive.sessions(), [])
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: archive.absolute("recordings").path), [])
    }

    func testSameSamplesInAnotherContainerAreAddedWithAWarning() throws {
        let trip = try FieldFolder()
        let wav = try trip.tone("take.wav", frequency: 350)
        try TestSupport.ffmpeg(["-i", wav.path, trip.url.appendingPathComponent("take-copy.flac").path])
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let first = try archive.ingest(IngestRequest(paths: [wav]))
        XCTAssertEqual(first.count(recordings: .added), 1)
        let second = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(second.count(recordings: .added), 1)
        XCTAssertEqual(second.count(recordings: .alreadyPresent), 1)
        XCTAssertTrue(second.warnings.contains { $0.message.contains("same decoded samples as recording") }, "\(second.warnings)")
    }
}

extension IngestReport {
    func count(recordings status: Outcome.Status) -> Int {
        outcomes.filter { $0.kind == .recording && $0.status == status }.count
    }
}
