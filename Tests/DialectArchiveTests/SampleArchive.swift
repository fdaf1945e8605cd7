@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// The bundled sample collection ingested into a fresh archive, as most archivist tests start
/// (mx-koutou is a restricted session).
enum SampleArchive {
    static func ingested(_ name: String) throws -> (Archive, URL) {
        let url = try TestSupport.scratchFolder(name).appendingPathComponent("archive")
        let archive = try Archive.create(at: url)
        let repo = TestSupport.repository
        let report = try archive.ingest(IngestRequest(paths: [repo.appendingPathComponent("recordings"), repo.appendingPathComponent("transcripts")]))
        XCTAssertEqual(report.failed, [])
        return (archive, url)
    }

    /// Gives an ingested sample every kind of event a record's provenance carries: gz-cihui's
    /// access opened, a change set of `speaker`'s occupation, a corrected gz-yf-cihui.eaf (its
    /// second revision) and a verify.
    static func addHistory(to archive: Archive, _ name: String, speaker: String, occupation: (before: String, after: String)) throws {
        try archive.setAccess(.session("gz-cihui"), AccessCondition(level: .open, until: nil, reason: "consent form checked"))
        var edit = AuditEvent(kind: "edit", summary: "edit \(speaker)", details: [:])
        try archive.database!.write { db in
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
