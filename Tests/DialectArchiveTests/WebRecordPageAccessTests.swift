import DialectArchive
import Foundation
import XCTest

/// The session, speaker, locality and collection pages, their JSON and the figures, at each
/// access level: anonymous, a researcher without and with the grant of the sample collection,
/// an archivist. In the archive of `WebAccountTests.archiveWithAccounts`, session mx-koutou
/// and speaker mx-lf (刘秀英, who speaks in the open mx-cihui too) are restricted and gz-yufa is closed.
final class WebRecordPageAccessTests: XCTestCase {
    /// What one visitor is shown of the withheld material.
    struct Seen: Equatable {
        var restrictedSessionPage = 0, closedSessionPage = 0
        var restrictedSessionJSON = 0, closedSessionJSON = 0
        /// The restricted speaker's name on her page, in its JSON, on the open session she
        /// speaks in, and among the speakers of her locality.
        var nameOnSpeakerPage = false, nameInSpeakerJSON = false, nameOnOpenSession = false, nameOnLocality = false
        /// Links to the restricted and the closed session from the speaker, locality and collection pages.
        var restrictedListed: [Bool] = [], closedListed: [Bool] = []
        var localityAndCollectionJSON: [Int] = []
    }

    func seen(_ visitor: WebBrowserSession) throws -> Seen {
        var seen = Seen()
        seen.restrictedSessionPage = try visitor.get("/sessions/mx-koutou").status
        seen.closedSessionPage = try visitor.get("/sessions/gz-yufa").status
        seen.restrictedSessionJSON = try visitor.get("/api/sessions/mx-koutou").status
        seen.closedSessionJSON = try visitor.get("/api/sessions/gz-yufa").status
        seen.nameOnSpeakerPage = try visitor.get("/speakers/mx-lf").text.contains("刘秀英")
        seen.nameInSpeakerJSON = try visitor.get("/api/speakers/mx-lf").text.contains("刘秀英")
        seen.nameOnOpenSession = try visitor.get("/sessions/mx-cihui").text.contains("mx-lf 刘秀英 老女")
        let mx = try visitor.get("/localities/mx").text, gz = try visitor.get("/localities/gz").text
        seen.nameOnLocality = mx.contains("mx-lf 刘秀英 老女")
        let collection = try visitor.get("/collections/sample").text
        let speakerPages = [try visitor.get("/speakers/mx-lf").text, try visitor.get("/speakers/gz-yf").text]
        seen.restrictedListed = [speakerPages[0], mx, collection].map { $0.contains("href=\"/sessions/mx-koutou\"") }
        seen.closedListed = [speakerPages[1], gz, collection].map { $0.contains("href=\"/sessions/gz-yufa\"") }
        seen.localityAndCollectionJSON = [try visitor.get("/api/localities/mx").status, try visitor.get("/api/collections/sample").status]
        return seen
    }

    func testEachAccessLevelSeesItsShareOfSessionsAndSpeakersOnRecordPagesAndInTheirJSON() async throws {
        let (_, url) = try WebAccountTests.archiveWithAccounts(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let public_ = Seen(restrictedSessionPage: 403, closedSessionPage: 404, restrictedSessionJSON: 403, closedSessionJSON: 404,
                           restrictedListed: [false, false, false], closedListed: [false, false, false],
                           localityAndCollectionJSON: [200, 200])
        XCTAssertEqual(try seen(WebBrowserSession(server)), public_, "anonymous")

        let nora = WebBrowserSession(server)
        XCTAssertEqual(try nora.logIn("nora", "secret-nora").status, 303)
        XCTAssertEqual(try seen(nora), public_, "a researcher without the grant")

        let rita = WebBrowserSession(server)
        XCTAssertEqual(try rita.logIn("rita", "secret-rita").status, 303)
        XCTAssertEqual(try seen(rita), Seen(restrictedSessionPage: 200, closedSessionPage: 404, restrictedSessionJSON: 200, closedSessionJSON: 404,
                                            nameOnSpeakerPage: true, nameInSpeakerJSON: true, nameOnOpenSession: true, nameOnLocality: true,
                                            restrictedListed: [true, true, true], closedListed: [false, false, false],
                                            localityAndCollectionJSON: [200, 200]), "a researcher granted the sample collection")

        let anna = WebBrowserSession(server)
        XCTAssertEqual(try anna.logIn("anna", "secret-anna").status, 303)
        XCTAssertEqual(try seen(anna), Seen(restrictedSessionPage: 200, closedSessionPage: 200, restrictedSessionJSON: 200, closedSessionJSON: 200,
                                            nameOnSpeakerPage: true, nameInSpeakerJSON: true, nameOnOpenSession: true, nameOnLocality: true,
                                            restrictedListed: [true, true, true], closedListed: [true, true, true],
                                            localityAndCollectionJSON: [200, 200]), "an archivist")
    }

    func testARestrictedSessionsPageCountsOnlyTheRecordingsTheVisitorMayHear() async throws {
        let (_, url) = try WebAccountTests.archiveWithAccounts(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let rita = WebBrowserSession(server)
        XCTAssertEqual(try rita.logIn("rita", "secret-rita").status, 303)
        let session = try rita.get("/sessions/mx-koutou").text
        for file in ["mx-lf-koutou-1.ogg", "mx-lf-koutou-2.opus"] { XCTAssertTrue(session.contains(file), file) }
        XCTAssertTrue(try rita.get("/localities/mx").text.contains("<td>2 recordings</td>"), "mx-koutou's two recordings are counted")
        XCTAssertTrue(try rita.get("/localities/gz").text.contains("<td>1 recordings</td>"), "gz-cihui only: gz-yufa is closed")
    }

    func testFiguresOnTheHomePageAndInTheAPICountWhatTheVisitorMaySee() async throws {
        let (_, url) = try WebAccountTests.archiveWithAccounts(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        func recordings(_ json: String) throws -> Int {
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any])["recordings"] as! Int
        }
        let anonymous = try WebBrowserSession(server).get("/api/stats").text
        assertSameJSON(anonymous, try TestSupport.cli(["stats", "--json"], archive: url).stdout)
        XCTAssertEqual(try recordings(anonymous), 5, "8 recordings less mx-koutou's two and gz-yufa's one")
        let rita = WebBrowserSession(server)
        XCTAssertEqual(try rita.logIn("rita", "secret-rita").status, 303)
        XCTAssertEqual(try recordings(try rita.get("/api/stats").text), 7)
        XCTAssertTrue(try rita.get("/").text.contains("<span class=\"n\" id=\"fig-recordings\">7</span>"))
        let anna = WebBrowserSession(server)
        XCTAssertEqual(try anna.logIn("anna", "secret-anna").status, 303)
        assertSameJSON(try anna.get("/api/stats").text, try TestSupport.cli(["stats", "--include-restricted", "--json"], archive: url).stdout)
        XCTAssertTrue(try WebBrowserSession(server).get("/").text.contains("<span class=\"n\" id=\"fig-recordings\">5</span>"))
    }

    func testAnAccountsViewOfARestrictedSessionOrSpeakerPageIsOneAuditEventNamingItAndTheAddress() async throws {
        let (archive, url) = try WebAccountTests.archiveWithAccounts(#function)
        let server = try WebServerProcess(archive: url, arguments: ["--base-url", "http://archive.example.org"])
        defer { server.stop() }
        let proxy = ["X-Forwarded-For": "203.0.113.7"]
        let rita = WebBrowserSession(server)
        XCTAssertEqual(try rita.logIn("rita", "secret-rita", headers: proxy).status, 303)
        func events(after path: String) throws -> [AuditEvent] {
            let before = try archive.events().count
            XCTAssertEqual(try rita.get(path, headers: proxy).status, 200, path)
            return Array(try archive.events().dropFirst(before))
        }
        let session = try events(after: "/sessions/mx-koutou")
        XCTAssertEqual(session.count, 1, "one event per request")
        XCTAssertEqual(session.first?.kind, "access")
        XCTAssertEqual(session.first?.summary, "view of session mx-koutou by account rita (researcher) from 203.0.113.7")
        XCTAssertTrue(session.first?.details.contains("\"sessions\":[\"mx-koutou\"]") == true, session.first?.details ?? "")
        XCTAssertTrue(session.first?.details.contains("\"speakers\":[\"mx-lf\"]") == true, session.first?.details ?? "")

        let speaker = try events(after: "/speakers/mx-lf")
        XCTAssertEqual(speaker.map(\.summary), ["view of speaker mx-lf by account rita (researcher) from 203.0.113.7"])
        XCTAssertEqual(try events(after: "/api/speakers/mx-lf").map(\.summary),
                       ["view of speaker mx-lf by account rita (researcher) from 203.0.113.7"])
        XCTAssertEqual(try events(after: "/collections/sample").map(\.summary),
                       ["view of collection sample by account rita (researcher) from 203.0.113.7"])
        XCTAssertEqual(try events(after: "/localities/mx").count, 1)
        // Open material seen by an account, or anything seen anonymously, leaves no trace.
        XCTAssertEqual(try events(after: "/sessions/bj-huayu"), [])
        XCTAssertEqual(try events(after: "/localities/bj"), [])
        let before = try archive.events().count
        XCTAssertEqual(try WebBrowserSession(server).get("/speakers/mx-lf").status, 200)
        XCTAssertEqual(try archive.events().count, before)
    }

    func testTheSpeakerFilterFindsARestrictedSpeakerByIdButByNameOnlyForThoseWhoMaySeeIt() async throws {
        let (_, url) = try WebAccountTests.archiveWithAccounts(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        func total(_ visitor: WebBrowserSession, speaker: String) throws -> Int {
            let reply = try visitor.get("/api/search?q=\(WebServerProcess.encoded("太阳 OR 月光"))&speaker=\(WebServerProcess.encoded(speaker))")
            return (try JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as! [String: Any])["total"] as! Int
        }
        let anonymous = WebBrowserSession(server)
        let byId = try total(anonymous, speaker: "mx-lf")
        XCTAssertGreaterThan(byId, 0, "mx-cihui is open, and ids are shown to anyone")
        XCTAssertEqual(try total(anonymous, speaker: "刘秀英"), 0, "her name would confirm who she is")
        XCTAssertGreaterThan(try total(anonymous, speaker: "李德顺"), 0, "an open speaker is found by name")
        let anna = WebBrowserSession(server)
        XCTAssertEqual(try anna.logIn("anna", "secret-anna").status, 303)
        let annaById = try total(anna, speaker: "mx-lf")
        XCTAssertEqual(try total(anna, speaker: "刘秀英"), annaById)

        func cliHits(_ extra: [String]) throws -> Int {
            let out = try TestSupport.cli(["search", "太阳 OR 月光", "--speaker", "刘秀英", "--json"] + extra, archive: url)
            XCTAssertEqual(out.status, 0, out.stderr)
            return (try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any])["total"] as! Int
        }
        XCTAssertEqual(try cliHits([]), 0)
        XCTAssertEqual(try cliHits(["--include-restricted"]), annaById)
    }
}
