import DialectArchive
import Foundation
import XCTest

/// The compare page with its map of survey sites, and what the recording page adds to the
/// player: technical facts, the last fixity check, transcript downloads and the cite line.
final class WebCompareAndRecordingTests: XCTestCase {
    static var archive: Archive!
    static var archiveURL: URL!
    static var server: WebServerProcess!

    override class func setUp() {
        super.setUp()
        (archive, archiveURL) = try! SampleArchive.ingested("WebCompareAndRecordingTests")
        server = try! WebServerProcess(archive: archiveURL)
    }

    override class func tearDown() {
        server?.stop()
        super.tearDown()
    }

    var server: WebServerProcess { Self.server }
    let wind = WebServerProcess.encoded("风")

    func rows(_ page: WebServerProcess.Reply) -> [String] {
        page.text.components(separatedBy: "<tr class=\"compare-row\" data-locality=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    func testComparePageHasOneRowPerLocalityInClassificationOrderWithIPAAndPlayButtonsBesideTheMap() async throws {
        let compared = try Self.archive.compare(try SearchQuery("风"))
        XCTAssertEqual(compared.count, 3)
        let page = try await server.get("/compare?q=\(wind)")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(rows(page), compared.map { $0.locality!.id })
        for row in compared {
            for ipa in row.ipa { XCTAssertTrue(page.text.contains(ipa), ipa) }
            let hit = row.hits[0]
            XCTAssertTrue(page.text.contains("data-audio=\"/api/recordings/\(hit.recordingId!)/audio?start_ms=\(hit.startMs)&amp;end_ms=\(hit.endMs)&amp;pad_ms=250\""))
        }
        XCTAssertEqual(page.text.components(separatedBy: "<g class=\"site").count - 1, 3, "one circle per site with coordinates")
        XCTAssertTrue(page.text.contains("<a href=\"/compare?q=\(wind)&amp;locality=gz\"><g class=\"site\" data-locality=\"gz\">"))
        let colours = Set(page.text.components(separatedBy: "<g class=\"site").dropFirst().map { $0.components(separatedBy: "fill=\"")[1].prefix(7) })
        XCTAssertEqual(colours.count, 3, "three dialect groups, three colours")
    }

    func testClickingASiteNarrowsTheComparisonToItAndOffersTheWholeTableAgain() async throws {
        let page = try await server.get("/compare?q=\(wind)&locality=gz")
        XCTAssertEqual(rows(page), ["gz"])
        XCTAssertTrue(page.text.contains("<g class=\"site selected\" data-locality=\"gz\">"))
        XCTAssertTrue(page.text.contains("id=\"all-sites\" href=\"/compare?q=\(wind)\""))
        XCTAssertEqual(page.text.components(separatedBy: "<g class=\"site").count - 1, 3)
    }

    func testComparePageWithholdsRestrictedAnswersAndSaysWhyAQueryIsMalformed() async throws {
        XCTAssertEqual(try Self.archive.compare(try SearchQuery("秀才"), includeRestricted: true).count, 1)
        let restricted = try await server.get("/compare?q=\(WebServerProcess.encoded("秀才"))")
        XCTAssertEqual(rows(restricted), [], "秀才 is said only in the restricted session mx-koutou")
        XCTAssertTrue(restricted.text.contains("No locality has this item."))
        XCTAssertFalse(restricted.text.contains("秀才郎"))
        let malformed = try await server.get("/compare?q=\(WebServerProcess.encoded("\"月光"))")
        XCTAssertEqual(malformed.status, 400)
        XCTAssertTrue(malformed.text.contains("class=\"error\""))
        let empty = try await server.get("/compare")
        XCTAssertEqual(empty.status, 200)
        XCTAssertEqual(rows(empty), [])
    }

    func recording(_ name: String) throws -> Recording {
        try XCTUnwrap(Self.archive.recordings().first { $0.recording.originalName == name }?.recording)
    }

    func testRecordingPageShowsTechnicalFactsChecksumsAndTheLastFixityCheck() async throws {
        let before = try recording("gz-yf-cihui.wav")
        let unchecked = try await server.get("/recordings/\(before.id!)")
        XCTAssertTrue(unchecked.text.contains("<dd id=\"fixity\">not yet checked</dd>"))
        XCTAssertTrue(unchecked.text.contains(before.audioSha256))
        XCTAssertTrue(unchecked.text.contains("(\(before.size) B)"))
        XCTAssertTrue(unchecked.text.contains("href=\"/sessions/gz-cihui\""))
        XCTAssertTrue(unchecked.text.contains("href=\"/speakers/gz-yf\""))
        XCTAssertEqual(try TestSupport.cli(["verify"], archive: Self.archiveURL).status, 0)
        let verified = try XCTUnwrap(try recording("gz-yf-cihui.wav").verifiedAt)
        let checked = try await server.get("/recordings/\(before.id!)", headers: ["Accept-Language": "zh"])
        XCTAssertTrue(checked.text.contains("<dd id=\"fixity\">\(verified)</dd>"), checked.text)
        XCTAssertTrue(checked.text.contains("最近一次完整性检查"))
    }

    /// The file with an EAF's write time (its DATE attribute, ISO 8601) in a fixed form, other bytes as they are.
    private static func withoutWriteDate(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).replacingOccurrences(
            of: #"DATE="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ""#, with: #"DATE="written""#, options: .regularExpression)
    }

    func testTranscriptDownloadsAreTheBytesExportWritesWithTheirTypeAndFileName() async throws {
        let r = try recording("bj-lm-cihui.flac")
        let out = try TestSupport.scratchFolder("downloads")
        let page = try await server.get("/recordings/\(r.id!)")
        for (format, ext, type) in [("eaf", "eaf", "application/xml; charset=utf-8"), ("textgrid", "TextGrid", "text/plain; charset=utf-8"),
                                    ("vtt", "vtt", "text/vtt; charset=utf-8")] {
            let folder = out.appendingPathComponent(format)
            let export = try TestSupport.cli(["export", "--format", format, "--session", "bj-cihui", "--out", folder.path], archive: Self.archiveURL)
            XCTAssertEqual(export.status, 0, export.stderr)
            let written = try XCTUnwrap(FileManager.default.enumerator(atPath: folder.path)?.allObjects.compactMap { $0 as? String }
                .first { $0.hasSuffix("bj-lm-cihui.\(ext)") })
            let link = try XCTUnwrap(page.text.components(separatedBy: "<a class=\"download\" href=\"").dropFirst()
                .map { String($0.prefix { $0 != "\"" }) }.first { $0.hasSuffix(".\(ext)") })
            let download = try await server.get(link)
            XCTAssertEqual(download.status, 200, link)
            // An EAF records when it was written (DATE); the two were written moments apart.
            XCTAssertEqual(Self.withoutWriteDate(download.body), Self.withoutWriteDate(try Data(contentsOf: folder.appendingPathComponent(written))), link)
            XCTAssertEqual(download.header("Content-Type"), type)
            XCTAssertEqual(download.header("Content-Disposition"),
                           "attachment; filename=\"bj-lm-cihui.\(ext)\"; filename*=UTF-8''bj-lm-cihui.\(ext)")
        }
        for bad in ["/recordings/\(r.id!)/transcripts/1.pdf", "/recordings/\(r.id!)/transcripts/x.eaf"] {
            let refused = try await server.get(bad)
            XCTAssertEqual(refused.status, 400, bad)
        }
        let other = try await server.get("/recordings/\(r.id!)/transcripts/999.eaf")
        XCTAssertEqual(other.status, 404)
    }

    func testRestrictedRecordingsTranscriptIsNotDownloaded() async throws {
        let r = try recording("mx-lf-koutou-1.ogg")
        let transcript = try XCTUnwrap(try Self.archive.item("\(r.id!)", includeRestricted: true)).self
        guard case .recording(let detail) = transcript else { return XCTFail("not a recording") }
        let id = try XCTUnwrap(detail.transcripts.first?.file.id)
        let refused = try await server.get("/recordings/\(r.id!)/transcripts/\(id).eaf")
        XCTAssertEqual(refused.status, 403)
        XCTAssertFalse(refused.text.contains("月光"))
    }

    func testCiteLineNamesArchiveCollectionSessionRecordingSpanChecksumAndAccess() async throws {
        let r = try recording("gz-yf-cihui.wav")
        let whole = try await server.get("/recordings/\(r.id!)")
        XCTAssertTrue(whole.text.contains("<p class=\"cite\" id=\"cite\">Dialect archive. Collection sample. Session gz-cihui 广州越秀 词汇（青女） 2024-05-10. "
            + "Recording \(r.id!) gz-yf-cihui.wav. SHA-256 \(r.sha256). Access open. /recordings/\(r.id!)</p>"), whole.text)
        let span = try await server.get("/recordings/\(r.id!)?t=1.5-2.25")
        XCTAssertTrue(span.text.contains("Recording \(r.id!) gz-yf-cihui.wav. Span 00:01.500–00:02.250. SHA-256 \(r.sha256). Access open. /recordings/\(r.id!)?t=1.500-2.250</p>"))
    }

    func testRecordingPageDrawsTheWaveformFromPeaksComputedOnceAndKeptUnderTheArchive() async throws {
        let folder = try TestSupport.scratchFolder("waveform")
        let silence = folder.appendingPathComponent("silence.wav"), tone = folder.appendingPathComponent("tone.wav")
        let input = try TestSupport.scratchFolder("waveform-input").appendingPathComponent("half-tone.wav")
        try TestSupport.run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", silence.path, "trim", "0", "1"])
        try TestSupport.run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", tone.path, "synth", "1", "sine", "440", "vol", "0.5"])
        try TestSupport.run("sox", [silence.path, tone.path, input.path])
        let url = try TestSupport.scratchFolder("waveform-archive").appendingPathComponent("archive")
        let archive = try TestArchive.create(at: url)
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [input])).failed, [])
        let stored = try XCTUnwrap(try archive.recordings().first?.recording)
        let peaks = try archive.waveformPeaks(recording: stored.id!, count: 10)
        for peak in peaks.prefix(5) { XCTAssertLessThan(peak, 0.001, "silence (sox dithers it by one step)") }
        for peak in peaks.suffix(5) { XCTAssertEqual(peak, 0.5, accuracy: 0.01) }
        let cached = url.appendingPathComponent("cache/peaks/\(stored.sha256)-10.json")
        XCTAssertEqual(try JSONDecoder().decode([Float].self, from: Data(contentsOf: cached)), peaks)
        try JSONEncoder().encode([Float](repeating: 0.25, count: 10)).write(to: cached)
        XCTAssertEqual(try archive.waveformPeaks(recording: stored.id!, count: 10), [Float](repeating: 0.25, count: 10),
                       "the kept peaks are read, not computed again")

        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let page = try await server.get("/recordings/\(stored.id!)")
        XCTAssertTrue(page.text.contains("<svg class=\"waveform\" id=\"waveform\""))
        let path = try XCTUnwrap(page.text.components(separatedBy: "<path d=\"").dropFirst().first?.prefix { $0 != "\"" })
        XCTAssertEqual(path.filter { $0 == "M" }.count, 600)
        XCTAssertTrue(path.hasPrefix("M0 29.5V30.5"), "silence is drawn as the middle line")
        XCTAssertTrue(path.hasSuffix("M599 15.0V45.0"), "a tone at half scale fills half the height")

        let koutou = try recording("mx-lf-koutou-1.ogg")
        XCTAssertThrowsError(try Self.archive.waveformPeaks(recording: koutou.id!)) { XCTAssertTrue($0 is AccessError) }
    }
}
