import DialectArchive
import Foundation
import XCTest

/// The audit trail and the history of records in the browser: for archivists and admins only,
/// paged and filtered, each JSON answer what the CLI prints for the same question.
final class WebAuditTrailTests: XCTestCase {
    /// The sample with its accounts (see `WebAccountTests`) and an admin, ada.
    static func archiveWithAdmin(_ name: String) throws -> (Archive, URL) {
        let (archive, url) = try WebAccountTests.archiveWithAccounts(name)
        let added = try UserCommandTests.addUser("ada", role: "admin", password: "secret-ada", archive: url)
        XCTAssertEqual(added.status, 0, added.stderr)
        return (archive, url)
    }

    /// A visitor per access level: anonymous, a researcher without and with the grant, an archivist, an admin.
    static func visitors(_ server: WebServerProcess) throws -> [(String, WebBrowserSession)] {
        var visitors = [("anonymous", WebBrowserSession(server))]
        for name in ["nora", "rita", "anna", "ada"] {
            let visitor = WebBrowserSession(server)
            XCTAssertEqual(try visitor.logIn(name, "secret-\(name)").status, 303, name)
            visitors.append((name, visitor))
        }
        return visitors
    }

    static func json(_ text: String) throws -> NSObject {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSObject, text)
    }

    func testTheAuditTrailIsShownToArchivistsAndAdminsAndRefusedToEveryoneElse() throws {
        let (archive, url) = try Self.archiveWithAdmin(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        for (name, visitor) in try Self.visitors(server) {
            let page = try visitor.get("/log"), api = try visitor.get("/api/log"), verify = try visitor.get("/api/log/verify")
            if name == "anna" || name == "ada" {
                XCTAssertEqual([page.status, api.status, verify.status], [200, 200, 200], name)
                XCTAssertTrue(page.text.contains("id=\"log-link\""), "the navigation leads \(name) to the trail")
            } else {
                XCTAssertEqual([page.status, api.status, verify.status], [403, 403, 403], name)
                XCTAssertTrue(page.text.contains("Only archivists and admins may see the audit trail"), page.text)
                XCTAssertEqual(try Self.json(api.text), try Self.json(#"{"error": "only archivists and admins may see the audit trail"}"#))
                XCTAssertFalse(page.text.contains("id=\"log-link\""), name)
                XCTAssertFalse(page.text.contains("account rita granted collection sample"), name)
            }
        }
        // The archivist's JSON is the CLI's: the same events, newest first, and the same chain check.
        let anna = WebBrowserSession(server)
        XCTAssertEqual(try anna.logIn("anna", "secret-anna").status, 303)
        let cliEvents = try XCTUnwrap(try Self.json(try TestSupport.cli(["log", "--json"], archive: url).stdout) as? [NSObject])
        let page = try XCTUnwrap(try Self.json(try anna.get("/api/log?limit=500").text) as? [String: Any])
        XCTAssertEqual(page["total"] as? Int, cliEvents.count)
        XCTAssertEqual(page["events"] as? [NSObject], Array(cliEvents.reversed()))
        XCTAssertEqual(try Self.json(try anna.get("/api/log/verify").text),
                       try Self.json(try TestSupport.cli(["log", "--verify", "--json"], archive: url).stdout))
        let html = try anna.get("/log").text
        XCTAssertTrue(html.contains("The hash chain is unbroken over all \(try archive.events().count) events"), html)
        XCTAssertTrue(try anna.get("/log", headers: ["Accept-Language": "zh-CN"]).text.contains("哈希链完整"))
    }

    func testTheAuditTrailIsPagedNewestFirstAndNarrowedByKindAndUser() throws {
        let (archive, url) = try Self.archiveWithAdmin(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let anna = WebBrowserSession(server)
        XCTAssertEqual(try anna.logIn("anna", "secret-anna").status, 303)
        func page(_ query: String) throws -> (total: Int, ids: [Int], kinds: Set<String>, summaries: [String]) {
            let reply = try anna.get("/api/log?\(query)")
            XCTAssertEqual(reply.status, 200, reply.text)
            let object = try XCTUnwrap(try Self.json(reply.text) as? [String: Any])
            let events = try XCTUnwrap(object["events"] as? [[String: Any]])
            return (object["total"] as! Int, events.map { $0["id"] as! Int }, Set(events.map { $0["kind"] as! String }),
                    events.map { $0["summary"] as! String })
        }
        let all = try archive.events()
        let accountEvents = all.filter { $0.kind == "account" }
        let accounts = try page("kind=account")
        XCTAssertEqual(accounts.total, accountEvents.count)
        XCTAssertEqual(accounts.kinds, ["account"])
        XCTAssertEqual(accounts.ids, accountEvents.map { Int($0.id!) }.reversed())

        let rita = try page("user=rita")
        XCTAssertEqual(rita.summaries, ["account rita granted collection sample", "account rita added as researcher"])
        let someone = try XCTUnwrap(all.first?.user)
        XCTAssertEqual(try page("user=\(WebServerProcess.encoded(someone))&limit=500").total, all.filter { $0.user == someone }.count)

        let second = try page("limit=2&offset=2")
        XCTAssertEqual(second.total, all.count)
        XCTAssertEqual(second.ids, all.reversed().dropFirst(2).prefix(2).map { Int($0.id!) })
        XCTAssertEqual(try anna.get("/api/log?limit=0").status, 400)
        XCTAssertEqual(try anna.get("/api/log?offset=-1").status, 400)

        let html = try anna.get("/log?kind=account&limit=2").text
        XCTAssertEqual(html.components(separatedBy: "<tr class=\"event\">").count - 1, 2)
        XCTAssertTrue(html.contains("href=\"/log?kind=account&amp;offset=2\""), html)
        XCTAssertTrue(html.contains("<option value=\"account\" selected>account</option>"), html)
    }

    func testTheAuditTrailPageSaysWhereTheChainIsBroken() throws {
        let (_, url) = try Self.archiveWithAdmin(#function)
        let tampered = try TestDatabase.runBehindTheArchive("UPDATE event SET summary = 'nothing happened' WHERE id = 3", archive: url)
        XCTAssertEqual(tampered.status, 0, tampered.stderr)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let ada = WebBrowserSession(server)
        XCTAssertEqual(try ada.logIn("ada", "secret-ada").status, 303)
        let verify = try XCTUnwrap(try Self.json(try ada.get("/api/log/verify").text) as? [String: Any])
        XCTAssertEqual(verify["unbroken"] as? Bool, false)
        XCTAssertEqual((verify["first_break"] as? [String: Any])?["id"] as? Int, 3)
        let html = try ada.get("/log").text
        XCTAssertTrue(html.contains("The hash chain is broken at event 3"), html)
        XCTAssertTrue(html.contains("no longer matches its hash"), html)
    }

    func testTextInTheAuditTrailAndHistoryIsEscaped() throws {
        let (archive, url) = try Self.archiveWithAdmin(#function)
        let recording = try XCTUnwrap(try archive.recordings().first { $0.recording.originalName == "bj-lm-danzi.wav" }?.recording.id)
        let attack = "<script>alert(1)</script>\" onerror=\"x"
        let withdrawn = try TestSupport.cli(["withdraw", "\(recording)", "--reason", attack], archive: url)
        XCTAssertEqual(withdrawn.status, 0, withdrawn.stderr)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let anna = WebBrowserSession(server)
        XCTAssertEqual(try anna.logIn("anna", "secret-anna").status, 303)
        for path in ["/log", "/log?user=\(WebServerProcess.encoded(attack))", "/recordings/\(recording)/history"] {
            let page = try anna.get(path)
            XCTAssertEqual(page.status, 200, path)
            XCTAssertFalse(page.text.contains("<script>alert"), path)
            XCTAssertFalse(page.text.contains("\" onerror="), path)
            XCTAssertTrue(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path): \(page.text)")
        }
    }

    func testEveryRecordsHistoryIsForArchivistsWithTheCLIsJSONAndLinkedFromItsPage() throws {
        let (archive, url) = try Self.archiveWithAdmin(#function)
        let recordings = try archive.recordings()
        let open = try XCTUnwrap(recordings.first { $0.recording.originalName == "gz-yf-cihui.wav" }?.recording.id)
        let closed = try XCTUnwrap(recordings.first { $0.recording.originalName == "gz-yf-yufa.ogg" }?.recording.id)
        let records = [("recordings", "\(open)"), ("recordings", "\(closed)"), ("sessions", "gz-cihui"), ("sessions", "gz-yufa"),
                       ("sessions", "mx-koutou"), ("speakers", "gz-yf"), ("localities", "gz"), ("collections", "sample")]
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        for (name, visitor) in try Self.visitors(server) {
            let mayRead = name == "anna" || name == "ada"
            for (kind, id) in records {
                let page = try visitor.get("/\(kind)/\(id)/history"), api = try visitor.get("/api/\(kind)/\(id)/history")
                guard mayRead else {
                    XCTAssertEqual([page.status, api.status], [403, 403], "\(name) \(kind) \(id)")
                    XCTAssertTrue(page.text.contains("Only archivists and admins"), page.text)
                    continue
                }
                XCTAssertEqual([page.status, api.status], [200, 200], "\(name) \(kind) \(id): \(api.text)")
                let cli = try TestSupport.cli(["history", id, "--json", "--include-restricted"], archive: url)
                XCTAssertEqual(try Self.json(api.text), try Self.json(cli.stdout), "\(kind) \(id)")
                XCTAssertTrue(page.text.contains("History of"), page.text)
            }
            // The record pages link to the history for those who may read it.
            for (kind, id) in [("recordings", "\(open)"), ("sessions", "gz-cihui"), ("speakers", "gz-yf"), ("localities", "gz"), ("collections", "sample")] {
                let page = try visitor.get("/\(kind)/\(id)")
                XCTAssertEqual(page.status, 200, "\(kind) \(id)")
                XCTAssertEqual(page.text.contains("href=\"/\(kind)/\(id)/history\""), mayRead, "\(name) on \(kind) \(id)")
            }
        }
        let anna = WebBrowserSession(server)
        XCTAssertEqual(try anna.logIn("anna", "secret-anna").status, 303)
        let history = try anna.get("/recordings/\(open)/history").text
        XCTAssertTrue(history.contains("gz-yf-cihui.wav"), history)
        XCTAssertTrue(try anna.get("/sessions/gz-cihui/history", headers: ["Accept-Language": "zh"]).text.contains("历史记录"))
        XCTAssertEqual(try anna.get("/api/sessions/gz/history").status, 404, "a locality is not a session")
        XCTAssertEqual(try anna.get("/api/recordings/x1/history").status, 400)
        XCTAssertEqual(try anna.get("/api/speakers/nobody/history").status, 404)
    }

    func testADirectConnectionsAddressIsRecordedWhenAnAccountPlaysRestrictedAudio() throws {
        let (archive, url) = try WebAccountTests.archiveWithAccounts(#function)
        let restricted = try XCTUnwrap(try archive.recordings().first { $0.recording.originalName == "mx-lf-koutou-1.ogg" }?.recording.id)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let rita = WebBrowserSession(server)
        XCTAssertEqual(try rita.logIn("rita", "secret-rita").status, 303)
        let before = try archive.events().count
        // Without a proxy in front, a forwarded address is anyone's claim: the connection's is recorded.
        let played = try rita.get("/api/recordings/\(restricted)/audio?start_ms=1000&end_ms=2500", headers: ["X-Forwarded-For": "203.0.113.7"])
        XCTAssertEqual(played.status, 200)
        let event = try XCTUnwrap(try archive.events().dropFirst(before).first)
        XCTAssertEqual(event.kind, "access")
        XCTAssertTrue(event.summary.hasSuffix("by account rita (researcher) from 127.0.0.1"), event.summary)
        XCTAssertTrue(event.details.contains("\"address\":\"127.0.0.1\""), event.details)
    }

    func testSchemathesisAsAnAdminFindsNoServerErrorAndNoResponseContradictingTheDocument() throws {
        let (archive, url) = try Self.archiveWithAdmin(#function)
        let recording = try XCTUnwrap(try archive.recordings().first { $0.recording.originalName == "gz-yf-cihui.wav" }?.recording.id)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let ada = WebBrowserSession(server)
        XCTAssertEqual(try ada.logIn("ada", "secret-ada").status, 303)
        let token = try XCTUnwrap(ada.cookies["session"])
        let ids: [(String, String)] = [("/api/recordings/{id}/history", "\(recording)"), ("/api/sessions/{id}/history", "\"gz-cihui\""),
                                       ("/api/speakers/{id}/history", "\"gz-yf\""), ("/api/localities/{id}/history", "\"gz\""),
                                       ("/api/collections/{id}/history", "\"sample\"")]
        let config = try TestSupport.scratchFolder("schemathesis-admin").appendingPathComponent("schemathesis.toml")
        try ids.map { "[[operations]]\ninclude-path = \"\($0.0)\"\nparameters = { \"path.id\" = \($0.1) }\n" }
            .joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
        let result = try WebOpenAPITests.schemathesis([server.address.absoluteString + "/api/openapi.json",
                                                       "--include-path-regex", WebOpenAPITests.archivistPaths,
                                                       "-H", "Cookie: session=\(token)"], config: config)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Selected: 8/18"), result.stdout)
        XCTAssertFalse(result.stdout.contains(" failed"), result.stdout)
        XCTAssertFalse(result.stdout.contains("Missing test data"), result.stdout)
    }
}
