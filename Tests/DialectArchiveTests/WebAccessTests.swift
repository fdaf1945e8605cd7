import DialectArchive
import Foundation
import XCTest

/// What the server withholds and how it presents itself behind a proxy.
final class WebAccessTests: XCTestCase {
    func testClosedAndWithdrawnRecordingsAreNeitherShownNorHeard() async throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        let listings = try archive.recordings()
        let closed = try XCTUnwrap(listings.first { $0.recording.originalName == "gz-yf-cihui.wav" }?.recording.id)
        let withdrawn = try XCTUnwrap(listings.first { $0.recording.originalName == "mx-lf-cihui.flac" }?.recording.id)
        XCTAssertEqual(try TestSupport.cli(["access", "set", "\(closed)", "closed"], archive: url).status, 0)
        XCTAssertEqual(try TestSupport.cli(["withdraw", "\(withdrawn)", "--reason", "filed under the wrong speaker"], archive: url).status, 0)
        let server = try WebServerProcess(archive: url)
        defer { server.stop() }
        for path in ["/api/recordings/\(closed)", "/api/recordings/\(closed)/audio?start_ms=0&end_ms=500",
                     "/api/recordings/\(closed)/original", "/recordings/\(closed)"] {
            let reply = try await server.get(path)
            XCTAssertEqual(reply.status, 404, path)
            XCTAssertFalse(reply.text.contains("gz-yf-cihui"), path)
        }
        for path in ["/api/recordings/\(withdrawn)/audio?start_ms=0&end_ms=500", "/api/recordings/\(withdrawn)/original"] {
            let reply = try await server.get(path)
            XCTAssertEqual(reply.status, 410, path)
        }
        let page = try await server.get("/recordings/\(withdrawn)")
        XCTAssertTrue(page.text.contains("filed under the wrong speaker"))
        XCTAssertFalse(page.text.contains("<audio"))
        let search = try await server.get("/api/search?q=\(WebServerProcess.encoded("光 OR 头"))")
        assertSameJSON(search.text, try TestSupport.cli(["search", "光 OR 头", "--json"], archive: url).stdout)
        let everything = try TestSupport.cli(["search", "光 OR 头", "--include-restricted", "--json"], archive: url).stdout
        func recordings(_ json: Data) throws -> Set<Int64> {
            let hits = (try JSONSerialization.jsonObject(with: json) as! [String: Any])["hits"] as! [[String: Any]]
            return Set(hits.compactMap { ($0["recording_id"] as? NSNumber)?.int64Value })
        }
        XCTAssertTrue(try recordings(Data(everything.utf8)).contains(closed))
        XCTAssertEqual(try recordings(search.body), [])
    }

    func testBehindAnHTTPSBaseURLPagesNameTheirAddressThereAndCookiesAreSecure() async throws {
        let (_, url) = try SampleArchive.ingested(#function)
        let server = try WebServerProcess(archive: url, arguments: ["--base-url", "https://archive.example.org/"])
        defer { server.stop() }
        let page = try await server.get("/search?q=\(WebServerProcess.encoded("月光"))&lang=zh")
        XCTAssertTrue(page.text.contains("<link rel=\"canonical\" href=\"https://archive.example.org/search?q=\(WebServerProcess.encoded("月光"))\">"))
        let cookie = try XCTUnwrap(page.header("Set-Cookie"))
        XCTAssertTrue(cookie.contains("Secure"), cookie)
        XCTAssertTrue(cookie.contains("HttpOnly"), cookie)
        XCTAssertTrue(cookie.contains("SameSite=Lax"), cookie)
    }

    func testServeRefusesABaseURLThatIsNotAnHTTPAddress() throws {
        let (_, url) = try SampleArchive.ingested(#function)
        let refused = try TestSupport.cli(["serve", "--base-url", "ftp://archive.example.org", "--port", "0"], archive: url)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("--base-url must be an http or https address"), refused.stderr)
    }
}
