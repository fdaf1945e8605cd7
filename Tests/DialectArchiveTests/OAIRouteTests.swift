import DialectArchive
@testable import DialectArchiveWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// `/oai` answers each OAI-PMH verb, and each protocol error where the specification puts it,
/// as XML with status 200.
final class OAIRouteTests: XCTestCase {
    static var archive: Archive!

    override class func setUp() {
        super.setUp()
        (archive, _) = try! SampleArchive.ingested("OAIRouteTests")
    }

    struct Answer {
        var status: HTTPResponse.Status
        var type: String?
        var text: String
        func has(_ part: String) -> Bool { text.contains(part) }
    }

    func ask(_ query: String, archive: Archive? = nil, post: Bool = false, pageSize: Int = 100,
             baseURL: String? = "https://archive.example.org", headers: HTTPFields = [:], live: Bool = false) async throws -> Answer {
        let server = WebServer(archive: archive ?? Self.archive, port: 0, baseURL: baseURL, oai: OAISettings(pageSize: pageSize))
        let app = Application(router: server.router())
        return try await app.test(live ? .live : .router) { client in
            var fields = headers
            if post { fields[.contentType] = "application/x-www-form-urlencoded" }
            let uri = post ? "/oai" : "/oai?" + query
            return try await client.execute(uri: uri, method: post ? .post : .get, headers: fields,
                                            body: post ? ByteBuffer(string: query) : nil) { response in
                Answer(status: response.status, type: response.headers[.contentType], text: String(buffer: response.body))
            }
        }
    }

    func assertError(_ query: String, _ code: String, archive: Archive? = nil, file: StaticString = #filePath, line: UInt = #line) async throws {
        let answer = try await ask(query, archive: archive)
        XCTAssertEqual(answer.status, .ok, query, file: file, line: line)
        XCTAssertEqual(answer.type, "text/xml; charset=utf-8", file: file, line: line)
        XCTAssertTrue(answer.has("<error code=\"\(code)\">"), "\(query): \(answer.text)", file: file, line: line)
    }

    func testIdentifyCarriesTheOAIIdentifierAndOLACArchiveDescriptions() async throws {
        let answer = try await ask("verb=Identify")
        XCTAssertEqual(answer.type, "text/xml; charset=utf-8")
        XCTAssertTrue(answer.has("<baseURL>https://archive.example.org/oai</baseURL>"), answer.text)
        XCTAssertTrue(answer.has("<deletedRecord>persistent</deletedRecord>"))
        XCTAssertTrue(answer.has("<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>"))
        XCTAssertTrue(answer.has("<repositoryIdentifier>archive.example.org</repositoryIdentifier>"))
        XCTAssertTrue(answer.has("<sampleIdentifier>oai:archive.example.org:bj-cihui</sampleIdentifier>"))
        XCTAssertTrue(answer.has("<olac-archive xmlns=\"http://www.language-archives.org/OLAC/1.1/olac-archive\""))
        XCTAssertNotNil(answer.text.range(of: #"<earliestDatestamp>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ</earliestDatestamp>"#, options: .regularExpression))
    }

    func testListMetadataFormatsOffersOAIDCAndOLACForTheArchiveAndForARecord() async throws {
        for query in ["verb=ListMetadataFormats", "verb=ListMetadataFormats&identifier=oai:archive.example.org:gz-cihui"] {
            let answer = try await ask(query)
            XCTAssertTrue(answer.has("<metadataPrefix>oai_dc</metadataPrefix>") && answer.has("<metadataPrefix>olac</metadataPrefix>"), answer.text)
        }
    }

    func testListSetsHasEachCollectionAndEachISO6393Language() async throws {
        let answer = try await ask("verb=ListSets")
        for spec in ["collection", "collection:sample", "language", "language:cmn", "language:yue", "language:hak"] {
            XCTAssertTrue(answer.has("<setSpec>\(spec)</setSpec>"), spec + ": " + answer.text)
        }
        let yue = try await ask("verb=ListIdentifiers&metadataPrefix=olac&set=language:yue")
        XCTAssertEqual(yue.text.components(separatedBy: "<header>").count - 1, 2, yue.text)
    }

    func testGetRecordInOLACHasLanguageRolesTypesPlaceAndRights() async throws {
        let answer = try await ask("verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:bj-huayu")
        for part in ["<identifier>oai:archive.example.org:bj-huayu</identifier>", "<setSpec>collection:sample</setSpec>",
                     "<setSpec>language:cmn</setSpec>", "xsi:type=\"olac:language\" olac:code=\"cmn\"",
                     "xsi:type=\"olac:role\" olac:code=\"speaker\">李德顺<", "olac:code=\"recorder\">陈志远<",
                     "xsi:type=\"olac:linguistic-type\"", "xsi:type=\"olac:discourse-type\" olac:code=\"narrative\"",
                     "<dcterms:spatial xsi:type=\"dcterms:Point\">east=116.416; north=39.9288</dcterms:spatial>",
                     "<dc:rights>open</dc:rights>"] {
            XCTAssertTrue(answer.has(part), part + ": " + answer.text)
        }
        let dc = try await ask("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:archive.example.org:bj-huayu")
        XCTAssertTrue(dc.has("<oai_dc:dc ") && dc.has("<dc:coverage>east=116.416; north=39.9288</dc:coverage>") && !dc.has("olac:"), dc.text)
    }

    func testPostTakesTheArgumentsFromTheFormBody() async throws {
        let answer = try await ask("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%3Aarchive.example.org%3Agz-cihui", post: true)
        XCTAssertTrue(answer.has("<dc:title>广州越秀 词汇（青女）</dc:title>"), answer.text)
    }

    func testListsArePagedWithOpaqueTokensCarryingCompleteListSizeAndCursor() async throws {
        var answer = try await ask("verb=ListRecords&metadataPrefix=olac", pageSize: 3)
        var identifiers: [String] = []
        var cursors: [String] = []
        while true {
            identifiers += answer.text.components(separatedBy: "<identifier>").dropFirst().map { String($0.prefix { $0 != "<" }) }
            let token = try XCTUnwrap(answer.text.range(of: #"<resumptionToken [^>]*(/>|>[^<]*</resumptionToken>)"#, options: .regularExpression)
                .map { String(answer.text[$0]) }, answer.text)
            XCTAssertTrue(token.contains("completeListSize=\"7\""), token)
            cursors.append(String(token.split(separator: "\"")[3]))
            guard let start = token.range(of: "\">"), let end = token.range(of: "</") else { break }
            answer = try await ask("verb=ListRecords&resumptionToken=" + token[start.upperBound..<end.lowerBound], pageSize: 3)
        }
        XCTAssertEqual(cursors, ["0", "3", "6"])
        XCTAssertEqual(identifiers.count, 7)
        XCTAssertEqual(Set(identifiers).count, 7)
    }

    func testRestrictedSessionAppearsWithoutSpeakersNamesAndAClosedOneOnlyAsDeleted() async throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        try archive.setAccess(.session("gz-yufa"), AccessCondition(level: .restricted, reason: "speaker asked"))
        try archive.setAccess(.session("bj-danzi"), AccessCondition(level: .closed, reason: "not yet checked"))
        let restricted = try await ask("verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:gz-yufa", archive: archive)
        XCTAssertTrue(restricted.has("olac:code=\"speaker\">gz-yf<") && !restricted.has("陈嘉欣"), restricted.text)
        XCTAssertTrue(restricted.has("<dc:rights>restricted: speaker asked</dc:rights>"), restricted.text)
        let open = try await ask("verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:gz-cihui", archive: archive)
        XCTAssertTrue(open.has("olac:code=\"speaker\">陈嘉欣<"), open.text)
        // Closed after it was open, it is gone for a harvester that took it (OAIChangedRecordTests).
        let closed = try await ask("verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:bj-danzi", archive: archive)
        XCTAssertTrue(closed.has("<header status=\"deleted\">") && !closed.has("<metadata>"), closed.text)
        let list = try await ask("verb=ListIdentifiers&metadataPrefix=oai_dc", archive: archive)
        XCTAssertNotNil(list.text.range(of: #"<header status="deleted">\s*<identifier>oai:archive.example.org:bj-danzi<"#, options: .regularExpression), list.text)
        XCTAssertTrue(list.has("gz-yufa"), list.text)
    }

    func testEveryErrorOfTheSpecificationWhereItBelongs() async throws {
        try await assertError("", "badVerb")
        try await assertError("verb=Harvest", "badVerb")
        try await assertError("verb=Identify&verb=Identify", "badVerb")
        try await assertError("verb=Identify&set=x", "badArgument")
        try await assertError("verb=ListRecords", "badArgument")
        try await assertError("verb=ListRecords&metadataPrefix=olac&metadataPrefix=olac", "badArgument")
        try await assertError("verb=ListRecords&metadataPrefix=olac&resumptionToken=abc", "badArgument")
        try await assertError("verb=ListRecords&metadataPrefix=olac&from=2024-13-01", "badArgument")
        try await assertError("verb=ListRecords&metadataPrefix=olac&from=2024-01-01&until=2025-01-01T00:00:00Z", "badArgument")
        try await assertError("verb=ListRecords&metadataPrefix=olac&from=2025-01-02&until=2025-01-01", "badArgument")
        try await assertError("verb=GetRecord&identifier=oai:archive.example.org:gz-cihui", "badArgument")
        try await assertError("verb=ListIdentifiers&metadataPrefix=olac&set=%25zz", "badArgument")
        try await assertError("verb=ListIdentifiers&resumptionToken=not-a-token", "badResumptionToken")
        try await assertError("verb=ListSets&resumptionToken=abc", "badResumptionToken")
        try await assertError("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat")
        try await assertError("verb=GetRecord&metadataPrefix=mods&identifier=oai:archive.example.org:gz-cihui", "cannotDisseminateFormat")
        try await assertError("verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:no-such-session", "idDoesNotExist")
        try await assertError("verb=GetRecord&metadataPrefix=olac&identifier=oai:other.example.org:gz-cihui", "idDoesNotExist")
        try await assertError("verb=ListMetadataFormats&identifier=gz-cihui", "idDoesNotExist")
        try await assertError("verb=ListRecords&metadataPrefix=olac&from=2999-01-01", "noRecordsMatch")
        try await assertError("verb=ListRecords&metadataPrefix=olac&set=collection:none", "noRecordsMatch")
        let empty = try TestArchive.create(at: try TestSupport.scratchFolder(#function).appendingPathComponent("archive"))
        try await assertError("verb=ListSets", "noSetHierarchy", archive: empty)
        try await assertError("verb=ListIdentifiers&metadataPrefix=olac&set=collection:sample", "noSetHierarchy", archive: empty)
        try await assertError("verb=ListIdentifiers&metadataPrefix=olac", "noRecordsMatch", archive: empty)
    }

    func testBadVerbAndBadArgumentEchoNoArgumentsButOtherErrorsDo() async throws {
        let bad = try await ask("verb=ListRecords&metadataPrefix=olac&bogus=1")
        XCTAssertTrue(bad.has("<request>https://archive.example.org/oai</request>"), bad.text)
        let missing = try await ask("verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:none")
        XCTAssertTrue(missing.has("<request identifier=\"oai:archive.example.org:none\" metadataPrefix=\"olac\" verb=\"GetRecord\">")
                      || missing.has("<request verb=\"GetRecord\" identifier=\"oai:archive.example.org:none\" metadataPrefix=\"olac\">"), missing.text)
    }

    func testAWithdrawalIsADeletedRecordInTheNextIncrementalHarvest() async throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        // The ingest is a second behind, so that the incremental harvest has the withdrawal only.
        try await Task.sleep(nanoseconds: 1_100_000_000)
        let first = try await ask("verb=ListIdentifiers&metadataPrefix=olac", archive: archive)
        let responseDate = try XCTUnwrap(first.text.range(of: #"(?<=<responseDate>)[^<]+"#, options: .regularExpression).map { String(first.text[$0]) })
        try await Task.sleep(nanoseconds: 1_100_000_000)
        _ = try archive.withdraw("gz-yufa", reason: "speaker withdrew consent")
        let next = try await ask("verb=ListRecords&metadataPrefix=olac&from=" + responseDate, archive: archive)
        XCTAssertNotNil(next.text.range(of: #"<header status="deleted">\s*<identifier>oai:archive.example.org:gz-yufa</identifier>"#,
                                        options: .regularExpression), next.text)
        XCTAssertEqual(next.text.components(separatedBy: "<header").count - 1, 1, next.text)
        XCTAssertFalse(next.has("<metadata>"), next.text)
        // Deleted records are kept: asked for by identifier, it is still there, deleted.
        let record = try await ask("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:archive.example.org:gz-yufa", archive: archive)
        XCTAssertTrue(record.has("<header status=\"deleted\">"), record.text)
    }

    func testADatestampIsTheLastChangeToTheSessionOrAnythingInIt() async throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let before = try await ask("verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:gz-cihui", archive: archive)
        let otherBefore = try await ask("verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:bj-cihui", archive: archive)
        try await Task.sleep(nanoseconds: 1_100_000_000)
        _ = try archive.edit("gz-yf", ["occupation=退休教师"], reason: "corrected")
        let after = try await ask("verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:gz-cihui", archive: archive)
        func datestamp(_ answer: Answer) -> String? {
            answer.text.range(of: #"(?<=<datestamp>)[^<]+"#, options: .regularExpression).map { String(answer.text[$0]) }
        }
        XCTAssertNotNil(datestamp(before))
        XCTAssertGreaterThan(try XCTUnwrap(datestamp(after)), try XCTUnwrap(datestamp(before)))
        let other = try await ask("verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:bj-cihui", archive: archive)
        XCTAssertEqual(datestamp(other), datestamp(otherBefore), "a session the edited speaker is not in keeps its datestamp")
    }
}
