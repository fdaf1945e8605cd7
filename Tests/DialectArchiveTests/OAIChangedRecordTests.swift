@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// What an incremental harvest (`from` the last one) learns: a session closed or emptied since
/// is a deleted record, one made restricted comes again without its speakers' names, and the end
/// of an embargo is a change; a session that was always closed never appears.
final class OAIChangedRecordTests: XCTestCase {
    let repository = OAIRepository(baseURL: "https://archive.example.org/oai", host: "archive.example.org")

    func ask(_ archive: Archive, _ query: String) throws -> String {
        try archive.oai(formEncoded: query, repository: repository)
    }

    func responseDate(_ text: String) throws -> String {
        try XCTUnwrap(text.range(of: #"(?<=<responseDate>)[^<]+"#, options: .regularExpression).map { String(text[$0]) }, text)
    }

    func headers(_ text: String) -> [String] {
        text.components(separatedBy: "<header").dropFirst().map { "<header" + $0.components(separatedBy: "</header>")[0] }
    }

    /// The sample archive, harvested once a second after its ingest; the response date to continue from.
    func harvested(_ name: String) throws -> (Archive, String) {
        let (archive, _) = try SampleArchive.ingested(name)
        Thread.sleep(forTimeInterval: 1.1)
        let first = try ask(archive, "verb=ListRecords&metadataPrefix=olac")
        XCTAssertTrue(first.contains("<identifier>oai:archive.example.org:bj-danzi</identifier>"), first)
        Thread.sleep(forTimeInterval: 1.1)
        return (archive, try responseDate(first))
    }

    func testASessionClosedAfterAHarvestIsADeletedRecordInTheNextIncrementalHarvest() throws {
        let (archive, from) = try harvested(#function)
        try archive.setAccess(.session("bj-danzi"), AccessCondition(level: .closed, reason: "the family asked"))
        let next = try ask(archive, "verb=ListRecords&metadataPrefix=olac&from=" + from)
        XCTAssertEqual(headers(next).count, 1, next)
        XCTAssertNotNil(next.range(of: #"<header status="deleted">\s*<identifier>oai:archive.example.org:bj-danzi</identifier>"#,
                                   options: .regularExpression), next)
        XCTAssertFalse(next.contains("<metadata>") || next.contains("陈志远"), next)
        let record = try ask(archive, "verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:bj-danzi")
        XCTAssertTrue(record.contains("<header status=\"deleted\">") && !record.contains("<metadata>"), record)
        // Open again, it comes back whole.
        Thread.sleep(forTimeInterval: 1.1)
        let closedAt = try responseDate(next)
        try archive.setAccess(.session("bj-danzi"), AccessCondition(level: .open, reason: "the family agreed"))
        let reopened = try ask(archive, "verb=ListRecords&metadataPrefix=olac&from=" + closedAt)
        XCTAssertEqual(headers(reopened).count, 1, reopened)
        XCTAssertFalse(reopened.contains("status=\"deleted\""), reopened)
        XCTAssertTrue(reopened.contains("bj-danzi") && reopened.contains("陈志远"), reopened)
    }

    func testASessionWhoseRecordingIsWithdrawnIsADeletedRecordInTheNextIncrementalHarvest() throws {
        let (archive, from) = try harvested(#function)
        let recording = try XCTUnwrap(try archive.recordings().first { $0.recording.sessionId == "gz-yufa" }?.recording.id)
        _ = try archive.withdraw(String(recording), reason: "the speaker withdrew consent")
        let next = try ask(archive, "verb=ListIdentifiers&metadataPrefix=oai_dc&from=" + from)
        XCTAssertEqual(headers(next).count, 1, next)
        XCTAssertNotNil(next.range(of: #"<header status="deleted">\s*<identifier>oai:archive.example.org:gz-yufa</identifier>"#,
                                   options: .regularExpression), next)
    }

    func testASessionMadeRestrictedComesAgainWithoutItsSpeakersNames() throws {
        let (archive, from) = try harvested(#function)
        try archive.setAccess(.session("gz-yufa"), AccessCondition(level: .restricted, reason: "speaker asked"))
        let next = try ask(archive, "verb=ListRecords&metadataPrefix=olac&from=" + from)
        XCTAssertEqual(headers(next).count, 1, next)
        XCTAssertTrue(next.contains("<identifier>oai:archive.example.org:gz-yufa</identifier>") && !next.contains("status=\"deleted\""), next)
        XCTAssertTrue(next.contains("olac:code=\"speaker\">gz-yf<") && !next.contains("陈嘉欣"), next)
        XCTAssertTrue(next.contains("<dc:rights>restricted: speaker asked</dc:rights>"), next)
    }

    func testATranscriptRevisionAndASpeakersAccessChangeEachComeInTheNextIncrementalHarvest() throws {
        let (archive, from) = try harvested(#function)
        let folder = try TestSupport.scratchFolder(#function + "-corrected")
        let original = try String(contentsOf: TestSupport.repository.appendingPathComponent("transcripts/gz-yf-cihui.eaf"), encoding: .utf8)
        try original.replacingOccurrences(of: "0002 月光", with: "0002 月亮光")
            .write(to: folder.appendingPathComponent("gz-yf-cihui.eaf"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [folder])).revisions.count, 1)
        let revised = try ask(archive, "verb=ListIdentifiers&metadataPrefix=olac&from=" + from)
        XCTAssertEqual(headers(revised).count, 1, revised)
        XCTAssertTrue(revised.contains("<identifier>oai:archive.example.org:gz-cihui</identifier>"), revised)

        // A mark a second after the revision, and the next change a second after it.
        Thread.sleep(forTimeInterval: 1.1)
        let revisedAt = try responseDate(try ask(archive, "verb=Identify"))
        Thread.sleep(forTimeInterval: 1.1)
        try archive.setAccess(.speaker("bj-ym"), AccessCondition(level: .restricted, reason: "asked not to be named"))
        let restricted = try ask(archive, "verb=ListRecords&metadataPrefix=olac&from=" + revisedAt)
        XCTAssertEqual(headers(restricted).count, 1, restricted)
        XCTAssertTrue(restricted.contains("<identifier>oai:archive.example.org:bj-huayu</identifier>")
                      && restricted.contains("olac:code=\"speaker\">bj-ym<") && !restricted.contains("赵宇航"), restricted)
    }

    func testASessionClosedFromItsIngestNeverAppearsEvenWithdrawn() throws {
        let (archive, archiveURL) = try SampleArchive.ingested(#function)
        let folder = try TestSupport.scratchFolder(#function + "-new")
        try """
            id,title,date,locality,speakers,recorder,content,collection,access,files
            secret-1,广州越秀 词汇（未公开）,2024-06-01,gz,gz-yf,黄慧敏,词汇,sample,closed,

            """.write(to: folder.appendingPathComponent("sessions.csv"), atomically: true, encoding: .utf8)
        let ingest = try TestSupport.cli(["ingest", folder.path], archive: archiveURL)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        try archive.setAccess(.session("secret-1"), AccessCondition(level: .closed, until: "2099-01-01", reason: "until the speaker's death"))
        _ = try archive.withdraw("secret-1", reason: "entered by mistake")
        let list = try ask(archive, "verb=ListIdentifiers&metadataPrefix=olac")
        XCTAssertFalse(list.contains("secret-1"), list)
        let record = try ask(archive, "verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:secret-1")
        XCTAssertTrue(record.contains("<error code=\"idDoesNotExist\">"), record)
    }

    func testTheEndOfAnEmbargoIsTheDatestampOfTheSessionItOpens() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        // An archive made years ago, whose session was closed until yesterday: nothing was
        // edited since, yet the record is new to harvesters from today on.
        func daysAgo(_ days: Int) -> String {
            String(ISO8601DateFormatter().string(from: Date(timeIntervalSinceNow: -86_400 * Double(days))).prefix(10))
        }
        try archive.store.write { db in
            try db.execute("UPDATE event SET at = '2020-01-01T00:00:00.000Z'")
            try db.execute("UPDATE collection SET created_at = '2020-01-01T00:00:00.000Z'")
            try db.execute("UPDATE recording SET ingested_at = '2020-01-01T00:00:00.000Z'")
            try db.execute("UPDATE transcript SET ingested_at = '2020-01-01T00:00:00.000Z'")
            try db.execute("UPDATE session SET access = 'closed', access_until = ? WHERE id = 'bj-danzi'", [daysAgo(1)])
            try db.execute("UPDATE session SET access = 'restricted', access_until = ? WHERE id = 'gz-yufa'", [daysAgo(2)])
        }
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let list = try ask(archive, "verb=ListIdentifiers&metadataPrefix=olac&from=" + today)
        XCTAssertEqual(headers(list).count, 1, list)
        XCTAssertTrue(list.contains("<identifier>oai:archive.example.org:bj-danzi</identifier>")
                      && list.contains("<datestamp>\(today)T00:00:00Z</datestamp>"), list)
        let record = try ask(archive, "verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:gz-cihui")
        XCTAssertTrue(record.contains("<datestamp>2020-01-01T00:00:00Z</datestamp>"), record)
    }
}
