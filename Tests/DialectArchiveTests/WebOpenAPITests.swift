import DialectArchive
import Foundation
import XCTest

/// `/api/openapi.json` describes the whole API, and schemathesis (PyPI), sending the requests
/// the document allows and many it does not, finds no server error and no response that
/// contradicts it.
final class WebOpenAPITests: XCTestCase {
    static var server: WebServerProcess!
    static var archive: Archive!

    override class func setUp() {
        super.setUp()
        let archiveURL: URL
        (archive, archiveURL) = try! SampleArchive.ingested("WebOpenAPITests")
        server = try! WebServerProcess(archive: archiveURL)
    }

    override class func tearDown() {
        server?.stop()
        super.tearDown()
    }

    var server: WebServerProcess { Self.server }

    /// Runs schemathesis with the checks for server errors and for responses the document does
    /// not allow, a few examples per operation (about a minute for the whole API).
    static func schemathesis(_ arguments: [String], config: URL? = nil) throws -> TestSupport.Result {
        let configuration = config.map { ["--config-file", $0.path] } ?? []
        // Run in a scratch folder: schemathesis keeps a cache of failures where it runs.
        let folder = try TestSupport.scratchFolder("schemathesis-run")
        return try TestSupport.run("/usr/bin/env", ["-C", folder.path, "python3", "-m", "schemathesis.cli"] + configuration + ["run"] + arguments + [
            "--checks", "not_a_server_error,response_schema_conformance",
            "--max-examples", "15", "--seed", "1", "--workers", "2", "--no-color",
            "--phases", "examples,coverage,fuzzing", "--request-timeout", "10",
        ])
    }

    /// The endpoints only archivists and admins may ask.
    static let archivistPaths = "/history$|^/api/log|^/api/accounts"

    func testDocumentIsOpenAPI31AndNamesEveryEndpoint() async throws {
        let reply = try await server.get("/api/openapi.json")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.header("Content-Type"), "application/json; charset=utf-8")
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
        XCTAssertEqual(document["openapi"] as? String, "3.1.0")
        let paths = Set((document["paths"] as! [String: Any]).keys)
        XCTAssertEqual(paths, ["/api/search", "/api/compare", "/api/stats", "/api/recordings/{id}", "/api/sessions/{id}",
                               "/api/speakers/{id}", "/api/localities/{id}", "/api/collections/{id}",
                               "/api/recordings/{id}/audio", "/api/recordings/{id}/original", "/api/openapi.json",
                               "/api/log", "/api/log/verify", "/api/accounts", "/api/recordings/{id}/history", "/api/sessions/{id}/history",
                               "/api/speakers/{id}/history", "/api/localities/{id}/history", "/api/collections/{id}/history"])
        // Every path the document names is served (none falls through to the unknown-endpoint 404).
        for path in paths {
            let concrete = path.replacingOccurrences(of: "{id}", with: path.hasPrefix("/api/recordings") ? "1" : "sample")
            let answer = try await server.get(concrete)
            XCTAssertFalse(answer.text.contains("no such API endpoint"), path)
        }
    }

    func testSchemathesisFindsNoServerErrorAndNoResponseContradictingTheDocument() throws {
        let document = server.address.absoluteString + "/api/openapi.json"
        // What only archivists and admins may ask is checked as an admin asks it (`WebAuditTrailTests`).
        let result = try Self.schemathesis([document, "--exclude-path-regex", Self.archivistPaths])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains(" passed"), result.stdout)
        XCTAssertFalse(result.stdout.contains(" failed"), result.stdout)

        // Again with ids of open records of the sample, so that whole records and audio spans
        // are generated and checked too, not only the errors for unknown ids.
        let recording = try XCTUnwrap(Self.archive.recordings().first { $0.recording.originalName == "gz-yf-cihui.wav" }?.recording.id)
        let ids: [(String, String)] = [("/api/recordings/{id}", "\(recording)"), ("/api/recordings/{id}/audio", "\(recording)"),
                                       ("/api/recordings/{id}/original", "\(recording)"), ("/api/sessions/{id}", "\"gz-cihui\""),
                                       ("/api/speakers/{id}", "\"gz-yf\""), ("/api/localities/{id}", "\"gz\""),
                                       ("/api/collections/{id}", "\"sample\"")]
        let config = try TestSupport.scratchFolder("schemathesis").appendingPathComponent("schemathesis.toml")
        try ids.map { "[[operations]]\ninclude-path = \"\($0.0)\"\nparameters = { \"path.id\" = \($0.1) }\n" }
            .joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
        let records = try Self.schemathesis([document, "--include-path-regex", "\\{id\\}", "--exclude-path-regex", Self.archivistPaths],
                                            config: config)
        XCTAssertEqual(records.status, 0, records.stdout + records.stderr)
        XCTAssertFalse(records.stdout.contains("Missing test data"), "every record was found: \(records.stdout)")
    }

    func testSchemathesisReportsAResponseThatContradictsTheDocument() async throws {
        // The same document, except that it says a search's total is a string.
        let reply = try await server.get("/api/openapi.json")
        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
        var components = document["components"] as! [String: Any], schemas = components["schemas"] as! [String: Any]
        var result = schemas["SearchResult"] as! [String: Any], properties = result["properties"] as! [String: Any]
        properties["total"] = ["type": "string"]
        result["properties"] = properties
        schemas["SearchResult"] = result
        components["schemas"] = schemas
        document["components"] = components
        let file = try TestSupport.scratchFolder("openapi").appendingPathComponent("wrong.json")
        try JSONSerialization.data(withJSONObject: document).write(to: file)
        let run = try Self.schemathesis([file.path, "--url", server.address.absoluteString, "--include-path", "/api/search"])
        XCTAssertNotEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stdout.contains("Response violates schema"), run.stdout)
    }
}
