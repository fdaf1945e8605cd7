import DialectArchive
import Foundation
import XCTest

/// The session, speaker, locality and collection pages and the home page: their content,
/// the links between them, escaping of names, unknown ids, and restricted material withheld.
/// In the sample, session mx-koutou and speaker mx-lf are restricted.
final class WebRecordPageTests: XCTestCase {
    static var archive: Archive!
    static var archiveURL: URL!
    static var server: WebServerProcess!
    static let hostile = "<script>alert(1)</script> & \"onerror=x"

    override class func setUp() {
        super.setUp()
        (archive, archiveURL) = try! SampleArchive.ingested("WebRecordPageTests")
        _ = try! archive.edit("bj-huayu", ["title=见面 \(hostile)"], reason: "a title a page must escape")
        _ = try! archive.edit("bj-ym", ["name=赵 \(hostile)"], reason: "a name a page must escape")
        server = try! WebServerProcess(archive: archiveURL)
    }

    override class func tearDown() {
        server?.stop()
        super.tearDown()
    }

    var server: WebServerProcess { Self.server }

    func assertEscaped(_ page: WebServerProcess.Reply, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(page.text.contains("<script>alert"), file: file, line: line)
        XCTAssertFalse(page.text.contains("\"onerror"), file: file, line: line)
        XCTAssertTrue(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;onerror=x"), file: file, line: line)
    }

    func testSessionPageShowsItsPlaceCollectionSpeakersAndRecordingsWithLinksAndEscapesItsTitle() async throws {
        let page = try await server.get("/sessions/bj-huayu")
        XCTAssertEqual(page.status, 200)
        assertEscaped(page)
        XCTAssertTrue(page.text.contains("<a class=\"locality\" href=\"/localities/bj\">北京东城</a>"))
        XCTAssertTrue(page.text.contains("<a class=\"collection\" href=\"/collections/sample\">sample</a>"))
        XCTAssertTrue(page.text.contains("<a class=\"speaker\" href=\"/speakers/bj-lm\">bj-lm 李德顺 老男</a>"))
        XCTAssertTrue(page.text.contains("href=\"/speakers/bj-ym\">bj-ym 赵 &lt;script&gt;"))
        let id = try XCTUnwrap(Self.archive.recordings().first { $0.recording.originalName == "bj-huayu.mp3" }?.recording.id)
        XCTAssertTrue(page.text.contains("<a class=\"recording\" href=\"/recordings/\(id)\">\(id) · bj-huayu.mp3</a>"))
    }

    func testSpeakerPageShowsThePersonTheirPlaceAndOnlyTheirOpenSessions() async throws {
        let page = try await server.get("/speakers/bj-ym")
        XCTAssertEqual(page.status, 200)
        assertEscaped(page)
        XCTAssertTrue(page.text.contains("1996"))
        XCTAssertTrue(page.text.contains("href=\"/localities/bj\">北京东城</a>"))
        XCTAssertTrue(page.text.contains("<a class=\"session\" href=\"/sessions/bj-huayu\">bj-huayu</a>"))
        XCTAssertFalse(page.text.contains("/sessions/bj-cihui"), "bj-ym did not speak in bj-cihui")
    }

    func testRestrictedSpeakerIsShownByIdAndRoleOnlyAndTheirRestrictedSessionIsWithheld() async throws {
        let page = try await server.get("/speakers/mx-lf")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("老女"))
        XCTAssertTrue(page.text.contains("shown by id and role only"))
        for withheld in ["刘秀英", "1955", "务农", "mx-koutou"] { XCTAssertFalse(page.text.contains(withheld), withheld) }
        XCTAssertTrue(page.text.contains("href=\"/sessions/mx-cihui\""), "the speaker's open session is listed")
        let session = try await server.get("/sessions/mx-koutou")
        XCTAssertEqual(session.status, 403)
        XCTAssertFalse(session.text.contains("童谣"))
        let cihui = try await server.get("/sessions/mx-cihui")
        XCTAssertTrue(cihui.text.contains("href=\"/speakers/mx-lf\">mx-lf 老女</a>"))
        XCTAssertFalse(cihui.text.contains("刘秀英"))
    }

    func testLocalityPageShowsItsClassificationSpeakersSessionsAndItselfMarkedOnTheMap() async throws {
        let page = try await server.get("/localities/mx")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("客家话 / 粤台片 / 嘉应小片"))
        XCTAssertTrue(page.text.contains("<a class=\"speaker\" href=\"/speakers/mx-lf\">mx-lf 老女</a>"))
        XCTAssertTrue(page.text.contains("href=\"/sessions/mx-cihui\""))
        XCTAssertFalse(page.text.contains("mx-koutou"), "the restricted session is not listed")
        XCTAssertFalse(page.text.contains("刘秀英"))
        XCTAssertEqual(page.text.components(separatedBy: "<g class=\"site").count - 1, 3)
        XCTAssertTrue(page.text.contains("<g class=\"site selected\" data-locality=\"mx\">"))
    }

    func testCollectionPageListsItsOpenSessions() async throws {
        let page = try await server.get("/collections/sample")
        XCTAssertEqual(page.status, 200)
        assertEscaped(page)
        for session in ["bj-danzi", "bj-cihui", "bj-huayu", "gz-cihui", "gz-yufa", "mx-cihui"] {
            XCTAssertTrue(page.text.contains("<a class=\"session\" href=\"/sessions/\(session)\">\(session)</a>"), session)
        }
        XCTAssertFalse(page.text.contains("mx-koutou"))
    }

    func testRecordPagesAnswer404ForUnknownIdsAndRecordsOfAnotherKind() async throws {
        for path in ["/sessions/nope", "/speakers/nope", "/localities/nope", "/collections/nope", "/sessions/bj-lm",
                     "/speakers/bj", "/localities/sample", "/collections/bj-huayu", "/sessions/%2e%2e%2f%2e%2e"] {
            let page = try await server.get(path)
            XCTAssertEqual(page.status, 404, path)
            XCTAssertTrue(page.text.contains("class=\"error\""), path)
        }
    }

    func testHomePageShowsTheArchivesFiguresTheSearchBoxAndOneSiteOnTheMapPerLocality() async throws {
        let page = try await server.get("/", headers: ["Accept-Language": "zh-CN"])
        XCTAssertEqual(page.status, 200)
        let stats = try Self.archive.stats()
        XCTAssertTrue(page.text.contains("<span class=\"n\" id=\"fig-recordings\">\(stats.recordings)</span> 段录音"))
        XCTAssertTrue(page.text.contains("<span class=\"n\">\(stats.segments)</span> 个转写片段"))
        XCTAssertTrue(page.text.contains("action=\"/search\""))
        XCTAssertEqual(page.text.components(separatedBy: "<g class=\"site").count - 1, 3)
        for locality in ["bj", "gz", "mx"] { XCTAssertTrue(page.text.contains("<a href=\"/localities/\(locality)\">"), locality) }
        XCTAssertTrue(page.text.contains("粤语"), "the legend names the dialect groups")
    }
}
