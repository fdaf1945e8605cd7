@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// An OAI-PMH list computes the datestamp of every session it counts: each of the lookups
/// behind one datestamp must go through an index, or a harvest of an archive of tens of
/// thousands of sessions reads whole tables once per session.
final class OAIDatestampPlanTests: XCTestCase {
    func testEveryLookupOfADatestampGoesThroughAnIndex() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let plan = try archive.database!.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT s.id, \(OAIRecords.changedAt(.sqlite)), \(OAIRecords.deleted) FROM session s WHERE \(OAIRecords.visible(.sqlite))")
                .map { $0["detail"] as String }
        }
        let scans = plan.filter { $0.hasPrefix("SCAN") && $0 != "SCAN s" && !$0.contains("VIRTUAL TABLE") }
        XCTAssertEqual(scans, [], plan.joined(separator: "\n"))
        XCTAssertTrue(plan.contains { $0.contains("transcript_session") }, plan.joined(separator: "\n"))
    }
}
