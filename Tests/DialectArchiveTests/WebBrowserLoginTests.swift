import Foundation
import XCTest

/// A real browser logs in as a researcher granted the sample collection, sees the restricted
/// session appear, logs out and sees it gone (scripts/browser_login_test.py; screenshots under
/// $TMPDIR/dialect-archive-browser).
final class WebBrowserLoginTests: XCTestCase {
    func testBrowserLogsInAsAResearcherSeesARestrictedSessionAndLosesItOnLoggingOut() throws {
        let (_, archiveURL) = try WebAccountTests.archiveWithAccounts("WebBrowserLoginTests")
        let server = try WebServerProcess(archive: archiveURL)
        defer { server.stop() }
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("dialect-archive-browser")
        let script = TestSupport.repository.appendingPathComponent("scripts/browser_login_test.py")
        let result = try TestSupport.run("python3", [script.path, server.address.absoluteString, "rita", "secret-rita", "秀才",
                                                     "mx-lf-koutou-1", screenshots.path])
        XCTAssertEqual(result.status, 0, result.stderr + result.stdout)
        for name in ["login-anonymous.png", "login-researcher.png", "login-logged-out.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: screenshots.appendingPathComponent(name).path), name)
        }
    }
}
