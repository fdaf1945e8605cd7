import DialectArchive
import Foundation
import XCTest

/// Clients from outside: a running server's explain and searchRetrieve answers validate against
/// the FCS 2.0 schemas and have the structure of the specification's examples, and sruthi (PyPI),
/// an SRU 1.2 client, pages through the same hits as the archive's own search
/// (scripts/fcs_client_test.py).
final class FCSClientTests: XCTestCase {
    let script = TestSupport.repository.appendingPathComponent("scripts/fcs_client_test.py").path
    /// The standards' own schemas and the specification's examples (see MANIFEST.tsv there).
    let schemas = TestSupport.repository.appendingPathComponent("Tests/DialectArchiveTests/Fixtures/schemas").path

    func testExplainAndSearchRetrieveValidateAgainstTheFCSSchemasAndFollowTheExamples() throws {
        let (_, archiveURL) = try SampleArchive.ingested(#function)
        let server = try WebServerProcess(archive: archiveURL, arguments: ["--base-url", "https://archive.example.org"])
        defer { server.stop() }
        let result = try TestSupport.run("python3", [script, "validate", server.address.absoluteString, schemas])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("12 responses, 2 endpoint descriptions"), result.stdout)
    }

    func testSruthiOverSRU12GetsTheSameHitsAsTheArchiveSearch() throws {
        let (_, archiveURL) = try SampleArchive.ingested(#function)
        let server = try WebServerProcess(archive: archiveURL)
        defer { server.stop() }
        let base = server.address.absoluteString
        for (cql, archiveQuery) in [("头 OR 光 OR 吃", "头 OR 光 OR 吃"), ("\"出去走走\"", "\"出去走走\""), ("tʰɐu* NOT 热", "tʰɐu* -热")] {
            let result = try TestSupport.run("python3", [script, "sruthi", base, cql])
            XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
            let json = try TestSupport.cli(["search", archiveQuery, "--json", "--limit", "1000"], archive: archiveURL).stdout
            let hits = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any])["hits"] as! [[String: Any]]
            let expected = hits.map { hit -> String in
                let id = (hit["recording_id"] as! NSNumber).int64Value
                let start = (hit["start_ms"] as! NSNumber).int64Value, end = (hit["end_ms"] as! NSNumber).int64Value
                return base + "/recordings/\(id)?t=" + String(format: "%d.%03d-%d.%03d", start / 1000, start % 1000, end / 1000, end % 1000)
            }
            XCTAssertGreaterThan(expected.count, 0, archiveQuery)
            XCTAssertEqual(result.stdout.split(separator: "\n").map(String.init), expected, cql)
        }
    }
}
