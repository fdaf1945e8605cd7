import DialectArchive
import Foundation
import XCTest

/// Harvesters from outside: every OAI-PMH response of a running server validates against the
/// standards' schemas, and sickle (PyPI) harvests each record exactly once while an ingest adds
/// sessions, then the new sessions and a withdrawal incrementally (scripts/oai_harvest_test.py).
final class OAIHarvestTests: XCTestCase {
    let script = TestSupport.repository.appendingPathComponent("scripts/oai_harvest_test.py").path
    /// The standards' own schemas (see MANIFEST.tsv there).
    let schemas = TestSupport.repository.appendingPathComponent("Tests/DialectArchiveTests/Fixtures/schemas").path

    func testEveryResponseValidatesAgainstOAIPMHAndEveryRecordAgainstOLACAndDublinCore() throws {
        let (archive, archiveURL) = try SampleArchive.ingested(#function)
        // Deleted records among them: one closed after its ingest, one whose recording is withdrawn.
        try archive.setAccess(.session("bj-danzi"), AccessCondition(level: .closed, reason: "the family asked"))
        let recording = try XCTUnwrap(try archive.recordings().first { $0.recording.sessionId == "gz-yufa" }?.recording.id)
        _ = try archive.withdraw(String(recording), reason: "consent withdrawn")
        let server = try WebServerProcess(archive: archiveURL, arguments: ["--oai-page-size", "2", "--base-url", "http://archive.example.org"])
        defer { server.stop() }
        // The base URL names the host of the identifiers; the requests go to the loopback address.
        let result = try TestSupport.run("python3", [script, "validate", server.address.absoluteString, schemas])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        // 7 sessions in pages of 2: 4 pages for each of the four lists.
        XCTAssertTrue(result.stdout.contains("16 pages"), result.stdout)
        XCTAssertTrue(result.stdout.contains(" 2 deleted"), result.stdout)
    }

    func testSickleHarvestsEachRecordOnceWhileAnIngestAddsSessionsThenTheNewOnesAndAWithdrawal() throws {
        let (_, archiveURL) = try SampleArchive.ingested(#function)
        let folder = try TestSupport.scratchFolder(#function + "-new")
        try """
            id,title,date,locality,speakers,recorder,content,collection,access,files
            new-1,广州越秀 词汇（补录一）,2024-06-01,gz,gz-yf,黄慧敏,词汇,sample,open,
            new-2,广州越秀 词汇（补录二）,2024-06-02,gz,gz-yf,黄慧敏,词汇,sample,open,
            new-3,广州越秀 词汇（补录三）,2024-06-03,gz,gz-yf,黄慧敏,词汇,sample,open,

            """.write(to: folder.appendingPathComponent("sessions.csv"), atomically: true, encoding: .utf8)
        let server = try WebServerProcess(archive: archiveURL, arguments: ["--oai-page-size", "1"])
        defer { server.stop() }
        let result = try TestSupport.run("python3", [script, "harvest", server.address.absoluteString, TestSupport.cli.path,
                                                     archiveURL.path, folder.appendingPathComponent("sessions.csv").path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("harvested 7 records once each in 7 pages; then 3 new"), result.stdout)
    }

    func testIdentifiersTakeTheirHostFromTheRequestWithoutABaseURL() throws {
        let (_, archiveURL) = try SampleArchive.ingested(#function)
        let server = try WebServerProcess(archive: archiveURL)
        defer { server.stop() }
        let result = try TestSupport.run("curl", ["-s", "-H", "Host: dialects.example.net:8080",
                                                  server.address.absoluteString + "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:dialects.example.net:gz-cihui"])
        XCTAssertTrue(result.stdout.contains("<identifier>oai:dialects.example.net:gz-cihui</identifier>"), result.stdout)
        XCTAssertTrue(result.stdout.contains(">http://dialects.example.net:8080/oai</request>"), result.stdout)
    }
}
