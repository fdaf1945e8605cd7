@testable import DialectArchive
import Foundation
import XCTest

/// `search --json` and `/api/search` are written by hand, in exactly the bytes `JSONEncoder`
/// wrote through `JSONOutput` (the reference here): same keys, order, escapes and layout.
final class SearchResultJSONTests: XCTestCase {
    func assertWrittenAsEncoded(_ result: SearchResult, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        for compact in [false, true] {
            XCTAssertEqual(SearchResultJSON.string(result, compact: compact), try JSONOutput.string(result, compact: compact),
                           "\(message) compact: \(compact)", file: file, line: line)
        }
    }

    func testEverySearchOfTheSampleIsWrittenAsTheEncoderWroteIt() throws {
        let (archive, _) = try SampleArchive.ingested("search-json-sample")
        // Every character and word of the hits of a few searches, as queries of their own.
        var queries = ["吃", "光", "头", "月光", "光 OR 头", "-吃 了", "tɕi", "a*", "您吃了吗", "出去走走"]
        for seed in queries {
            let hits = try archive.search(try SearchQuery(seed), limit: 500, includeRestricted: true).hits
            for text in hits.flatMap({ [$0.text] + $0.parallel.map(\.text) }) {
                queries += text.split(separator: " ").map(String.init) + text.map(String.init)
            }
        }
        var seen = Set<String>(), searches = 0
        for text in queries where seen.insert(text).inserted {
            guard let query = try? SearchQuery(text) else { continue }
            for order in SearchOrder.allCases {
                for reader in [Reader.owner(includeRestricted: true), .owner(includeRestricted: false), .anonymous] {
                    let result = try archive.search(query, order: order, limit: order == .place ? 3 : 50, offset: order == .relevance ? 1 : 0, as: reader)
                    try assertWrittenAsEncoded(result, "\(text) \(order) \(reader.auditName) \(reader.seesEverything)")
                    searches += 1
                }
            }
            let page = try archive.search(query, counts: .total, as: .anonymous)
            try assertWrittenAsEncoded(page, "\(text) without facets")
        }
        XCTAssertGreaterThan(searches, 300)
    }

    func testEveryFieldPresentOrAbsentAndAwkwardTextIsWrittenAsTheEncoderWroteIt() throws {
        let awkward = "\"quoted\" back\\slash a/b <script>alert(1)</script> \" onerror=x " + (0...0x1F).map { String(Unicode.Scalar($0)!) }.joined()
            + " \u{7F}\u{80}\u{85}\u{9F}\u{A0}\u{2027}\u{2028}\u{2029}\u{202A}\u{202E}\u{202F}\u{2065}\u{2066}\u{2069}\u{206A} 😀👩‍👩‍👧 ŋ̍ ʔa˥˧ tɕi²¹ 月光光 說"
        let full = SearchHit(segmentId: 9_223_372_036_854_775_807, recordingId: -1, recordingFile: "a\"b\\c.wav", sessionId: awkward,
                             speaker: SpeakerSummary(id: "bj-lm", name: "陈\u{1B}[2J", role: "老男", sex: "m", birthYear: 1948),
                             locality: LocalitySummary(id: "gz", name: awkward), dialect: "粤语 / 广府片", tier: "汉字@bj-lm", tierKind: "orthography",
                             startMs: 0, endMs: 12_746, text: awkward, highlighted: "<mark>\(awkward)</mark>", highlights: [[0, 3], [5, 7]],
                             parallel: [ParallelSegment(tier: "IPA", tierKind: "ipa", startMs: 10, endMs: 20, text: awkward),
                                        ParallelSegment(tier: "", tierKind: "", startMs: -5, endMs: 0, text: "")])
        // A restricted speaker: name, sex and birth year withheld.
        let withheld = SearchHit(segmentId: 1, recordingId: nil, recordingFile: nil, sessionId: "mx-koutou",
                                 speaker: SpeakerSummary(id: "mx-lf", name: nil, role: nil, sex: nil, birthYear: nil),
                                 locality: nil, dialect: nil, tier: "t", tierKind: "other", startMs: 1, endMs: 2,
                                 text: "", highlighted: "", highlights: [], parallel: [])
        var noSpeaker = withheld
        noSpeaker.speaker = nil
        noSpeaker.highlights = [[]]
        let facets = [
            SearchFacet(name: "locality", filter: "locality", values: [
                SearchFacet.Value(value: "gz", label: "广州 \u{2028}", hits: 3), SearchFacet.Value(value: nil, label: "(none)", hits: 0),
            ]),
            SearchFacet(name: "sex", filter: "sex", values: []),
        ]
        let counts = [SearchResult.Count(label: awkward, hits: 80_000), SearchResult.Count(label: "", hits: 0)]
        let results = [
            SearchResult(query: awkward, total: 4, offset: 0, hits: [full, withheld, noSpeaker], byLocality: counts, byDialectGroup: counts,
                         facets: facets, includesRestricted: true),
            SearchResult(query: "", total: 0, offset: 10_000_000, hits: [], byLocality: [], byDialectGroup: [], facets: [], includesRestricted: false),
            SearchResult(query: "光", total: 1, offset: 0, hits: [noSpeaker], byLocality: [], byDialectGroup: counts, facets: [facets[1]],
                         includesRestricted: false),
        ]
        for (index, result) in results.enumerated() { try assertWrittenAsEncoded(result, "result \(index)") }
    }

    func testSearchJSONOfTheCommandLineAndTheWebIsTheEncoders() async throws {
        let (archive, url) = try SampleArchive.ingested("search-json-cli")
        let query = try SearchQuery("光 OR 头")
        let printed = try TestSupport.cli(["search", "光 OR 头", "--include-restricted", "--json"], archive: url)
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertEqual(printed.stdout, try JSONOutput.string(try archive.search(query, includeRestricted: true)) + "\n")

        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        for (parameters, counts) in [("", SearchCounting.facets), ("&facets=false", .total)] {
            let reply = try await server.get("/api/search?q=\(WebServerProcess.encoded("光 OR 头"))" + parameters)
            XCTAssertEqual(reply.status, 200)
            XCTAssertEqual(reply.text, try JSONOutput.string(try archive.search(query, counts: counts, as: .anonymous), compact: true) + "\n", parameters)
        }
    }
}
