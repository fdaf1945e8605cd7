import DialectArchive
import Foundation
import XCTest

/// `/accounts`: admins add and remove accounts and grant and revoke collections in the browser,
/// each form guarded by the login's token, each change the audit event of the `user` command.
final class WebAccountsPageTests: XCTestCase {
    func testTheAccountsPageAndJSONAreForAdminsOnly() throws {
        let (_, url) = try WebAuditTrailTests.archiveWithAdmin(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        for (name, visitor) in try WebAuditTrailTests.visitors(server) {
            let page = try visitor.get("/accounts"), api = try visitor.get("/api/accounts")
            guard name == "ada" else {
                XCTAssertEqual([page.status, api.status], [403, 403], name)
                XCTAssertTrue(page.text.contains("Only admins may manage accounts."), page.text)
                XCTAssertFalse(page.text.contains("secret-"), name)
                XCTAssertFalse(page.text.contains("id=\"accounts-link\""), name)
                continue
            }
            XCTAssertEqual([page.status, api.status], [200, 200])
            XCTAssertTrue(page.text.contains("id=\"accounts-link\""))
            for account in ["ada", "anna", "nora", "rita"] {
                XCTAssertTrue(page.text.contains("<td class=\"account-name\">\(account)</td>"), account)
            }
            XCTAssertTrue(page.text.contains("<span class=\"grant\">sample</span>"), "rita's grant is listed")
            XCTAssertTrue(try visitor.get("/accounts", headers: ["Accept-Language": "zh"]).text.contains("添加账户"))
            let cli = try TestSupport.cli(["user", "list", "--json"], archive: url)
            XCTAssertEqual(try WebAuditTrailTests.json(api.text), try WebAuditTrailTests.json(cli.stdout))
        }
    }

    func testEveryAccountFormRefusesAMissingOrForgedTokenAndNonAdmins() throws {
        let (archive, url) = try WebAuditTrailTests.archiveWithAdmin(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let ada = WebBrowserSession(server), anna = WebBrowserSession(server), anonymous = WebBrowserSession(server)
        XCTAssertEqual(try ada.logIn("ada", "secret-ada").status, 303)
        XCTAssertEqual(try anna.logIn("anna", "secret-anna").status, 303)
        let adaToken = try XCTUnwrap(WebBrowserSession.hiddenCSRF(try ada.get("/accounts").text))
        let annaToken = try XCTUnwrap(WebBrowserSession.hiddenCSRF(try anna.get("/search").text))
        let forms: [(String, [(String, String)])] = [
            ("add", [("name", "tess"), ("role", "admin"), ("password", "a long secret")]),
            ("remove", [("name", "rita")]),
            ("grant", [("name", "nora"), ("collection", "sample")]),
            ("revoke", [("name", "rita"), ("collection", "sample")]),
        ]
        let accounts = try archive.accounts(), events = try archive.events().count
        for (action, fields) in forms {
            XCTAssertEqual(try ada.post("/accounts/\(action)", fields).status, 403, "\(action) without a token")
            XCTAssertEqual(try ada.post("/accounts/\(action)", [("csrf", String(adaToken.reversed()))] + fields).status, 403, "\(action) forged")
            XCTAssertEqual(try ada.post("/accounts/\(action)", [("csrf", annaToken)] + fields).status, 403, "\(action) with another login's token")
            let archivist = try anna.post("/accounts/\(action)", [("csrf", annaToken)] + fields)
            XCTAssertEqual(archivist.status, 403, "\(action) by an archivist")
            XCTAssertTrue(archivist.text.contains("Only admins may manage accounts."), archivist.text)
            XCTAssertEqual(try anonymous.post("/accounts/\(action)", [("csrf", adaToken)] + fields).status, 403, "\(action) anonymously")
        }
        XCTAssertEqual(try archive.accounts(), accounts, "nothing changed")
        XCTAssertEqual(try archive.events().count, events, "nothing recorded")
    }

    func testAnAccountAddedThroughTheFormCanLogInAndTheChangeIsAnAuditEventNamingTheAdmin() throws {
        let (archive, url) = try WebAuditTrailTests.archiveWithAdmin(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let ada = WebBrowserSession(server)
        XCTAssertEqual(try ada.logIn("ada", "secret-ada").status, 303)
        let token = try XCTUnwrap(WebBrowserSession.hiddenCSRF(try ada.get("/accounts").text))
        let added = try ada.post("/accounts/add", [("csrf", token), ("name", "tess"), ("role", "archivist"), ("password", "tess's secret")])
        XCTAssertEqual(added.status, 303, added.text)
        XCTAssertEqual(added.header("Location"), "/accounts")
        let event = try XCTUnwrap(try archive.events().last)
        XCTAssertEqual(event.kind, "account")
        XCTAssertEqual(event.summary, "account tess added as archivist by account ada (admin) from 127.0.0.1")
        XCTAssertTrue(event.details.contains("\"action\":\"add\""), event.details)
        XCTAssertTrue(event.details.contains("\"by\":\"ada\""), event.details)

        let tess = WebBrowserSession(server)
        XCTAssertEqual(try tess.logIn("tess", "tess's secret").status, 303)
        XCTAssertEqual(try tess.get("/log").status, 200, "tess logs in as the archivist she was added as")

        let duplicate = try ada.post("/accounts/add", [("csrf", token), ("name", "tess"), ("role", "researcher"), ("password", "another secret")])
        XCTAssertEqual(duplicate.status, 400)
        XCTAssertTrue(duplicate.text.contains("there is already an account named tess"), duplicate.text)
        XCTAssertEqual(try ada.post("/accounts/add", [("csrf", token), ("name", "tom"), ("role", "king"), ("password", "a long secret")]).status, 400)

        XCTAssertEqual(try ada.post("/accounts/remove", [("csrf", token), ("name", "tess")]).status, 303)
        XCTAssertEqual(try archive.events().last?.summary, "account tess removed by account ada (admin) from 127.0.0.1")
        XCTAssertEqual(try tess.get("/log").status, 403, "a removed account's login ends")
    }

    func testAGrantThroughTheFormLetsTheResearcherSeeARestrictedSessionAndARevokeTakesItBack() throws {
        let (archive, url) = try WebAuditTrailTests.archiveWithAdmin(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let ada = WebBrowserSession(server), nora = WebBrowserSession(server)
        XCTAssertEqual(try ada.logIn("ada", "secret-ada").status, 303)
        XCTAssertEqual(try nora.logIn("nora", "secret-nora").status, 303)
        XCTAssertEqual(try nora.get("/api/sessions/mx-koutou").status, 403)
        let token = try XCTUnwrap(WebBrowserSession.hiddenCSRF(try ada.get("/accounts").text))

        XCTAssertEqual(try ada.post("/accounts/grant", [("csrf", token), ("name", "nora"), ("collection", "sample")]).status, 303)
        XCTAssertEqual(try archive.events().last?.summary, "account nora granted collection sample by account ada (admin) from 127.0.0.1")
        XCTAssertEqual(try nora.get("/api/sessions/mx-koutou").status, 200, "the grant holds in the login she already has")
        XCTAssertTrue(try ada.get("/accounts").text.contains("<input type=\"hidden\" name=\"name\" value=\"nora\"><input type=\"hidden\" name=\"collection\" value=\"sample\">"))

        XCTAssertEqual(try ada.post("/accounts/revoke", [("csrf", token), ("name", "nora"), ("collection", "sample")]).status, 303)
        XCTAssertEqual(try archive.events().last?.summary, "account nora no longer granted collection sample by account ada (admin) from 127.0.0.1")
        XCTAssertEqual(try nora.get("/api/sessions/mx-koutou").status, 403)
        let again = try ada.post("/accounts/revoke", [("csrf", token), ("name", "nora"), ("collection", "sample")])
        XCTAssertEqual(again.status, 400)
        XCTAssertTrue(again.text.contains("account nora has no grant of collection"), again.text)
        XCTAssertEqual(try ada.post("/accounts/grant", [("csrf", token), ("name", "nora"), ("collection", "nowhere")]).status, 400)
    }

    func testAUserNameWithAScriptIsRefusedAndShownEscaped() throws {
        let (archive, url) = try WebAuditTrailTests.archiveWithAdmin(#function)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        let ada = WebBrowserSession(server)
        XCTAssertEqual(try ada.logIn("ada", "secret-ada").status, 303)
        let token = try XCTUnwrap(WebBrowserSession.hiddenCSRF(try ada.get("/accounts").text))
        let name = "<script>alert(1)</script>\" onerror=\"x"
        let before = try archive.accounts()
        let reply = try ada.post("/accounts/add", [("csrf", token), ("name", name), ("role", "researcher"), ("password", "a long secret")])
        XCTAssertEqual(reply.status, 400)
        XCTAssertFalse(reply.text.contains("<script>alert"), reply.text)
        XCTAssertFalse(reply.text.contains("\" onerror="), reply.text)
        XCTAssertTrue(reply.text.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot; onerror=&quot;x\""), reply.text)
        XCTAssertTrue(reply.text.contains("account names are 1 to 64 letters"), reply.text)
        XCTAssertEqual(try archive.accounts(), before)
        let grant = try ada.post("/accounts/grant", [("csrf", token), ("name", name), ("collection", "sample")])
        XCTAssertEqual(grant.status, 400)
        XCTAssertFalse(grant.text.contains("<script>alert"), grant.text)
    }
}
