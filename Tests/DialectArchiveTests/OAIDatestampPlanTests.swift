@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// An OAI-PMH list computes the datestamp of every session it counts: each of the lookups
/// behind one datestamp must go through an index, or a harvest of an archive of tens of
/// thousands of sessions reads whole tables once per session.
final class OAIDatestampPlanTests: XCTestCase {
    private func datestamps(_ kind: StoreKind) -> String {
        "SELECT s.id, \(OAIRecords.changedAt(kind)), \(OAIRecords.deleted) FROM session s WHERE \(OAIRecords.visible(kind))"
    }

    func testEveryLookupOfADatestampGoesThroughAnIndex() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        if TestDatabase.isPostgres {
            // PostgreSQL reads tables this small whole whatever their indexes; with reading a
            // table whole made its last resort, a table it still reads whole has no index for
            // the lookup.
            let plan = try archive.store.read { db in
                try db.execute("SET LOCAL enable_seqscan = off")
                return try db.values("EXPLAIN " + datestamps(.postgres), as: String.self)
            }
            let scans = plan.filter { $0.contains("Seq Scan") && !$0.contains("Seq Scan on session s") }
            XCTAssertEqual(scans, [], plan.joined(separator: "\n"))
            XCTAssertTrue(plan.contains { $0.contains("transcript_session") }, plan.joined(separator: "\n"))
            return
        }
        let plan = try archive.store.read { db in
            try db.rows("EXPLAIN QUERY PLAN \(datestamps(.sqlite))").map { $0["detail"] as String }
        }
        let scans = plan.filter { $0.hasPrefix("SCAN") && $0 != "SCAN s" && !$0.contains("VIRTUAL TABLE") }
        XCTAssertEqual(scans, [], plan.joined(separator: "\n"))
        XCTAssertTrue(plan.contains { $0.contains("transcript_session") }, plan.joined(separator: "\n"))
    }
}
