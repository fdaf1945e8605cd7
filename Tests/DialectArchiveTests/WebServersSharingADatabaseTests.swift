import DialectArchive
import Foundation
import XCTest

/// Two `serve` processes against one archive on PostgreSQL, as an institution runs them behind
/// a proxy: whichever answers a request answers it alike, a login made through one is valid
/// through the other (web sessions live in the database), and what the command line changes
/// while both run, each of them shows at the next request.
final class WebServersSharingADatabaseTests: XCTestCase {
    private let repository = TestSupport.repository

    /// Runs the CLI on `archive`, failing the test when it fails.
    private func cli(_ arguments: [String], _ archive: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try TestSupport.cli(arguments, archive: archive)
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)", file: file, line: line)
    }

    /// The answer to `path` from each of `visitors` (one per server, carrying the same cookies),
    /// asserted to be the same from each; OAI-PMH's time of answering left out.
    @discardableResult
    private func sameAnswer(_ path: String, _ visitors: [WebBrowserSession], status: Int = 200,
                            file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let replies = try visitors.map { try $0.get(path) }
        for reply in replies { XCTAssertEqual(reply.status, status, "\(reply.text.prefix(300))", file: file, line: line) }
        let bodies = replies.map {
            $0.text.replacingOccurrences(of: #"<responseDate>[^<]*</responseDate>"#, with: "<responseDate/>", options: .regularExpression)
        }
        XCTAssertEqual(Set(bodies).count, 1, "\(path) differs between the servers", file: file, line: line)
        return bodies[0]
    }

    /// `total` of an `/api/search` answer, the same from both.
    private func total(_ query: String, _ visitors: [WebBrowserSession], file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let text = try sameAnswer("/api/search?q=\(WebServerProcess.encoded(query))", visitors, file: file, line: line)
        return try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["total"] as? Int, file: file, line: line)
    }

    func testTwoServersOnOneDatabaseAnswerAlikeShareLoginsAndSeeWhatTheCommandLineChanges() throws {
        let archive = try TestSupport.scratchFolder().appendingPathComponent("archive")
        try cli(["init", "--database", try TestPostgres.freshDatabase()], archive)
        // The sample, but for one word list and its transcript, ingested while both serve.
        let recordings = repository.appendingPathComponent("recordings"), transcripts = repository.appendingPathComponent("transcripts")
        let later = [recordings.appendingPathComponent("gz-yf-cihui.wav").path, transcripts.appendingPathComponent("gz-yf-cihui.eaf").path]
        let now = try [recordings, transcripts].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "README.md" }.map { folder.appendingPathComponent($0).path }
        }.filter { !later.contains($0) }
        try cli(["ingest"] + now, archive)
        for (user, role) in [("rita", "researcher"), ("anna", "archivist")] {
            let added = try UserCommandTests.addUser(user, role: role, password: "secret-\(user)", archive: archive)
            XCTAssertEqual(added.status, 0, added.stderr)
        }
        try cli(["user", "grant", "rita", "sample"], archive)

        let servers = try (0..<2).map { _ in try WebServerProcess(archive: archive, arguments: ["--base-url", "http://archive.example.org"]) }
        defer { servers.forEach { $0.stop() } }
        XCTAssertNotEqual(servers[0].address.port, servers[1].address.port)
        let anonymous = servers.map(WebBrowserSession.init)

        // The same answers from both, for anyone.
        let recording = try XCTUnwrap(try Archive.open(at: archive).recordings().first { $0.recording.originalName == "bj-lm-danzi.wav" }?.recording.id)
        XCTAssertGreaterThan(try total("月光", anonymous), 0)
        XCTAssertGreaterThan(try total("钓", anonymous), 0)
        XCTAssertEqual(try total("秀才", anonymous), 0, "restricted")
        XCTAssertEqual(try total("热头", anonymous), 0, "not yet ingested")
        for path in ["/api/search?q=\(WebServerProcess.encoded("\"tʂʰʅ lə\" OR 月光"))&limit=100", "/recordings/\(recording)", "/sessions/bj-danzi",
                     "/search?q=\(WebServerProcess.encoded("月光"))", "/api/stats", "/oai?verb=ListRecords&metadataPrefix=olac"] {
            try sameAnswer(path, anonymous)
        }
        XCTAssertTrue(try sameAnswer("/oai?verb=ListRecords&metadataPrefix=olac", anonymous).contains("oai:archive.example.org:bj-danzi"))
        try sameAnswer("/api/sessions/mx-koutou", anonymous, status: 403)

        // A login made through the first server is valid through the second.
        let rita = servers.map(WebBrowserSession.init)
        XCTAssertEqual(try rita[0].logIn("rita", "secret-rita").status, 303)
        rita[1].cookies = rita[0].cookies
        XCTAssertTrue(try sameAnswer("/search", rita).contains("Logged in as rita"))
        XCTAssertGreaterThan(try total("秀才", rita), 0, "rita's grant, on both")
        try sameAnswer("/api/sessions/mx-koutou", rita)
        try sameAnswer("/oai?verb=ListRecords&metadataPrefix=olac", rita)

        // What the command line changes while both serve, both show at once: an access change,
        // then an ingest of new segments.
        try cli(["access", "set", "gz-yufa", "closed"], archive)
        XCTAssertEqual(try total("钓", anonymous), 0, "closed on both")
        let metadata = ["localities.csv", "speakers.csv", "sessions.csv"].map { recordings.appendingPathComponent($0).path }
        try cli(["ingest"] + metadata + later, archive)
        let added = try total("热头", anonymous)
        XCTAssertGreaterThan(added, 0, "the new word list's segments, on both")
        XCTAssertEqual(try total("热头", rita), added)
        let newRecording = try XCTUnwrap(try Archive.open(at: archive).recordings().first { $0.recording.originalName == "gz-yf-cihui.wav" }?.recording.id)
        XCTAssertTrue(try sameAnswer("/recordings/\(newRecording)", anonymous).contains("热头"))
        try sameAnswer("/api/stats", anonymous)
        XCTAssertTrue(try sameAnswer("/oai?verb=ListRecords&metadataPrefix=olac", anonymous).contains("oai:archive.example.org:gz-cihui"))

        // Logging out through the second server ends the login on the first too.
        let token = try XCTUnwrap(WebBrowserSession.hiddenCSRF(try rita[1].get("/search").text))
        let cookie = try XCTUnwrap(rita[1].cookies["session"])
        XCTAssertEqual(try rita[1].post("/logout", [("csrf", token)]).status, 303)
        rita[1].cookies["session"] = cookie
        XCTAssertFalse(try sameAnswer("/search", rita).contains("Logged in as rita"))
        XCTAssertEqual(try total("秀才", rita), 0)
        try sameAnswer("/api/sessions/mx-koutou", rita, status: 403)
    }
}
