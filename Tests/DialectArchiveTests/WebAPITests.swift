import DialectArchive
import Foundation
import XCTest

/// The JSON API answers with what the CLI's `--json` prints for the same question, as an
/// anonymous visitor who sees open material only.
final class WebAPITests: XCTestCase {
    static var archive: Archive!
    static var archiveURL: URL!
    static var server: WebServerProcess!

    override class func setUp() {
        super.setUp()
        (archive, archiveURL) = try! SampleArchive.ingested("WebAPITests")
        server = try! WebServerProcess(archive: archiveURL)
    }

    override class func tearDown() {
        server?.stop()
        super.tearDown()
    }

    var server: WebServerProcess { Self.server }

    func recording(_ name: String) throws -> Int64 {
        try XCTUnwrap(Self.archive.recordings().first { $0.recording.originalName == name }?.recording.id)
    }

    func cli(_ arguments: [String]) throws -> String {
        let result = try TestSupport.cli(arguments, archive: Self.archiveURL)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }

    func testSearchAnswersWhatSearchJSONPrintsForTheSameQuestion() async throws {
        let questions: [(query: String, cli: [String])] = [
            ("q=\(WebServerProcess.encoded("月光"))", ["search", "月光", "--json"]),
            ("q=\(WebServerProcess.encoded("光 OR 头"))&limit=2&offset=1&sort=place", ["search", "光 OR 头", "--limit", "2", "--offset", "1", "--sort", "place", "--json"]),
            ("q=\(WebServerProcess.encoded("头"))&locality=gz&content=\(WebServerProcess.encoded("词汇"))&tier=orthography",
             ["search", "头", "--locality", "gz", "--content", "词汇", "--tier", "orthography", "--json"]),
            ("q=\(WebServerProcess.encoded("光"))&born=1940-2000&recorded=2024", ["search", "光", "--born", "1940-2000", "--recorded", "2024", "--json"]),
        ]
        for question in questions {
            let reply = try await server.get("/api/search?" + question.query)
            XCTAssertEqual(reply.status, 200, question.query)
            XCTAssertEqual(reply.header("Content-Type"), "application/json; charset=utf-8")
            assertSameJSON(reply.text, try cli(question.cli), question.query)
        }
        // A form sends spaces as '+'.
        let plus = try await server.get("/api/search?q=\(WebServerProcess.encoded("光"))+OR+\(WebServerProcess.encoded("头"))")
        assertSameJSON(plus.text, try cli(["search", "光 OR 头", "--json"]))
    }

    func testSearchWithoutFacetsAnswersThePageWithItsExactTotal() async throws {
        let counted = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try cli(["search", "光 OR 头", "--limit", "2", "--json"]).utf8)) as? [String: Any])
        let reply = try await server.get("/api/search?q=\(WebServerProcess.encoded("光 OR 头"))&limit=2&facets=false")
        XCTAssertEqual(reply.status, 200)
        let page = try XCTUnwrap(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
        XCTAssertGreaterThan(counted["total"] as! Int, 2)
        XCTAssertEqual(page["total"] as? Int, counted["total"] as? Int, "the exact total, not the page's")
        XCTAssertEqual(page["hits"] as? NSArray, counted["hits"] as? NSArray)
        for counts in ["by_locality", "by_dialect_group", "facets"] {
            XCTAssertEqual((page[counts] as? [Any])?.count, 0, counts)
            XCTAssertNotEqual((counted[counts] as? [Any])?.count, 0, counts)
        }
        let bad = try await server.get("/api/search?q=\(WebServerProcess.encoded("光"))&facets=no")
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(bad.text.contains("facets must be true or false, not 'no'"), bad.text)
    }

    func testRecordsStatsAndCompareAnswerWhatTheirJSONPrints() async throws {
        let open = try recording("gz-yf-cihui.wav")
        for (path, arguments) in [
            ("/api/recordings/\(open)", ["show", "\(open)", "--json"]),
            ("/api/sessions/gz-cihui", ["show", "gz-cihui", "--json"]),
            ("/api/speakers/gz-yf", ["show", "gz-yf", "--json"]),
            ("/api/localities/mx", ["show", "mx", "--json"]),
            ("/api/collections/sample", ["show", "sample", "--json"]),
            ("/api/stats", ["stats", "--json"]),
            ("/api/compare?q=\(WebServerProcess.encoded("月光"))", ["compare", "月光", "--json"]),
        ] {
            let reply = try await server.get(path)
            XCTAssertEqual(reply.status, 200, path)
            assertSameJSON(reply.text, try cli(arguments), path)
        }
    }

    func testAudioSpanIsTheWAVClipCutsWithItsExactLength() async throws {
        let open = try recording("gz-yf-cihui.wav")
        let reply = try await server.get("/api/recordings/\(open)/audio?start_ms=1000&end_ms=2400&pad_ms=250")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.header("Content-Type"), "audio/wav")
        XCTAssertEqual(reply.header("Content-Length"), "\(reply.body.count)")
        let out = try TestSupport.scratchFolder().appendingPathComponent("clip.wav")
        _ = try cli(["clip", "\(open)", "1000", "2400", out.path, "--pad", "250"])
        XCTAssertEqual(reply.body, try Data(contentsOf: out))
        // A FLAC original is cut to a WAV of its samples just the same.
        let flac = try recording("bj-lm-cihui.flac")
        let fromFLAC = try await server.get("/api/recordings/\(flac)/audio?start_ms=500&end_ms=1500")
        _ = try cli(["clip", "\(flac)", "500", "1500", out.path])
        XCTAssertEqual(fromFLAC.body, try Data(contentsOf: out))
    }

    func testOriginalIsServedWholeOrByByteRange() async throws {
        let open = try recording("bj-lm-cihui.flac")
        let stored = try XCTUnwrap(Self.archive.recordings().first { $0.recording.id == open }?.recording.storedPath)
        let bytes = try Data(contentsOf: Self.archive.absolute(stored))
        let whole = try await server.get("/api/recordings/\(open)/original")
        XCTAssertEqual(whole.status, 200)
        XCTAssertEqual(whole.body, bytes)
        XCTAssertEqual(whole.header("Content-Type"), "audio/flac")
        XCTAssertEqual(whole.header("Accept-Ranges"), "bytes")
        let part = try await server.get("/api/recordings/\(open)/original", headers: ["Range": "bytes=100-1099"])
        XCTAssertEqual(part.status, 206)
        XCTAssertEqual(part.body, bytes[100..<1100])
        XCTAssertEqual(part.header("Content-Range"), "bytes 100-1099/\(bytes.count)")
        let tail = try await server.get("/api/recordings/\(open)/original", headers: ["Range": "bytes=-10"])
        XCTAssertEqual(tail.body, bytes.suffix(10))
        let beyond = try await server.get("/api/recordings/\(open)/original", headers: ["Range": "bytes=\(bytes.count)-"])
        XCTAssertEqual(beyond.status, 416)
        XCTAssertEqual(beyond.header("Content-Range"), "bytes */\(bytes.count)")
    }

    func testBadQuestionsAreJSONErrorsWithTheirStatusNeverServerErrors() async throws {
        let unclosed = try TestSupport.cli(["search", "\"月光", "--json"], archive: Self.archiveURL)
        XCTAssertNotEqual(unclosed.status, 0)
        let cliMessage = unclosed.stderr.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "error: ", with: "")
        let open = try recording("gz-yf-cihui.wav")
        let cases: [(path: String, status: Int, message: String?)] = [
            ("/api/search?q=\(WebServerProcess.encoded("\"月光"))", 400, cliMessage),
            ("/api/search?q=", 400, nil),
            ("/api/search?q=a&limit=many", 400, "limit must be a whole number from 1 to 500, not 'many'"),
            ("/api/search?q=a&born=soon", 400, nil),
            ("/api/search?q=a&sort=random", 400, nil),
            ("/api/search?q=%E6%9C", 400, "the query string is not UTF-8"),
            ("/api/recordings/999999", 404, "nothing in the archive has the id 999999"),
            ("/api/recordings/abc", 400, "'abc' is not a recording number"),
            ("/api/sessions/gz-yf", 404, nil),
            ("/api/speakers/nobody", 404, nil),
            ("/api/recordings/\(open)/audio?start_ms=2000&end_ms=1000", 400, "end_ms (1000) must come after start_ms (2000)"),
            ("/api/recordings/\(open)/audio?start_ms=0&end_ms=99999999", 400, nil),
            ("/api/recordings/\(open)/audio?start_ms=-5&end_ms=100", 400, nil),
            ("/api/recordings/\(open)/audio?start_ms=0", 400, "start_ms and end_ms are required"),
            ("/api/recordings/\(open)/audio?start_ms=0&end_ms=100&pad_ms=999999", 400, nil),
            ("/api/nothing-here", 404, "no such API endpoint"),
        ]
        for item in cases {
            let reply = try await server.get(item.path)
            XCTAssertEqual(reply.status, item.status, item.path)
            XCTAssertEqual(reply.header("Content-Type"), "application/json; charset=utf-8", item.path)
            let error = try JSONSerialization.jsonObject(with: reply.body) as? [String: String]
            let message = try XCTUnwrap(error?["error"], item.path)
            XCTAssertFalse(message.contains("\n"), item.path)
            if let expected = item.message { XCTAssertEqual(message, expected, item.path) }
        }
    }

    func testRestrictedMaterialIsWithheldFromAnonymousVisitors() async throws {
        let restricted = try recording("mx-lf-koutou-1.ogg")
        let withRestricted = try cli(["search", "月光", "--include-restricted", "--json"])
        let everything = try JSONSerialization.jsonObject(with: Data(withRestricted.utf8)) as! [String: Any]
        XCTAssertTrue((everything["hits"] as! [[String: Any]]).contains { ($0["recording_id"] as? NSNumber)?.int64Value == restricted })
        let reply = try await server.get("/api/search?q=\(WebServerProcess.encoded("月光"))")
        let shown = try JSONSerialization.jsonObject(with: reply.body) as! [String: Any]
        XCTAssertFalse((shown["hits"] as! [[String: Any]]).contains { ($0["recording_id"] as? NSNumber)?.int64Value == restricted })
        XCTAssertEqual(shown["includes_restricted"] as? Bool, false)
        XCTAssertLessThan(shown["total"] as! Int, everything["total"] as! Int)
        for path in ["/api/recordings/\(restricted)", "/api/recordings/\(restricted)/audio?start_ms=0&end_ms=500",
                     "/api/recordings/\(restricted)/original", "/api/sessions/mx-koutou", "/recordings/\(restricted)"] {
            let refused = try await server.get(path)
            XCTAssertEqual(refused.status, 403, path)
            XCTAssertTrue(refused.text.contains("is restricted"), path)
            XCTAssertFalse(refused.text.contains("--include-restricted"), path)
        }
        let compare = try await server.get("/api/compare?q=\(WebServerProcess.encoded("月光"))")
        assertSameJSON(compare.text, try cli(["compare", "月光", "--json"]))
        XCTAssertFalse(compare.text.contains("\"recording_id\":\(restricted),"))
    }
}
