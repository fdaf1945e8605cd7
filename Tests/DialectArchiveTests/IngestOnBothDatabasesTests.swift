@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// The metadata and transcripts of a field trip ingested into an archive on SQLite and into one
/// on PostgreSQL are stored alike: the same localities, speakers and sessions with their change
/// sets, the same transcript files and segments, found by the same searches.
final class IngestOnBothDatabasesTests: XCTestCase {
    func testMetadataAndTranscriptsIngestTheSameIntoBothDatabases() throws {
        let empty = try EmptyOnBoth()
        let (sqlite, postgres, database) = (empty.sqlite, empty.postgres, empty.database)
        defer { database.close() }
        let repo = TestSupport.repository
        let metadata = ["localities.csv", "speakers.csv", "sessions.csv"].map { repo.appendingPathComponent("recordings").appendingPathComponent($0) }
        let request = IngestRequest(paths: metadata + [repo.appendingPathComponent("transcripts")])
        let reports = try [sqlite, postgres].map { try $0.ingest(request) }
        XCTAssertEqual(reports[0].failed, [])
        XCTAssertEqual(reports[0].outcomes.map(\.status), reports[1].outcomes.map(\.status))
        XCTAssertEqual(reports[0].metadataRows, reports[1].metadataRows)
        XCTAssertEqual(reports[0].metadataChanges.count, reports[1].metadataChanges.count)
        XCTAssertGreaterThan(reports[0].metadataChanges.count, 5)

        let stored = try [sqlite, postgres].map { archive in
            try archive.store.read { db in
                (try db.records(Locality.self, "SELECT * FROM locality ORDER BY id"),
                 try db.records(Speaker.self, "SELECT * FROM speaker ORDER BY id"),
                 try db.records(Session.self, "SELECT * FROM session ORDER BY id"),
                 try db.values("SELECT session_id || ' ' || coalesce(speaker_id, '') || ' ' || role FROM session_participant ORDER BY 1", as: String.self),
                 try db.records(TranscriptFile.self, "SELECT * FROM transcript ORDER BY id").map { [$0.originalName, $0.sha256, $0.sessionId, "\($0.segmentCount)"] },
                 try db.values("SELECT tier || ' ' || start_ms || ' ' || text || ' ' || coalesce(speaker_id, '') || ' ' || tier_kind FROM segment ORDER BY id", as: String.self))
            }
        }
        XCTAssertEqual(stored[0].0, stored[1].0)
        XCTAssertEqual(stored[0].1, stored[1].1)
        XCTAssertEqual(stored[0].2, stored[1].2)
        XCTAssertEqual(stored[0].3, stored[1].3)
        XCTAssertEqual(stored[0].4, stored[1].4)
        XCTAssertEqual(stored[0].5, stored[1].5)
        XCTAssertGreaterThan(stored[1].5.count, 50)
        for text in ["太阳", "月光", "日头"] {
            XCTAssertEqual(try sqlite.searchSegmentIDs(try SearchQuery(text), as: .owner(includeRestricted: true)),
                           try postgres.searchSegmentIDs(try SearchQuery(text), as: .owner(includeRestricted: true)), text)
        }
        let events = try [sqlite, postgres].map { try $0.events().filter { $0.kind != "init" }.map { "\($0.kind): \($0.summary)" } }
        XCTAssertEqual(events[0], events[1])
        XCTAssertEqual(events[1].map { $0.prefix(8) }, ["metadata", "ingest: "])
        XCTAssertEqual(try PostgresAuditChain.check(database).breaks, [])
    }
}
