@testable import DialectArchive
@testable import DialectArchiveWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// `/fcs` answers explain and searchRetrieve as a CLARIN FCS 2.0 endpoint, searching with the
/// archive's own search, and every error of a request as an SRU diagnostic with status 200.
/// The archive is the sample with the Guangzhou sessions in a second collection, `yue`.
final class FCSRouteTests: XCTestCase {
    static var archive: Archive!

    override class func setUp() {
        super.setUp()
        archive = try! FCSRouteTests.twoCollections("FCSRouteTests")
    }

    /// The sample collection with its Guangzhou sessions in the collection `yue`, and a Chinese title for `sample`.
    static func twoCollections(_ name: String) throws -> Archive {
        let folder = try TestSupport.scratchFolder(name)
        let recordings = folder.appendingPathComponent("recordings")
        try FileManager.default.copyItem(at: TestSupport.repository.appendingPathComponent("recordings"), to: recordings)
        let sessions = recordings.appendingPathComponent("sessions.csv")
        let moved = try String(contentsOf: sessions, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("gz-") ? $0.replacingOccurrences(of: ",sample,", with: ",yue,") : String($0) }
        try moved.joined(separator: "\n").write(to: sessions, atomically: true, encoding: .utf8)
        let archive = try TestArchive.create(at: folder.appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [recordings, TestSupport.repository.appendingPathComponent("transcripts")]))
        XCTAssertEqual(report.failed, [])
        _ = try archive.edit("sample", ["title=语保样本"], reason: "named for the FCS resources")
        return archive
    }

    struct Answer {
        var status: HTTPResponse.Status
        var type: String?
        var text: String
        func has(_ part: String) -> Bool { text.contains(part) }
        func count(_ part: String) -> Int { text.components(separatedBy: part).count - 1 }
        var numberOfRecords: Int? {
            text.range(of: #"numberOfRecords>\d+<"#, options: .regularExpression).flatMap { Int(text[$0].dropFirst(16).dropLast()) }
        }
        var refs: [String] {
            text.components(separatedBy: "<fcs:ResourceFragment ref=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
    }

    func ask(_ parameters: [(String, String)], headers: HTTPFields = [:], post: Bool = false) async throws -> Answer {
        let server = WebServer(archive: Self.archive, port: 0, baseURL: "https://archive.example.org")
        let app = Application(router: server.router())
        let query = parameters.map { "\(Links.encode($0.0))=\(Links.encode($0.1))" }.joined(separator: "&")
        return try await app.test(.router) { client in
            var fields = headers
            if post { fields[.contentType] = "application/x-www-form-urlencoded" }
            return try await client.execute(uri: post ? "/fcs" : "/fcs?" + query, method: post ? .post : .get, headers: fields,
                                            body: post ? ByteBuffer(string: query) : nil) { response in
                Answer(status: response.status, type: response.headers[.contentType], text: String(buffer: response.body))
            }
        }
    }

    func search(_ query: String, _ extra: [(String, String)] = []) async throws -> Answer {
        let page = extra.contains { $0.0 == "maximumRecords" } ? [] : [("maximumRecords", "250")]
        return try await ask([("operation", "searchRetrieve"), ("version", "2.0"), ("query", query)] + page + extra)
    }

    /// What the archive's own search finds for an anonymous visitor.
    func archiveHits(_ text: String, tier: String? = nil, collection: String? = nil) throws -> [SearchHit] {
        var filters = SearchFilters()
        filters.tier = tier
        filters.collection = collection
        return try Self.archive.search(try SearchQuery(text), filters: filters, limit: 1000, as: .anonymous).hits
    }

    func spanURLs(_ hits: [SearchHit]) -> [String] {
        hits.map { "https://archive.example.org" + Links.recording($0.recordingId!, startMs: $0.startMs, endMs: $0.endMs) }
    }

    func assertDiagnostic(_ parameters: [(String, String)], _ uri: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let answer = try await ask(parameters)
        XCTAssertEqual(answer.status, .ok, file: file, line: line)
        XCTAssertEqual(answer.count("<diag:diagnostic "), 1, answer.text, file: file, line: line)
        XCTAssertTrue(answer.has("<diag:uri>\(uri)</diag:uri>"), "\(parameters): \(answer.text)", file: file, line: line)
        XCTAssertFalse(answer.has("<fcs:Resource"), file: file, line: line)
    }

    func testExplainDescribesSearchesDataViewsLayersAndOneResourcePerCollection() async throws {
        let answer = try await ask([("operation", "explain"), ("version", "2.0"), ("x-fcs-endpoint-description", "true")])
        XCTAssertEqual(answer.type, "application/xml; charset=utf-8")
        for part in ["<sruResponse:explainResponse xmlns:sruResponse=\"http://docs.oasis-open.org/ns/search-ws/sruResponse\">",
                     "<sruResponse:version>2.0</sruResponse:version>", "<zr:host>archive.example.org</zr:host>", "<zr:port>443</zr:port>",
                     "<ed:Capability>http://clarin.eu/fcs/capability/basic-search</ed:Capability>",
                     "<ed:Capability>http://clarin.eu/fcs/capability/advanced-search</ed:Capability>",
                     ">application/x-clarin-fcs-hits+xml</ed:SupportedDataView>", ">application/x-clarin-fcs-adv+xml</ed:SupportedDataView>",
                     "<ed:SupportedLayer id=\"text\" result-id=\"https://archive.example.org/fcs/layers/text\">text</ed:SupportedLayer>",
                     "<ed:SupportedLayer id=\"orth\"", "<ed:SupportedLayer id=\"phonetic\"",
                     "<ed:Resource pid=\"https://archive.example.org/collections/sample\">",
                     "<ed:Title xml:lang=\"zh\">语保样本</ed:Title>", "<ed:Title xml:lang=\"en\">Dialect recordings: sample</ed:Title>",
                     "<ed:LandingPageURI>https://archive.example.org/collections/yue</ed:LandingPageURI>",
                     "<ed:Language>cmn</ed:Language>", "<ed:Language>hak</ed:Language>", "<ed:Language>yue</ed:Language>"] {
            XCTAssertTrue(answer.has(part), part + "\n" + answer.text)
        }
        XCTAssertEqual(answer.count("<ed:Resource "), 2)
        let plain = try await ask([("operation", "explain"), ("version", "2.0")])
        XCTAssertTrue(plain.has("<zr:explain") && !plain.has("EndpointDescription"), plain.text)
    }

    func testExplainOverSRU12AnswersInSRU12AndWithoutOperationSRU20Explains() async throws {
        let old = try await ask([("operation", "explain"), ("version", "1.2"), ("x-fcs-endpoint-description", "true")])
        XCTAssertTrue(old.has("<sru:explainResponse xmlns:sru=\"http://www.loc.gov/zing/srw/\">"), old.text)
        XCTAssertTrue(old.has("<sru:recordPacking>xml</sru:recordPacking>") && old.has("<ed:EndpointDescription"), old.text)
        XCTAssertTrue(old.has("<zr:serverInfo protocol=\"SRU\" version=\"1.2\""), old.text)
        let bare = try await ask([])
        XCTAssertTrue(bare.has("<sruResponse:explainResponse") && bare.has("<zr:explain"), bare.text)
    }

    func testCQLTermFindsWhatTheArchiveSearchFindsWithTheHitMarkedAndTheSpanURLAsRef() async throws {
        let answer = try await search("月光")
        let expected = try archiveHits("月光")
        XCTAssertEqual(answer.numberOfRecords, expected.count, answer.text)
        XCTAssertEqual(answer.refs, spanURLs(expected))
        XCTAssertTrue(answer.has("<fcs:Resource xmlns:fcs=\"http://clarin.eu/fcs/resource\" ref=\"\(spanURLs(expected)[0])\">"))
        XCTAssertEqual(answer.count("<hits:Hit>月光</hits:Hit>"), expected.count, answer.text)
        XCTAssertTrue(answer.has("<sruResponse:resultCountPrecision>info:srw/vocabulary/resultCountPrecision/1/exact</sruResponse:resultCountPrecision>"))
        XCTAssertFalse(answer.has("adv:Advanced"), "the Advanced view is sent when asked for")
        let post = try await ask([("operation", "searchRetrieve"), ("query", "月光")], post: true)
        XCTAssertEqual(post.refs, answer.refs)
    }

    func testCQLPhraseFindsOnlyItsCharactersTogetherAndBooleansCombineTerms() async throws {
        let phrase = try await search("\"出去走走\"")
        let apart = try await search("出 AND 走")
        XCTAssertEqual(phrase.refs, spanURLs(try archiveHits("\"出去走走\"")))
        XCTAssertEqual(apart.refs, spanURLs(try archiveHits("出 走")))
        XCTAssertGreaterThan(apart.numberOfRecords!, 0)
        for (cql, archiveQuery) in [("吃 OR 光", "吃 OR 光"), ("吃 NOT 您", "吃 -您"), ("(头 OR 光) AND 热", "热 头 OR 光"),
                                    ("cql.serverChoice = 吃 OR text all \"出 走\"", "吃 OR 出 吃 OR 走"), ("text any \"吃 光\"", "吃 OR 光"),
                                    ("tʰɐu*", "tʰɐu*")] {
            let answer = try await search(cql)
            let expected = try archiveHits(archiveQuery)
            XCTAssertFalse(expected.isEmpty, archiveQuery)
            XCTAssertEqual(answer.numberOfRecords, expected.count, cql)
            XCTAssertEqual(answer.refs, spanURLs(expected), cql)
        }
    }

    func testFCSQLSequenceIsAPhraseAndThePhoneticLayerSearchesOnlyIPATiers() async throws {
        let sequence = try await search("[text=\"出\"] [text=\"去\"] \"走\"", [("queryType", "fcs")])
        XCTAssertEqual(sequence.refs, spanURLs(try archiveHits("\"出去走\"")))
        XCTAssertEqual(sequence.count("<hits:Hit>出去走</hits:Hit>"), sequence.numberOfRecords, sequence.text)
        let phonetic = try await search("[phonetic=\"tʰɐu\"]", [("queryType", "fcs")])
        let ipa = try archiveHits("tʰɐu", tier: "ipa")
        XCTAssertFalse(ipa.isEmpty)
        XCTAssertTrue(ipa.allSatisfy { $0.tierKind == "ipa" })
        XCTAssertEqual(phonetic.refs, spanURLs(ipa))
        let orth = try await search("[orth='头']", [("queryType", "fcs")])
        XCTAssertEqual(orth.refs, spanURLs(try archiveHits("头", tier: "orthography")))
        let prefix = try await search("[phonetic=\"tʰɐ.*\"/i]", [("queryType", "fcs")])
        XCTAssertEqual(prefix.refs, spanURLs(try archiveHits("tʰɐ*", tier: "ipa")))
    }

    func testTheAdvancedViewGivesTheSegmentWithItsTiersAsTimedLayers() async throws {
        let answer = try await search("[phonetic=\"tʰɐu\"]", [("queryType", "fcs"), ("x-fcs-dataviews", "adv"), ("maximumRecords", "1")])
        let hit = try XCTUnwrap(try archiveHits("tʰɐu", tier: "ipa").first)
        let characters = try XCTUnwrap(hit.parallel.first { $0.tierKind == "orthography" })
        let time = { (ms: Int64) in FCSResourceWriter.timestamp(ms) }
        for part in ["<fcs:DataView type=\"application/x-clarin-fcs-adv+xml\">", "<adv:Segments unit=\"timestamp\">",
                     "start=\"\(time(hit.startMs))\" end=\"\(time(hit.endMs))\" ref=\"\(spanURLs([hit])[0])\"/>",
                     "<adv:Layer id=\"https://archive.example.org/fcs/layers/text\">",
                     "<adv:Layer id=\"https://archive.example.org/fcs/layers/orth\">",
                     "<adv:Layer id=\"https://archive.example.org/fcs/layers/phonetic\">",
                     "highlight=\"h1\">\(hit.text)</adv:Span>", ">\(characters.text)</adv:Span>"] {
            XCTAssertTrue(answer.has(part), part + "\n" + answer.text)
        }
        XCTAssertEqual(FCSResourceWriter.timestamp(3_723_045), "1:02:03.045")
    }

    func testPagesFollowEachOtherWithTheExactNumberOfRecords() async throws {
        let all = try archiveHits("头 OR 光 OR 吃")
        XCTAssertGreaterThan(all.count, 4)
        var refs: [String] = []
        var start = 1
        while true {
            let page = try await search("头 OR 光 OR 吃", [("startRecord", String(start)), ("maximumRecords", "2")])
            XCTAssertEqual(page.numberOfRecords, all.count)
            XCTAssertTrue(page.has("<sruResponse:recordPosition>\(start)</sruResponse:recordPosition>"), page.text)
            refs += page.refs
            guard let next = page.text.range(of: #"nextRecordPosition>\d+<"#, options: .regularExpression) else { break }
            start = Int(page.text[next].dropFirst(19).dropLast())!
        }
        XCTAssertEqual(refs, spanURLs(all))
        let count = try await search("头 OR 光 OR 吃", [("maximumRecords", "0")])
        XCTAssertEqual(count.numberOfRecords, all.count)
        XCTAssertTrue(count.refs.isEmpty && !count.has("nextRecordPosition"))
    }

    func testContextPicksCollectionsByPidOrId() async throws {
        let yue = try await search("头 OR 光 OR 吃", [("x-fcs-context", "https://archive.example.org/collections/yue")])
        XCTAssertEqual(yue.refs, spanURLs(try archiveHits("头 OR 光 OR 吃", collection: "yue")))
        XCTAssertGreaterThan(yue.refs.count, 0)
        let both = try await search("头 OR 光 OR 吃", [("x-fcs-context", "yue,sample"), ("startRecord", "2")])
        let expected = try archiveHits("头 OR 光 OR 吃", collection: "yue") + archiveHits("头 OR 光 OR 吃", collection: "sample")
        XCTAssertEqual(both.numberOfRecords, expected.count)
        XCTAssertEqual(both.refs, Array(spanURLs(expected).dropFirst()))
    }

    func testAnonymousClientsFindOpenMaterialOnlyAndAnAccountWhatItsReaderMaySee() async throws {
        let everything = try Self.archive.search(try SearchQuery("月光"), limit: 1000, as: .owner(includeRestricted: true)).hits
        let open = try archiveHits("月光")
        XCTAssertLessThan(open.count, everything.count, "月光 is said in the restricted session too")
        let anonymous = try await search("月光")
        XCTAssertEqual(anonymous.refs, spanURLs(open))
        try Self.archive.addAccount("fcs-archivist", role: .archivist, password: "a long enough password")
        let login = try Self.archive.logIn("fcs-archivist", password: "a long enough password", address: nil)
        let answer = try await ask([("operation", "searchRetrieve"), ("query", "月光")], headers: [.cookie: "session=\(login.token)"])
        XCTAssertEqual(answer.refs, spanURLs(everything))
    }

    func testEveryBadRequestIsAnSRUDiagnostic() async throws {
        let retrieve = [("operation", "searchRetrieve"), ("version", "2.0")]
        let cases: [([(String, String)], String)] = [
            ([("operation", "scan"), ("scanClause", "x")], "info:srw/diagnostic/1/4"),
            ([("operation", "explain"), ("version", "3.0")], "info:srw/diagnostic/1/5"),
            (retrieve + [("query", "月"), ("maximumRecords", "-1")], "info:srw/diagnostic/1/6"),
            (retrieve + [("query", "月"), ("startRecord", "0")], "info:srw/diagnostic/1/6"),
            (retrieve + [("query", "月"), ("startRecord", "many")], "info:srw/diagnostic/1/6"),
            (retrieve, "info:srw/diagnostic/1/7"),
            ([("version", "1.2"), ("query", "月")], "info:srw/diagnostic/1/7"),
            (retrieve + [("query", "月"), ("colour", "red")], "info:srw/diagnostic/1/8"),
            (retrieve + [("query", "(月 OR")], "info:srw/diagnostic/1/10"),
            (retrieve + [("query", "月 光")], "info:srw/diagnostic/1/10"),
            (retrieve + [("query", "[text=\"月\""), ("queryType", "fcs")], "info:srw/diagnostic/1/10"),
            (retrieve + [("query", "月"), ("queryType", "xpath")], "info:srw/diagnostic/1/11"),
            (retrieve + [("query", "(月 OR 光")], "info:srw/diagnostic/1/13"),
            (retrieve + [("query", "\"月")], "info:srw/diagnostic/1/14"),
            (retrieve + [("query", "dc.title = 月")], "info:srw/diagnostic/1/16"),
            (retrieve + [("query", "text < 月")], "info:srw/diagnostic/1/19"),
            (retrieve + [("query", "text =/stem 月")], "info:srw/diagnostic/1/20"),
            (retrieve + [("query", "\"\"")], "info:srw/diagnostic/1/27"),
            (retrieve + [("query", "月*光")], "info:srw/diagnostic/1/28"),
            (retrieve + [("query", "月 PROX 光")], "info:srw/diagnostic/1/37"),
            (retrieve + [("query", "月 OR (光 NOT 头)")], "info:srw/diagnostic/1/48"),
            (retrieve + [("query", "[lemma=\"月\"]"), ("queryType", "fcs")], "info:srw/diagnostic/1/48"),
            (retrieve + [("query", "[text=\"月\"]+"), ("queryType", "fcs")], "info:srw/diagnostic/1/48"),
            (retrieve + [("query", "[text=\"月|光\"]"), ("queryType", "fcs")], "info:srw/diagnostic/1/48"),
            (retrieve + [("query", "[text=\"月\"] [phonetic=\"jyt\"]"), ("queryType", "fcs")], "info:srw/diagnostic/1/48"),
            (retrieve + [("query", "月"), ("startRecord", "500")], "info:srw/diagnostic/1/61"),
            (retrieve + [("query", "月"), ("recordSchema", "info:srw/schema/1/dc-v1.1")], "info:srw/diagnostic/1/66"),
            (retrieve + [("query", "月"), ("recordXMLEscaping", "string")], "info:srw/diagnostic/1/71"),
            (retrieve + [("query", "月"), ("x-fcs-context", "https://elsewhere.example.org/c")], "http://clarin.eu/fcs/diagnostic/1"),
        ]
        for (parameters, uri) in cases { try await assertDiagnostic(parameters, uri) }
        let outOfRange = try await ask(retrieve + [("query", "月"), ("startRecord", "500")])
        XCTAssertEqual(outOfRange.numberOfRecords, try archiveHits("月").count)
        let old = try await ask([("operation", "searchRetrieve"), ("version", "1.2"), ("query", "dc.title = 月")])
        XCTAssertTrue(old.has("<diag:diagnostic xmlns:diag=\"http://www.loc.gov/zing/srw/diagnostic/\">"), old.text)
        let unknownView = try await search("月", [("x-fcs-dataviews", "cmdi")])
        XCTAssertTrue(unknownView.has("<diag:uri>http://clarin.eu/fcs/diagnostic/4</diag:uri>") && unknownView.has("<fcs:Resource"),
                      "an unknown data view is a warning beside the records: \(unknownView.text)")
    }
}
