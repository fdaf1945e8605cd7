import DialectArchive
@testable import DialectArchiveWeb
import Foundation
import XCTest

/// The server-rendered pages: the search concordance, the recording player, escaping of
/// everything read from files, the language, the request log and shutdown.
final class WebPageTests: XCTestCase {
    static var archive: Archive!
    static var archiveURL: URL!
    static var server: WebServerProcess!

    override class func setUp() {
        super.setUp()
        (archive, archiveURL) = try! SampleArchive.ingested("WebPageTests")
        server = try! WebServerProcess(archive: archiveURL)
    }

    override class func tearDown() {
        server?.stop()
        super.tearDown()
    }

    var server: WebServerProcess { Self.server }
    let moon = WebServerProcess.encoded("月光")

    func testSearchPageShowsTheExactTotalTheMarkedHitItsTiersAndAPlayButtonForItsSpan() async throws {
        let api = try await server.get("/api/search?q=\(WebServerProcess.encoded("光 OR 头"))&limit=2")
        let result = try JSONSerialization.jsonObject(with: api.body) as! [String: Any]
        let total = result["total"] as! Int
        XCTAssertGreaterThan(total, 2)
        let hit = (result["hits"] as! [[String: Any]])[0]
        let page = try await server.get("/search?q=\(WebServerProcess.encoded("光"))+OR+\(WebServerProcess.encoded("头"))&limit=2")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertTrue(page.text.contains("data-total=\"\(total)\">\(total) hits (showing 1–2)"), page.text)
        XCTAssertEqual(page.text.components(separatedBy: "<li class=\"hit\">").count - 1, 2)
        XCTAssertTrue(page.text.contains("<mark>"))
        let recording = hit["recording_id"] as! NSNumber, start = hit["start_ms"] as! NSNumber, end = hit["end_ms"] as! NSNumber
        XCTAssertTrue(page.text.contains("data-audio=\"/api/recordings/\(recording)/audio?start_ms=\(start)&amp;end_ms=\(end)&amp;pad_ms=250\""))
        XCTAssertTrue(page.text.contains("href=\"/recordings/\(recording)?t="))
        for parallel in hit["parallel"] as! [[String: Any]] { XCTAssertTrue(page.text.contains(parallel["text"] as! String)) }
        XCTAssertTrue(page.text.contains("rel=\"next\" href=\"/search?q="))
        XCTAssertTrue(page.text.contains("offset=2"))
        XCTAssertFalse(page.text.contains("rel=\"prev\""))
    }

    func testSearchPageSaysWhyAQueryIsMalformed() async throws {
        let page = try await server.get("/search?q=\(WebServerProcess.encoded("\"月光"))")
        XCTAssertEqual(page.status, 400)
        XCTAssertTrue(page.text.contains("class=\"error\""))
        XCTAssertTrue(page.text.contains("value=\"&quot;月光\""), "the form keeps the query, escaped")
    }

    func testRecordingPageListsItsSegmentsAndOpensTheSpanOfT() async throws {
        let id = try XCTUnwrap(Self.archive.recordings().first { $0.recording.originalName == "gz-yf-cihui.wav" }?.recording.id)
        let page = try await server.get("/recordings/\(id)?t=1.5-2.25")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("src=\"/api/recordings/\(id)/original\" data-start-ms=\"1500\" data-end-ms=\"2250\""))
        XCTAssertTrue(page.text.contains("月光"))
        XCTAssertTrue(page.text.contains("class=\"segment\" href=\"/recordings/\(id)?t="))
        for bad in ["2-1", "abc", "0-99999", "1e3-2e3"] {
            let refused = try await server.get("/recordings/\(id)?t=\(bad)")
            XCTAssertEqual(refused.status, 400, bad)
        }
        let unknown = try await server.get("/recordings/999999"), traversal = try await server.get("/recordings/..%2f..%2fetc")
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(traversal.status, 400)
    }

    func testPagesFollowAcceptLanguageAndTheSwitchIsRemembered() async throws {
        let chinese = try await server.get("/search?q=\(moon)", headers: ["Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"])
        XCTAssertTrue(chinese.text.contains("<html lang=\"zh\">"))
        XCTAssertTrue(chinese.text.contains("检索"))
        XCTAssertTrue(chinese.text.contains("id=\"language-switch\" href=\"/search?q=\(moon)&amp;lang=en\""))
        let english = try await server.get("/search?q=\(moon)", headers: ["Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"])
        XCTAssertTrue(english.text.contains("<html lang=\"en\">"))
        let switched = try await server.get("/search?q=\(moon)&lang=zh", headers: ["Accept-Language": "en"])
        XCTAssertTrue(switched.text.contains("<html lang=\"zh\">"))
        XCTAssertTrue(try XCTUnwrap(switched.header("Set-Cookie")).hasPrefix("lang=zh"))
        XCTAssertEqual(Set(Strings.english.keys), Set(Strings.chinese.keys))
    }

    func testTranscriptTextAndFileNamesAreEscapedOnEveryPage() async throws {
        let folder = try TestSupport.scratchFolder()
        let hostile = "<script>alert(1)</script> & \"onerror=x"
        try TestSupport.run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", folder.appendingPathComponent("x<b>.wav").path,
                                    "synth", "2", "sine", "440"])
        let textGrid = TestSupport.oneIntervalTextGrid(tier: "汉字", text: hostile, from: 0.5)
        try textGrid.write(to: folder.appendingPathComponent("x<b>.TextGrid"), atomically: true, encoding: .utf8)
        let archive = try TestSupport.scratchFolder().appendingPathComponent("archive")
        XCTAssertEqual(try TestSupport.cli(["init"], archive: archive).status, 0)
        XCTAssertEqual(try TestSupport.cli(["ingest", folder.path], archive: archive).status, 0)
        let server = try WebServerProcess(archive: archive)
        defer { server.stop() }
        let search = try await server.get("/search?q=alert")
        let recording = try await server.get("/recordings/1")
        for page in [search, recording] {
            XCTAssertEqual(page.status, 200)
            XCTAssertFalse(page.text.contains("<script>alert"))
            XCTAssertFalse(page.text.contains("<b>"))
            XCTAssertFalse(page.text.contains("\"onerror"))
        }
        XCTAssertTrue(search.text.contains("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; &quot;onerror=x"))
        XCTAssertTrue(recording.text.contains("x&lt;b&gt;.wav"))
        XCTAssertEqual(search.header("Content-Security-Policy")?.contains("script-src 'self'"), true)
        XCTAssertEqual(search.header("X-Content-Type-Options"), "nosniff")
    }

    func testServerLogsOneLinePerRequestAndStopsCleanlyOnSIGTERM() async throws {
        let server = try WebServerProcess(archive: Self.archiveURL)
        let stats = try await server.get("/api/stats"), search = try await server.get("/api/search?q=\(moon)")
        let script = try await server.get("/static/player.js")
        XCTAssertEqual(stats.status, 200)
        XCTAssertEqual(search.status, 200)
        XCTAssertEqual(script.header("Content-Type"), "text/javascript; charset=utf-8")
        let (status, log) = server.stop()
        XCTAssertEqual(status, 0, log)
        let requests = log.split(separator: "\n").filter { $0.contains(" GET /") }
        XCTAssertEqual(requests.count, 3, log)
        XCTAssertTrue(requests[1].contains("GET /api/search?q=\(moon) 200"), log)
    }
}
