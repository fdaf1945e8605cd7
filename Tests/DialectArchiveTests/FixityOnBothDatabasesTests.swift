@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// `verify` and the audit trail's check answer the same on SQLite and on PostgreSQL.
final class FixityOnBothDatabasesTests: XCTestCase {
    func testVerifyFindsTheSameAlteredFileOnBothAndStampsTheIntactOnesInEach() throws {
        let both = try SampleOnBoth()
        defer { both.database.close() }
        let altered = try both.sqlite.store.read { db in
            try db.value("SELECT stored_path FROM transcript ORDER BY id LIMIT 1", as: String.self)!
        }
        let file = both.sqlite.absolute(altered)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: file)
        let reports = try both.both.map { try $0.archive.verify() }
        for (index, report) in reports.enumerated() {
            let label = both.both[index].label
            XCTAssertGreaterThan(report.checked, 10, label)
            XCTAssertEqual(report.altered.map(\.path), [altered], label)
            XCTAssertEqual(report.missing.map(\.path), [], label)
            XCTAssertEqual(report.unexpected, [], label)
            XCTAssertTrue(report.auditTrail.unbroken, label)
        }
        XCTAssertEqual(reports[0].checked, reports[1].checked)
        XCTAssertEqual(reports[0].bytes, reports[1].bytes)
        XCTAssertEqual(reports[0].altered, reports[1].altered)
        for (label, archive) in both.both {
            let (stamped, unstamped) = try archive.store.read { db in
                (try db.value("SELECT count(*) FROM recording WHERE verified_at IS NOT NULL", as: Int.self)!,
                 try db.values("SELECT stored_path FROM transcript WHERE verified_at IS NULL", as: String.self))
            }
            XCTAssertGreaterThan(stamped, 0, label)
            XCTAssertEqual(unstamped, [altered], label)
            let last = try archive.events().last!
            XCTAssertEqual(last.kind, "verify", label)
            XCTAssertTrue(last.summary.hasPrefix("verify: 0 missing, 1 altered"), "\(label): \(last.summary)")
        }
        XCTAssertEqual(try PostgresAuditChain.check(both.database).breaks, [])
    }

    func testAnEventAlteredInTheDatabaseBreaksTheChainAtTheSameEventOnBoth() throws {
        let both = try SampleOnBoth()
        defer { both.database.close() }
        for (_, archive) in both.both {
            XCTAssertTrue(try archive.checkAuditTrail().unbroken)
            try archive.store.write { db in
                _ = try db.execute("UPDATE event SET summary = summary || ' (and more)' WHERE id = (SELECT min(id) + 1 FROM event)")
            }
        }
        let reports = try both.both.map { try $0.archive.checkAuditTrail() }
        XCTAssertNotNil(reports[0].firstBreak)
        XCTAssertEqual(reports[0], reports[1])
        XCTAssertTrue(reports[1].firstBreak?.reason.contains("no longer matches its hash") ?? false, "\(reports[1])")
    }
}
