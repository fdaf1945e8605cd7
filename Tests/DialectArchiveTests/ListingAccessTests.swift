import DialectArchive
import Foundation
import XCTest

/// `list recordings`, `list sessions` and `stats` ask as the archive's owner: restricted and
/// closed material is listed and counted only with `--include-restricted`, which the output
/// then says. In the sample mx-koutou (two recordings) is restricted; gz-yufa is made closed.
final class ListingAccessTests: XCTestCase {
    private func archive(_ name: String = #function) throws -> URL {
        let (_, url) = try SampleArchive.ingested(name)
        XCTAssertEqual(try TestSupport.cli(["access", "set", "gz-yufa", "closed"], archive: url).status, 0)
        return url
    }

    private func json(_ arguments: [String], _ url: URL) throws -> Any {
        let out = try TestSupport.cli(arguments + ["--json"], archive: url)
        XCTAssertEqual(out.status, 0, out.stderr)
        return try JSONSerialization.jsonObject(with: Data(out.stdout.utf8))
    }

    func testListRecordingsLeavesOutRestrictedAndClosedRecordingsUnlessIncludeRestricted() throws {
        let url = try archive()
        func files(_ extra: [String]) throws -> Set<String> {
            let rows = try json(["list", "recordings"] + extra, url) as! [[String: Any]]
            return Set(rows.map { ($0["recording"] as! [String: Any])["original_name"] as! String })
        }
        let withheld: Set = ["mx-lf-koutou-1.ogg", "mx-lf-koutou-2.opus", "gz-yf-yufa.ogg"]
        let shown = try files([])
        XCTAssertEqual(shown.count, 5)
        XCTAssertTrue(shown.isDisjoint(with: withheld), "\(shown)")
        XCTAssertEqual(try files(["--include-restricted"]), shown.union(withheld))
        let table = try TestSupport.cli(["list", "recordings"], archive: url)
        XCTAssertFalse(table.stdout.contains("koutou"), table.stdout)
        XCTAssertFalse(table.stdout.contains("gz-yf-yufa"), table.stdout)
        let everything = try TestSupport.cli(["list", "recordings", "--include-restricted"], archive: url)
        XCTAssertTrue(everything.stdout.contains("Includes restricted and closed material"), everything.stdout)
        XCTAssertTrue(everything.stdout.contains("gz-yf-yufa.ogg"), everything.stdout)
    }

    func testListSessionsLeavesOutRestrictedAndClosedSessionsUnlessIncludeRestricted() throws {
        let url = try archive()
        func ids(_ extra: [String]) throws -> [String] {
            (try json(["list", "sessions"] + extra, url) as! [[String: Any]]).map { $0["id"] as! String }
        }
        XCTAssertEqual(try ids([]), ["bj-cihui", "bj-danzi", "bj-huayu", "gz-cihui", "mx-cihui"])
        XCTAssertEqual(try ids(["--include-restricted"]), ["bj-cihui", "bj-danzi", "bj-huayu", "gz-cihui", "gz-yufa", "mx-cihui", "mx-koutou"])
        let table = try TestSupport.cli(["list", "sessions"], archive: url)
        XCTAssertFalse(table.stdout.contains("mx-koutou"), table.stdout)
        XCTAssertFalse(table.stdout.contains("gz-yufa"), table.stdout)
        let everything = try TestSupport.cli(["list", "sessions", "--include-restricted"], archive: url)
        XCTAssertTrue(everything.stdout.contains("Includes restricted and closed material"), everything.stdout)
        XCTAssertTrue(everything.stdout.contains("mx-koutou"), everything.stdout)
    }

    func testStatsCountRestrictedAndClosedMaterialOnlyWithIncludeRestricted() throws {
        let url = try archive()
        let open = try json(["stats"], url) as! [String: Any]
        let all = try json(["stats", "--include-restricted"], url) as! [String: Any]
        XCTAssertEqual(open["recordings"] as? Int, 5)
        XCTAssertEqual(all["recordings"] as? Int, 8)
        XCTAssertEqual(open["sessions"] as? Int, 5)
        XCTAssertEqual(all["sessions"] as? Int, 7)
        XCTAssertEqual(open["transcripts"] as? Int, 5)
        XCTAssertEqual(all["transcripts"] as? Int, 8)
        XCTAssertLessThan(open["segments"] as! Int, all["segments"] as! Int)
        XCTAssertEqual(open["speakers"] as? Int, all["speakers"] as? Int, "speakers are listed by id to anyone")
        func lines(_ stats: [String: Any], _ key: String) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: (stats[key] as! [[String: Any]]).map { ($0["label"] as! String, $0["recordings"] as! Int) })
        }
        XCTAssertNil(lines(open, "by_content_type")["口头文化"], "mx-koutou is the only oral-culture session")
        XCTAssertEqual(lines(all, "by_content_type")["口头文化"], 2)
        XCTAssertEqual(lines(open, "by_locality")["广州越秀 (gz)"], 1)
        let text = try TestSupport.cli(["stats"], archive: url).stdout
        XCTAssertTrue(text.hasPrefix("5 recordings"), text)
        XCTAssertFalse(text.contains("口头文化"), text)
        let everything = try TestSupport.cli(["stats", "--include-restricted"], archive: url).stdout
        XCTAssertTrue(everything.contains("Includes restricted and closed material"), everything)
        XCTAssertTrue(everything.contains("8 recordings"), everything)
    }
}
