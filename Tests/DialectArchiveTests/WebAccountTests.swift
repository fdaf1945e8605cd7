import DialectArchive
import Foundation
import XCTest

/// Who sees what over the web: anonymous visitors, researchers with and without a grant of
/// the sample collection, archivists; logging in and out safely.
final class WebAccountTests: XCTestCase {
    /// The sample with mx-koutou restricted (as shipped) and gz-yufa closed, and three accounts.
    static func archiveWithAccounts(_ name: String) throws -> (Archive, URL) {
        let (archive, url) = try SampleArchive.ingested(name)
        XCTAssertEqual(try TestSupport.cli(["access", "set", "gz-yufa", "closed"], archive: url).status, 0)
        for (user, role) in [("rita", "researcher"), ("nora", "researcher"), ("anna", "archivist")] {
            let added = try UserCommandTests.addUser(user, role: role, password: "secret-\(user)", archive: url)
            XCTAssertEqual(added.status, 0, added.stderr)
        }
        XCTAssertEqual(try TestSupport.cli(["user", "grant", "rita", "sample"], archive: url).status, 0)
        return (archive, url)
    }

    func testEachAccessLevelSeesItsOwnShareOfRestrictedAndClosedMaterial() async throws {
        let (archive, url) = try Self.archiveWithAccounts(#function)
        let recordings = try archive.recordings()
        let restricted = try XCTUnwrap(recordings.first { $0.recording.originalName == "mx-lf-koutou-1.ogg" }?.recording.id)
        let closed = try XCTUnwrap(recordings.first { $0.recording.originalName == "gz-yf-yufa.ogg" }?.recording.id)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }

        struct Seen: Equatable {
            var restrictedHits: Int, closedHits: Int
            var restrictedSession: Int, closedSession: Int
            var restrictedPage: Int, closedPage: Int
            var restrictedAudio: Int, closedAudio: Int
            var searchPageShowsRestricted: Bool
        }
        func seen(_ visitor: WebBrowserSession) throws -> Seen {
            func total(_ query: String) throws -> Int {
                let reply = try visitor.get("/api/search?q=\(WebServerProcess.encoded(query))")
                return (try JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as! [String: Any])["total"] as! Int
            }
            return Seen(restrictedHits: try total("秀才"), closedHits: try total("钓"),
                        restrictedSession: try visitor.get("/api/sessions/mx-koutou").status,
                        closedSession: try visitor.get("/api/sessions/gz-yufa").status,
                        restrictedPage: try visitor.get("/recordings/\(restricted)").status,
                        closedPage: try visitor.get("/recordings/\(closed)").status,
                        restrictedAudio: try visitor.get("/api/recordings/\(restricted)/audio?start_ms=0&end_ms=1000").status,
                        closedAudio: try visitor.get("/api/recordings/\(closed)/audio?start_ms=0&end_ms=1000").status,
                        searchPageShowsRestricted: try visitor.get("/search?q=\(WebServerProcess.encoded("秀才"))").text.contains("mx-lf-koutou-1"))
        }
        let nothingWithheldShown = Seen(restrictedHits: 0, closedHits: 0, restrictedSession: 403, closedSession: 404,
                                        restrictedPage: 403, closedPage: 404, restrictedAudio: 403, closedAudio: 404,
                                        searchPageShowsRestricted: false)
        XCTAssertEqual(try seen(WebBrowserSession(server)), nothingWithheldShown, "anonymous")

        let nora = WebBrowserSession(server)
        XCTAssertEqual(try nora.logIn("nora", "secret-nora").status, 303)
        XCTAssertEqual(try seen(nora), nothingWithheldShown, "a researcher without the grant")

        let rita = WebBrowserSession(server)
        XCTAssertEqual(try rita.logIn("rita", "secret-rita").status, 303)
        let ritaSees = try seen(rita)
        XCTAssertGreaterThan(ritaSees.restrictedHits, 0)
        XCTAssertEqual(ritaSees, Seen(restrictedHits: ritaSees.restrictedHits, closedHits: 0, restrictedSession: 200, closedSession: 404,
                                      restrictedPage: 200, closedPage: 404, restrictedAudio: 200, closedAudio: 404,
                                      searchPageShowsRestricted: true), "a researcher granted the sample collection")

        let anna = WebBrowserSession(server)
        XCTAssertEqual(try anna.logIn("anna", "secret-anna").status, 303)
        let annaSees = try seen(anna)
        XCTAssertGreaterThan(annaSees.closedHits, 0)
        XCTAssertEqual(annaSees, Seen(restrictedHits: ritaSees.restrictedHits, closedHits: annaSees.closedHits, restrictedSession: 200,
                                      closedSession: 200, restrictedPage: 200, closedPage: 200, restrictedAudio: 200, closedAudio: 200,
                                      searchPageShowsRestricted: true), "an archivist")
        // The CLI, asking as the owner, is unchanged.
        let owner = try TestSupport.cli(["search", "秀才", "--json"], archive: url).stdout
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(owner.utf8)) as! [String: Any])["total"] as? Int, 0)
    }

    func testAResearchersPlayOfRestrictedAudioIsAnAuditEventNamingTheAccountAndAddress() async throws {
        let (archive, url) = try Self.archiveWithAccounts(#function)
        let restricted = try XCTUnwrap(try archive.recordings().first { $0.recording.originalName == "mx-lf-koutou-1.ogg" }?.recording.id)
        let server = try WebServerProcess(archive: url, arguments: ["--base-url", "http://archive.example.org"])
        defer { server.stop() }
        let proxy = ["X-Forwarded-For": "203.0.113.7"]
        let rita = WebBrowserSession(server)
        XCTAssertEqual(try rita.logIn("rita", "secret-rita", headers: proxy).status, 303)
        let before = try archive.events().count
        XCTAssertEqual(try rita.get("/api/recordings/\(restricted)/audio?start_ms=1000&end_ms=2500", headers: proxy).status, 200)
        let events = Array(try archive.events().dropFirst(before))
        XCTAssertEqual(events.count, 1, "one event per request")
        let event = try XCTUnwrap(events.first)
        XCTAssertEqual(event.kind, "access")
        XCTAssertTrue(event.summary.contains("play of recording \(restricted)"), event.summary)
        XCTAssertTrue(event.summary.contains("account rita (researcher) from 203.0.113.7"), event.summary)
        XCTAssertTrue(event.details.contains("\"recordings\":[\(restricted)]"), event.details)
        // Open material heard by an account, or anything heard anonymously, leaves no trace.
        let open = try XCTUnwrap(try archive.recordings().first { $0.recording.originalName == "bj-lm-danzi.wav" }?.recording.id)
        XCTAssertEqual(try rita.get("/api/recordings/\(open)/audio?start_ms=0&end_ms=1000").status, 200)
        XCTAssertEqual(try archive.events().count, before + 1)
    }

    func testAWrongPasswordFailsAndRepeatedFailuresAreThrottledWith429() async throws {
        let (_, url) = try Self.archiveWithAccounts(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let visitor = WebBrowserSession(server)
        let wrong = try visitor.logIn("rita", "not-her-password")
        XCTAssertEqual(wrong.status, 401)
        XCTAssertNil(wrong.setCookie("session"))
        XCTAssertTrue(wrong.text.contains("The name or the password is wrong."))
        for _ in 2...Archive.allowedFailedLogins {
            XCTAssertEqual(try visitor.logIn("rita", "still-wrong").status, 401)
        }
        let throttled = try visitor.logIn("rita", "secret-rita")
        XCTAssertEqual(throttled.status, 429, "even the right password waits once the name is throttled")
        XCTAssertNil(throttled.setCookie("session"))
        XCTAssertEqual(try visitor.logIn("nora", "secret-nora").status, 303, "other names are not throttled")
    }

    func testALoginFormWithoutItsTokenIsRefused() async throws {
        let (_, url) = try Self.archiveWithAccounts(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let visitor = WebBrowserSession(server)
        XCTAssertEqual(try visitor.post("/login", [("name", "rita"), ("password", "secret-rita")]).status, 403)
        _ = try visitor.get("/login")
        XCTAssertEqual(try visitor.post("/login", [("csrf", "forged"), ("name", "rita"), ("password", "secret-rita")]).status, 403)
        XCTAssertNil(visitor.cookies["session"])
    }

    func testLogoutNeedsTheLoginsOwnCSRFToken() async throws {
        let (_, url) = try Self.archiveWithAccounts(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let rita = WebBrowserSession(server)
        XCTAssertEqual(try rita.logIn("rita", "secret-rita").status, 303)
        let page = try rita.get("/search")
        XCTAssertTrue(page.text.contains("Logged in as rita"))
        let token = try XCTUnwrap(WebBrowserSession.hiddenCSRF(page.text))
        XCTAssertEqual(try rita.post("/logout", []).status, 403)
        XCTAssertEqual(try rita.post("/logout", [("csrf", String(token.reversed()))]).status, 403)
        XCTAssertTrue(try rita.get("/search").text.contains("Logged in as rita"), "still logged in")
        let session = try XCTUnwrap(rita.cookies["session"])
        let out = try rita.post("/logout", [("csrf", token)])
        XCTAssertEqual(out.status, 303)
        XCTAssertNil(rita.cookies["session"], "the cookie is cleared")
        // The login itself has ended: the old cookie no longer opens anything.
        rita.cookies["session"] = session
        XCTAssertFalse(try rita.get("/search").text.contains("Logged in as rita"))
        XCTAssertEqual(try rita.get("/api/sessions/mx-koutou").status, 403)
    }

    func testTheSessionCookieIsHttpOnlyAndSameSiteAndSecureBehindHTTPS() async throws {
        let (_, url) = try Self.archiveWithAccounts(#function)
        for (arguments, secure) in [([String](), false), (["--base-url", "https://archive.example.org"], true)] {
            let server = try WebServerProcess(archive: url, arguments: arguments)
            defer { server.stop() }
            let cookie = try XCTUnwrap(try WebBrowserSession(server).logIn("rita", "secret-rita").setCookie("session"))
            XCTAssertTrue(cookie.contains("HttpOnly"), cookie)
            XCTAssertTrue(cookie.contains("SameSite=Lax"), cookie)
            XCTAssertEqual(cookie.contains("Secure"), secure, cookie)
        }
    }

    func testLoginsAreSharedByTwoServersOverOneArchive() async throws {
        let (_, url) = try Self.archiveWithAccounts(#function)
        let first = try WebServerProcess(archive: url), second = try WebServerProcess(archive: url)
        defer { first.stop(); second.stop() }
        let rita = WebBrowserSession(first)
        XCTAssertEqual(try rita.logIn("rita", "secret-rita").status, 303)
        let elsewhere = WebBrowserSession(second)
        elsewhere.cookies = rita.cookies
        XCTAssertEqual(try elsewhere.get("/api/sessions/mx-koutou").status, 200)
    }
}
