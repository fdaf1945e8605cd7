import DialectArchive
import Foundation
import XCTest

/// `dialect-archive user`: accounts for the web server, each change an audit event.
final class UserCommandTests: XCTestCase {
    /// `user add NAME --role ROLE --password-stdin` with the password written to its stdin.
    static func addUser(_ name: String, role: String, password: String, archive: URL) throws -> TestSupport.Result {
        let script = "printf '%s\\n' \"$PASSWORD\" | \"$CLI\" user add \"$NAME\" --role \"$ROLE\" --password-stdin --archive \"$ARCHIVE\""
        return try TestSupport.run("sh", ["-c", script], environment: [
            "PASSWORD": password, "CLI": TestSupport.cli.path, "NAME": name, "ROLE": role, "ARCHIVE": archive.path,
        ])
    }

    func testAccountsAreAddedListedGrantedAndRemovedEachAsAnAuditEvent() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        let before = try archive.events().count
        let added = try Self.addUser("rita", role: "researcher", password: "a long secret", archive: url)
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(added.stdout, "account rita added as researcher\n")
        XCTAssertEqual(try Self.addUser("anna", role: "archivist", password: "another secret", archive: url).status, 0)
        XCTAssertEqual(try TestSupport.cli(["user", "grant", "rita", "sample"], archive: url).status, 0)
        let listed = try TestSupport.cli(["user", "list", "--json"], archive: url)
        let accounts = try JSONSerialization.jsonObject(with: listed.output) as! [[String: Any]]
        XCTAssertEqual(accounts.map { $0["name"] as? String }, ["anna", "rita"])
        XCTAssertEqual(accounts.map { $0["role"] as? String }, ["archivist", "researcher"])
        XCTAssertEqual(accounts.map { $0["collections"] as? [String] }, [[], ["sample"]])
        XCTAssertFalse(listed.stdout.contains("$2"), "no password hash is ever listed")
        let text = try TestSupport.cli(["user", "list"], archive: url).stdout
        XCTAssertTrue(text.contains("rita  researcher"), text)
        XCTAssertTrue(text.contains("sample"), text)
        XCTAssertEqual(try TestSupport.cli(["user", "remove", "anna"], archive: url).status, 0)
        let remaining = try JSONSerialization.jsonObject(with: try TestSupport.cli(["user", "list", "--json"], archive: url).output) as! [[String: Any]]
        XCTAssertEqual(remaining.map { $0["name"] as? String }, ["rita"])
        let events = Array(try archive.events().dropFirst(before))
        XCTAssertEqual(events.map(\.kind), ["account", "account", "account", "account"])
        XCTAssertEqual(events.map(\.summary), ["account rita added as researcher", "account anna added as archivist",
                                               "account rita granted collection sample", "account anna removed"])
    }

    func testTheStoredPasswordIsABcryptHashThatOnlyTheRightPasswordOpens() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        XCTAssertEqual(try Self.addUser("rita", role: "researcher", password: "a long secret", archive: url).status, 0)
        XCTAssertThrowsError(try archive.logIn("rita", password: "a long secreT", address: nil))
        let login = try archive.logIn("rita", password: "a long secret", address: nil)
        XCTAssertEqual(login.reader.account?.name, "rita")
        XCTAssertEqual(try archive.login(token: login.token, address: nil)?.reader, login.reader)
        XCTAssertNil(try archive.login(token: String(login.token.reversed()), address: nil))
    }

    func testUserCommandsRefuseUnknownNamesCollectionsRolesAndDuplicatesClearly() throws {
        let (_, url) = try SampleArchive.ingested(#function)
        XCTAssertEqual(try Self.addUser("rita", role: "researcher", password: "a long secret", archive: url).status, 0)
        let cases: [(TestSupport.Result, String)] = [
            (try TestSupport.cli(["user", "grant", "rita", "no-such-collection"], archive: url),
             "error: there is no collection 'no-such-collection' in the archive"),
            (try TestSupport.cli(["user", "grant", "nobody", "sample"], archive: url), "error: there is no account named nobody"),
            (try TestSupport.cli(["user", "remove", "nobody"], archive: url), "error: there is no account named nobody"),
            (try Self.addUser("rita", role: "researcher", password: "a long secret", archive: url), "error: there is already an account named rita"),
            (try Self.addUser("sam", role: "curator", password: "a long secret", archive: url),
             "error: the role must be researcher, archivist or admin, not 'curator'"),
            (try Self.addUser("sam", role: "researcher", password: "short", archive: url),
             "error: the password of sam must have at least 8 characters"),
            (try Self.addUser("sam smith", role: "researcher", password: "a long secret", archive: url),
             "error: account names are 1 to 64 letters, digits and - _ . @, not 'sam smith'"),
            (try TestSupport.cli(["user", "add", "sam", "--role", "researcher"], archive: url),
             "error: give the password on standard input with --password-stdin"),
        ]
        for (result, message) in cases {
            XCTAssertNotEqual(result.status, 0, message)
            XCTAssertEqual(result.stderr, message + "\n")
        }
        let accounts = try JSONSerialization.jsonObject(with: try TestSupport.cli(["user", "list", "--json"], archive: url).output) as! [[String: Any]]
        XCTAssertEqual(accounts.map { $0["name"] as? String }, ["rita"])
    }

    func testRevokeTakesBackAGrantAsAnAuditEventAndSaysWhenThereIsNone() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        XCTAssertEqual(try Self.addUser("rita", role: "researcher", password: "a long secret", archive: url).status, 0)
        XCTAssertEqual(try TestSupport.cli(["user", "grant", "rita", "sample"], archive: url).status, 0)
        let revoked = try TestSupport.cli(["user", "revoke", "rita", "sample"], archive: url)
        XCTAssertEqual(revoked.status, 0, revoked.stderr)
        XCTAssertEqual(revoked.stdout, "account rita may no longer see restricted material of collection sample\n")
        XCTAssertEqual(try archive.accounts().first?.collections, [])
        XCTAssertEqual(try archive.events().last?.summary, "account rita no longer granted collection sample")
        XCTAssertTrue(try archive.events().last?.details.contains("\"action\":\"revoke\"") == true)
        let events = try archive.events().count
        let again = try TestSupport.cli(["user", "revoke", "rita", "sample"], archive: url)
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("account rita has no grant of collection 'sample'"), again.stderr)
        XCTAssertNotEqual(try TestSupport.cli(["user", "revoke", "nobody", "sample"], archive: url).status, 0)
        XCTAssertEqual(try archive.events().count, events, "a refused revoke is not recorded")
    }
}
