@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// The bundled sample collection ingested into a fresh archive, as most archivist tests start
/// (mx-koutou is a restricted session).
enum SampleArchive {
    /// The sample ingested into an archive on this run's database (`TestDatabase`), or on the one given.
    static func ingested(_ name: String, on database: DatabaseChoice? = nil) throws -> (Archive, URL) {
        let url = try TestSupport.scratchFolder(name).appendingPathComponent("archive")
        let archive = try database.map { try Archive.create(at: url, database: $0) } ?? TestArchive.create(at: url, name)
        let repo = TestSupport.repository
        let report = try archive.ingest(IngestRequest(paths: [repo.appendingPathComponent("recordings"), repo.appendingPathComponent("transcripts")]))
        XCTAssertEqual(report.failed, [])
        return (archive, url)
    }

    /// Makes an ingested sample larger: its segments repeated `times` times more, later in the
    /// same recordings, so that copying its database takes seconds.
    static func repeatSegments(in archive: Archive, times: Int) throws {
        try archive.database!.write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO segment (transcript_id, recording_id, tier, tier_index, tier_kind, tier_type, participant, speaker_id,
                                     start_ms, end_ms, text, item_number)
                SELECT transcript_id, recording_id, tier, tier_index, tier_kind, tier_type, participant, speaker_id,
                       start_ms + i * 100000, end_ms + i * 100000, text, item_number FROM segment, n
                """, arguments: [times])
        }
    }

    /// Gives an ingested sample every kind of event a record's provenance carries: gz-cihui's
    /// access opened, a change set of `speaker`'s occupation, a corrected gz-yf-cihui.eaf (its
    /// second revision) and a verify.
    static func addHistory(to archive: Archive, _ name: String, speaker: String, occupation: (before: String, after: String)) throws {
        try archive.setAccess(.session("gz-cihui"), AccessCondition(level: .open, until: nil, reason: "consent form checked"))
        var edit = AuditEvent(kind: "edit", summary: "edit \(speaker)", details: [:])
        try archive.store.write { db in
            _ = try edit.append(db, changeSets: [ChangeSet(recordKind: .speaker, recordId: speaker, action: .changed, source: "edit",
                                                           fields: [.init(field: "occupation", before: occupation.before, after: occupation.after)])])
        }
        let folder = try TestSupport.scratchFolder(name + "-corrected")
        let original = try String(contentsOf: TestSupport.repository.appendingPathComponent("transcripts/gz-yf-cihui.eaf"), encoding: .utf8)
        try original.replacingOccurrences(of: "0002 月光", with: "0002 月亮光")
            .write(to: folder.appendingPathComponent("gz-yf-cihui.eaf"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [folder])).revisions.count, 1)
        XCTAssertTrue(try archive.verify().intact)
    }
}
