import Foundation
import XCTest

/// No URL reaches a file outside what the archive serves: dot segments, encoded dot segments,
/// encoded slashes and absolute paths in any part of a path are refused, never followed, and
/// never answered with a server error.
final class WebPathTests: XCTestCase {
    /// GET `path` exactly as written (curl's `--path-as-is`: no dot segment is removed on the way).
    private func get(_ server: WebServerProcess, _ path: String) throws -> (status: Int, body: String) {
        let body = try TestSupport.scratchFolder("path-body").appendingPathComponent("body")
        let result = try TestSupport.run("curl", ["--silent", "--path-as-is", "--globoff", "--max-time", "20",
                                                  "--output", body.path, "--write-out", "%{http_code}",
                                                  server.address.absoluteString + path])
        let data = (try? Data(contentsOf: body)) ?? Data()
        return (Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, String(decoding: data, as: UTF8.self))
    }

    func testDotSegmentsEncodedSlashesAndAbsolutePathsReachNoFile() throws {
        let (_, archive) = try SampleArchive.ingested(#function)
        let server = try WebServerProcess(archive: archive)
        defer { server.stop() }
        let hostile = [
            "/static/../archive.sqlite", "/static/%2e%2e/archive.sqlite", "/static/%2E%2E%2Farchive.sqlite",
            "/static/..%2f..%2f..%2fetc%2fpasswd", "/static//etc/passwd", "//etc/passwd", "/../../../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd", "/recordings/..%2f..%2farchive.sqlite", "/recordings/1/transcripts/..%2f..%2farchive.sqlite",
            "/recordings/1/transcripts/%2fetc%2fpasswd", "/api/recordings/..%2f1/original", "/api/recordings/%2e%2e/original",
            "/api/recordings/1/../../archive.sqlite", "/api/recordings/%2fetc%2fpasswd/audio?start_ms=0&end_ms=100",
            "/sessions/..%2f..%2farchive.sqlite", "/speakers/%2e%2e", "/localities/../../etc/passwd",
            "/recordings/1?t=../../etc/passwd", "/api/search?q=..%2f..%2fetc%2fpasswd",
        ]
        for path in hostile {
            let answer = try get(server, path)
            XCTAssertTrue((400..<500).contains(answer.status) || answer.status == 200 && path.contains("?q="),
                          "\(path): \(answer.status)")
            XCTAssertFalse(answer.body.contains("SQLite format 3"), "\(path) served the database")
            XCTAssertFalse(answer.body.contains("root:x:0:0"), "\(path) served /etc/passwd")
        }
        // The same requests in their plain form still work.
        XCTAssertEqual(try get(server, "/static/style.css").status, 200)
        XCTAssertEqual(try get(server, "/recordings/1").status, 200)
    }
}
