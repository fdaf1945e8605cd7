import DialectArchive
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
}
