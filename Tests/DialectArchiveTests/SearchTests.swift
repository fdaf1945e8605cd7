import DialectArchive
import Foundation
import XCTest

/// Researchers find every intended hit and nothing else, filtered as they ask.
final class SearchTests: XCTestCase {
    private static var archiveURL: URL!

    /// The bundled sample collection plus a Taiwanese-style trip written in traditional
    /// characters with IPA in three tone notations.
    override class func setUp() {
        super.setUp()
        do {
            let folder = try TestSupport.scratchFolder("search")
            archiveURL = folder.appendingPathComponent("archive")
            let archive = try TestArchive.create(at: archiveURL)
            let repo = TestSupport.repository
            let sample = try archive.ingest(IngestRequest(paths: [repo.appendingPathComponent("recordings"), repo.appendingPathComponent("transcripts")]))
            XCTAssertEqual(sample.failed, [])
            let trip = folder.appendingPathComponent("tw")
            try FileManager.default.createDirectory(at: trip, withIntermediateDirectories: true)
            XCTAssertEqual(try TestSupport.run("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=300:duration=6:sample_rate=16000",
                                                         "-c:a", "pcm_s24le", trip.appendingPathComponent("tw-talk.wav").path]).status, 0)
            try Data("""
                id,name,province,county,latitude,longitude,dialect_group,dialect_subgroup
                tp,台北,台湾省,台北市,25.03,121.56,官话,台湾国语

                """.utf8).write(to: trip.appendingPathComponent("localities.csv"))
            try Data("id,name,sex,birth_year,role,locality\ntp-qn,林先生,m,1985,青男,tp\n".utf8).write(to: trip.appendingPathComponent("speakers.csv"))
            try Data("id,title,date,locality,speakers,content,files\ntp-talk,台北 话语,2021-03-04,tp,tp-qn,话语,tw-talk.wav\n".utf8)
                .write(to: trip.appendingPathComponent("sessions.csv"))
            try Data("""
                WEBVTT

                00:00.000 --> 00:01.000
                他說話很慢 tɕi˥˧

                00:01.000 --> 00:02.000
                tɕi53 tɕia tɕin tɕi²¹

                00:02.000 --> 00:03.000
                Café ã tɕi⁵³

                00:03.000 --> 00:04.000
                說 "你好" 再見

                00:04.000 --> 00:05.000
                你說，話多

                """.utf8).write(to: trip.appendingPathComponent("tw-talk.vtt"))
            let report = try archive.ingest(IngestRequest(paths: [trip]))
            XCTAssertEqual(report.failed, [])
        } catch {
            XCTFail("setting up the search archive failed: \(error)")
        }
    }

    private var archive: Archive { try! Archive.open(at: Self.archiveURL) }

    private func texts(_ query: String, _ filters: SearchFilters = SearchFilters()) throws -> [String] {
        try archive.search(try SearchQuery(query), filters: filters, limit: 1000, includeRestricted: true).hits.map(\.text)
    }

    func testOneAndTwoCharacterChineseQueries() throws {
        XCTAssertEqual(try texts("月").sorted(), ["0002 月亮", "0002 月光", "0002 月光", "月光光，"].sorted())
        XCTAssertEqual(try texts("月光").sorted(), ["0002 月光", "0002 月光", "月光光，"].sorted())
        XCTAssertEqual(try texts("光月"), [], "a two-character query is a sequence, not two loose characters")
    }

    func testTraditionalAndSimplifiedFindEachOther() throws {
        XCTAssertEqual(try texts("说话"), ["他說話很慢 tɕi˥˧"], "說，話 across a comma is not the word 说话")
        XCTAssertEqual(try texts("說話"), ["他說話很慢 tɕi˥˧"])
        let simplifiedInSample = try texts("热头")
        XCTAssertFalse(simplifiedInSample.isEmpty)
        XCTAssertEqual(try texts("熱頭"), simplifiedInSample, "a traditional query finds simplified text")
    }

    func testIPAWithAndWithoutTones() throws {
        XCTAssertEqual(try texts("tɕi").sorted(), ["Café ã tɕi⁵³", "tɕi53 tɕia tɕin tɕi²¹", "他說話很慢 tɕi˥˧"].sorted())
        XCTAssertEqual(try texts("tɕi53").sorted(), ["Café ã tɕi⁵³", "tɕi53 tɕia tɕin tɕi²¹", "他說話很慢 tɕi˥˧"].sorted())
        XCTAssertEqual(try texts("tɕi˨˩"), ["tɕi53 tɕia tɕin tɕi²¹"])
        XCTAssertEqual(try texts("tɕia"), ["tɕi53 tɕia tɕin tɕi²¹"])
        XCTAssertEqual(try texts("tɕi35"), [])
    }

    func testDiacriticsAndCaseAreFolded() throws {
        XCTAssertEqual(try texts("cafe"), ["Café ã tɕi⁵³"])
        XCTAssertEqual(try texts("A"), ["Café ã tɕi⁵³"])
    }

    func testPhrasePrefixOrAndExclusion() throws {
        XCTAssertEqual(try texts("\"你好\""), ["說 \"你好\" 再見"])
        XCTAssertEqual(try texts("\"好你\""), [])
        XCTAssertEqual(try texts("tɕi -慢").sorted(), ["Café ã tɕi⁵³", "tɕi53 tɕia tɕin tɕi²¹"].sorted())
        XCTAssertEqual(try texts("cafe OR 再见").sorted(), ["Café ã tɕi⁵³", "說 \"你好\" 再見"].sorted())
        XCTAssertEqual(try texts("caf*"), ["Café ã tɕi⁵³"])
    }

    func testEveryFilter() throws {
        func count(_ query: String, _ configure: (inout SearchFilters) throws -> Void) throws -> Int {
            var filters = SearchFilters()
            try configure(&filters)
            return try archive.search(try SearchQuery(query), filters: filters, limit: 1000, includeRestricted: true).total
        }
        XCTAssertEqual(try count("月") { _ in }, 4)
        XCTAssertEqual(try count("月") { $0.locality = "mx" }, 2)
        XCTAssertEqual(try count("月") { $0.locality = "广州越秀" }, 1)
        XCTAssertEqual(try count("月") { $0.dialect = "客家话" }, 2)
        XCTAssertEqual(try count("月") { $0.dialect = "嘉应小片" }, 2)
        XCTAssertEqual(try count("月") { $0.dialect = "广府片" }, 1)
        XCTAssertEqual(try count("月") { $0.speaker = "bj-lm" }, 1)
        XCTAssertEqual(try count("月") { $0.role = "老女" }, 2)
        XCTAssertEqual(try count("月") { $0.sex = "女" }, 3)
        XCTAssertEqual(try count("月") { $0.born = try SearchFilters.years("1950-1953") }, 1)
        XCTAssertEqual(try count("月") { $0.recorded = try SearchFilters.dates("2024-05-10..2024-05-13") }, 1)
        XCTAssertEqual(try count("月") { $0.content = "口头文化" }, 1)
        XCTAssertEqual(try count("月") { $0.collection = "sample" }, 4)
        XCTAssertEqual(try count("月") { $0.collection = "nothing" }, 0)
        XCTAssertEqual(try count("ȵiat") { $0.tier = "ipa" }, 2)
        XCTAssertEqual(try count("ȵiat") { $0.tier = "orthography" }, 0)
        XCTAssertEqual(try count("月") { $0.dialect = "客家话"; $0.role = "老女"; $0.content = "词汇" }, 1)
        XCTAssertEqual(try count("tɕi") { $0.dialect = "官话"; $0.role = "青男"; $0.born = 1980...1990 }, 3)
    }

    func testCountsPerLocalityAndDialectGroupCoverEveryHit() throws {
        let result = try archive.search(try SearchQuery("月"), limit: 1, includeRestricted: true)
        XCTAssertEqual(result.hits.count, 1)
        XCTAssertEqual(result.total, 4)
        XCTAssertEqual(result.byLocality.map { "\($0.label) \($0.hits)" }, ["梅州梅县 (mx) 2", "北京东城 (bj) 1", "广州越秀 (gz) 1"])
        XCTAssertEqual(result.byDialectGroup.map { "\($0.label) \($0.hits)" }, ["客家话 2", "官话 1", "粤语 1"])
    }

    func testRestrictedMaterialIsLeftOutUnlessAskedFor() throws {
        // The sample's 口头文化 session mx-koutou is restricted, and so is speaker mx-lf's record.
        let open = try archive.search(try SearchQuery("月光"), limit: 100)
        XCTAssertEqual(open.hits.map(\.text).sorted(), ["0002 月光", "0002 月光"])
        XCTAssertFalse(open.includesRestricted)
        let hakka = try XCTUnwrap(open.hits.first { $0.locality?.id == "mx" })
        XCTAssertEqual(hakka.speaker?.id, "mx-lf")
        XCTAssertNil(hakka.speaker?.birthYear, "a restricted speaker is shown by id and role only")
        XCTAssertEqual(try archive.countHits(try SearchQuery("月光")), 2)
        let all = try archive.search(try SearchQuery("月光"), limit: 100, includeRestricted: true)
        XCTAssertEqual(all.total, 3)
        XCTAssertTrue(all.includesRestricted)
        let cli = try TestSupport.cli(["search", "月光", "--include-restricted"], archive: Self.archiveURL)
        XCTAssertTrue(cli.stdout.hasPrefix("Includes restricted and closed material"), cli.stdout)
    }

    func testHitsCarryPlaceSpeakerTimeAndTheParallelIPA() throws {
        let hit = try XCTUnwrap(archive.search(try SearchQuery("月光"), filters: { var f = SearchFilters(); f.locality = "gz"; return f }()).hits.first)
        XCTAssertEqual(hit.locality?.name, "广州越秀")
        XCTAssertEqual(hit.dialect, "粤语 / 广府片")
        XCTAssertEqual(hit.speaker?.role, "青女")
        XCTAssertEqual(hit.recordingFile, "gz-yf-cihui.wav")
        XCTAssertLessThan(hit.startMs, hit.endMs)
        XCTAssertEqual(hit.parallel.map(\.tierKind), ["ipa"])
        XCTAssertTrue(hit.parallel[0].text.contains("kʷɔŋ"))
    }

    func testHighlightOffsetsPointIntoMixedHanAndIPAText() throws {
        let hit = try XCTUnwrap(archive.search(try SearchQuery("說 tɕi")).hits.first)
        XCTAssertEqual(hit.text, "他說話很慢 tɕi˥˧")
        XCTAssertEqual(hit.highlighted, "他<mark>說</mark>話很慢 <mark>tɕi˥˧</mark>")
        let scalars = Array(hit.text.unicodeScalars)
        let marked = hit.highlights.map { range in String(String.UnicodeScalarView(scalars[range[0]..<range[1]])) }
        XCTAssertEqual(marked, ["說", "tɕi˥˧"])
    }

    func testMalformedQueriesSayWhatIsWrong() throws {
        let cases: [(String, String)] = [
            ("\"月光", "the quote opened at character 1 is never closed"),
            ("OR 月", "OR at character 1 needs a word on each side"),
            ("月 OR", "OR at the end of the search needs a word after it"),
            ("-月", "a search needs at least one word to look for, not only words to exclude"),
            ("！？", "'！？' at character 1 has nothing to search for (no letters, characters or digits)"),
            ("", "the search is empty"),
        ]
        for (query, message) in cases {
            XCTAssertThrowsError(try SearchQuery(query), query) { error in
                XCTAssertEqual((error as? SearchQueryError)?.message, message)
            }
        }
        let result = try TestSupport.cli(["search", "\"月光", "AND", "(", "NEAR"], archive: Self.archiveURL)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stderr, "error: search: the quote opened at character 1 is never closed\n")
        let sqlish = try TestSupport.cli(["search", "月 AND NEAR(光) ^x"], archive: Self.archiveURL)
        XCTAssertFalse(sqlish.stderr.lowercased().contains("sql"), sqlish.stderr)
        XCTAssertFalse(sqlish.stderr.lowercased().contains("fts5"), sqlish.stderr)
    }

    func testAClipHasExactlyTheRequestedOriginalSamples() throws {
        let recording = try XCTUnwrap(archive.recordings().first { $0.recording.originalName == "tw-talk.wav" }).recording
        let folder = try TestSupport.scratchFolder()
        let clipURL = folder.appendingPathComponent("clip.wav")
        let written = try archive.clip(recording: recording.id!, startMs: 1000, endMs: 2000, padMs: 250, to: clipURL)
        XCTAssertEqual(written.frames, 24_000, "1000 ms + 2 × 250 ms at 16 kHz")
        let clip = try AudioAnalyzer.analyze(clipURL)
        XCTAssertEqual(clip.sampleRate, 16000)
        XCTAssertEqual(clip.channels, 1)
        XCTAssertEqual(clip.bitsPerSample, 24)
        XCTAssertEqual(clip.durationMs, 1500)
        let source = try TestSupport.run("ffmpeg", ["-nostdin", "-v", "error", "-i", archive.absolute(recording.storedPath).path, "-f", "s32le", "-"]).output
        let cut = try TestSupport.run("ffmpeg", ["-nostdin", "-v", "error", "-i", clipURL.path, "-f", "s32le", "-"]).output
        XCTAssertEqual(cut.count, 24_000 * 4)
        XCTAssertEqual(cut, source.subdata(in: (12_000 * 4)..<(36_000 * 4)), "the clip holds samples 12000..<36000 of the original")
    }

    func testSearchClipsAreNamedAfterRecordingAndTime() throws {
        let folder = try TestSupport.scratchFolder()
        let result = try TestSupport.cli(["search", "月光", "--locality", "gz", "--clips", folder.path], archive: Self.archiveURL)
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(files.count, 1)
        XCTAssertTrue(files[0].hasPrefix("gz-yf-cihui_"), files[0])
        XCTAssertTrue(files[0].hasSuffix(".wav"))
    }

    func testCompareListsEachLocalityWithItsIPA() throws {
        let rows = try archive.compare(try SearchQuery("月光"), includeRestricted: true)
        XCTAssertEqual(rows.map { $0.locality?.id }, ["mx", "gz"])
        // Meixian's forms come in the order of its recordings' ids, which parallel ingest gives in either order.
        XCTAssertEqual(Set(rows.first?.ipa ?? []), ["ȵiat⁵ koŋ⁴⁴", "ȵiat⁵ koŋ⁴⁴ koŋ⁴⁴"])
    }
}
