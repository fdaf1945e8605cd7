@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// Filters narrow searches inside the index (facet tokens); they must stay exact when the
/// metadata behind them changes after ingest, and the index must stay in step with the archive.
final class SearchFacetTests: XCTestCase {
    private func sampleArchive(_ name: String) throws -> (Archive, URL) {
        let folder = try TestSupport.scratchFolder(name)
        let archive = try TestArchive.create(at: folder.appendingPathComponent("archive"))
        let repo = TestSupport.repository
        let report = try archive.ingest(IngestRequest(paths: [repo.appendingPathComponent("recordings"), repo.appendingPathComponent("transcripts")]))
        XCTAssertEqual(report.failed, [])
        return (archive, folder)
    }

    private func count(_ archive: Archive, _ query: String, _ configure: (inout SearchFilters) -> Void) throws -> Int {
        var filters = SearchFilters()
        configure(&filters)
        return try archive.search(try SearchQuery(query), filters: filters, limit: 1000, includeRestricted: true).total
    }

    /// Whether every row of the index matches the text and facets of its segment. On SQLite,
    /// FTS5's own check; on PostgreSQL, each segment with facets has the entry its text and
    /// facets make (`PostgresSearchTokens.entry`), no other row is in the index, and the totals
    /// relevance order reads count the index's rows and tokens.
    private func assertIndexInStep(_ archive: Archive, file: StaticString = #filePath, line: UInt = #line) {
        guard TestDatabase.isPostgres else {
            XCTAssertNoThrow(try archive.store.write { db in
                try db.execute("INSERT INTO segment_fts(segment_fts, rank) VALUES ('integrity-check', 1)")
            }, file: file, line: line)
            return
        }
        XCTAssertNoThrow(try archive.store.read { db in
            let segments = try db.rows("SELECT id, text, facets FROM segment WHERE facets IS NOT NULL ORDER BY id")
            var wrong: [String] = []
            for segment in segments {
                let (id, text, facets): (Int64, String, String) = (segment[0], segment[1], segment[2])
                let entry = PostgresSearchTokens.entry(text: text, facets: facets)
                let indexed = try db.row("SELECT tokens = CAST(? AS tsvector), size FROM segment_search WHERE id = ?", [entry.vector, id])
                if indexed.map({ ($0[0] as Bool) && ($0[1] as Int) == entry.size }) != true { wrong.append("segment \(id): \(text)") }
            }
            XCTAssertEqual(wrong, [], "segments whose index entry is missing or not their text and facets", file: file, line: line)
            XCTAssertEqual(try db.value("SELECT count(*) FROM segment_search", as: Int.self), segments.count,
                           "only segments with facets are indexed", file: file, line: line)
            let totals = try XCTUnwrap(try db.row("""
                SELECT t.segments = (SELECT count(*) FROM segment_search), t.tokens = (SELECT coalesce(sum(size), 0) FROM segment_search)
                FROM segment_search_totals t
                """))
            XCTAssertEqual([totals[0], totals[1]] as [Bool], [true, true], "the totals count the index", file: file, line: line)
        }, file: file, line: line)
    }

    func testFiltersFollowMetadataChangedAfterIngest() throws {
        let (archive, folder) = try sampleArchive("facets-metadata")
        XCTAssertEqual(try count(archive, "月") { $0.dialect = "粤语" }, 1)
        XCTAssertEqual(try count(archive, "月") { $0.role = "青女" }, 1)
        XCTAssertEqual(try count(archive, "月") { $0.content = "词汇" }, 3)

        // The archivist reclassifies Guangzhou, corrects the speaker's role and the session's content type.
        let metadata = folder.appendingPathComponent("corrected")
        try FileManager.default.createDirectory(at: metadata, withIntermediateDirectories: true)
        let recordings = TestSupport.repository.appendingPathComponent("recordings")
        let localities = try String(contentsOf: recordings.appendingPathComponent("localities.csv"), encoding: .utf8)
            .replacingOccurrences(of: "越秀区,440104,23.1291,113.2668,粤语,广府片", with: "越秀区,440104,23.1291,113.2668,平话,桂南片")
        let speakers = try String(contentsOf: recordings.appendingPathComponent("speakers.csv"), encoding: .utf8)
            .replacingOccurrences(of: "gz-yf,陈嘉欣,女,1994,青女", with: "gz-yf,陈嘉欣,女,1994,老女")
        let sessions = try String(contentsOf: recordings.appendingPathComponent("sessions.csv"), encoding: .utf8)
            .replacingOccurrences(of: "gz-cihui,广州越秀 词汇（青女）,2024-05-10,gz,gz-yf,黄慧敏,词汇", with: "gz-cihui,广州越秀 词汇（青女）,2024-05-10,gz,gz-yf,黄慧敏,话语")
        try localities.write(to: metadata.appendingPathComponent("localities.csv"), atomically: true, encoding: .utf8)
        try speakers.write(to: metadata.appendingPathComponent("speakers.csv"), atomically: true, encoding: .utf8)
        try sessions.write(to: metadata.appendingPathComponent("sessions.csv"), atomically: true, encoding: .utf8)
        let report = try archive.ingest(IngestRequest(paths: [recordings], metadata: metadata))
        XCTAssertEqual(report.failed, [])

        XCTAssertEqual(try count(archive, "月") { $0.dialect = "粤语" }, 0)
        XCTAssertEqual(try count(archive, "月") { $0.dialect = "平话" }, 1)
        XCTAssertEqual(try count(archive, "月") { $0.role = "青女" }, 0)
        XCTAssertEqual(try count(archive, "月") { $0.role = "老女" }, 3)
        XCTAssertEqual(try count(archive, "月") { $0.content = "词汇" }, 2)
        XCTAssertEqual(try count(archive, "月") { $0.content = "话语" }, 1)
        assertIndexInStep(archive)
    }

    func testIndexStaysInStepThroughEditsAndDeletions() throws {
        let (archive, _) = try sampleArchive("facets-edits")
        try archive.store.write { db in
            try db.execute("UPDATE segment SET text = '月亮出来了' WHERE id = (SELECT min(id) FROM segment WHERE text LIKE '%月光%')")
            try db.execute("UPDATE segment SET tier_kind = 'other' WHERE tier_kind = 'ipa' AND transcript_id = (SELECT min(id) FROM transcript)")
            try db.execute("""
                DELETE FROM transcript WHERE id = (SELECT max(id) FROM transcript
                    WHERE id NOT IN (SELECT transcript_id FROM segment WHERE text = '月亮出来了'))
                """)
        }
        XCTAssertEqual(try archive.search(try SearchQuery("出来"), limit: 10, includeRestricted: true).hits.map(\.text), ["月亮出来了"])
        assertIndexInStep(archive)
    }

    func testTierFilterIsAKindOrElseATierName() throws {
        let (archive, _) = try sampleArchive("facets-tiers")
        // The sample's IPA tiers are named IPA, IPA@bj-lm, …: "ipa" is the kind, "IPA@bj-lm" one tier.
        XCTAssertEqual(try count(archive, "nin") { $0.tier = "ipa" }, try count(archive, "nin") { $0.tier = "IPA" })
        let ipa = try count(archive, "nin") { $0.tier = "ipa" }
        let oneTier = try count(archive, "nin") { $0.tier = "IPA@bj-lm" }
        XCTAssertGreaterThan(oneTier, 0)
        XCTAssertLessThan(oneTier, ipa)
        XCTAssertEqual(try count(archive, "nin") { $0.tier = "汉字" }, 0)
        XCTAssertEqual(try count(archive, "nin") { $0.tier = "no such tier" }, 0)
    }

    func testAFilterNothingMeetsFindsNothing() throws {
        let (archive, _) = try sampleArchive("facets-nothing")
        XCTAssertEqual(try count(archive, "月") { $0.dialect = "闽语" }, 0)
        XCTAssertEqual(try count(archive, "月") { $0.locality = "nowhere" }, 0)
        XCTAssertEqual(try count(archive, "月") { $0.speaker = "nobody" }, 0)
    }

    func testTypedFacetMarkersAreNotSearchable() throws {
        let (archive, _) = try sampleArchive("facets-typed")
        let marker = String(SearchFacets.marker)
        let hits = try archive.search(try SearchQuery(marker + "月"), limit: 10, includeRestricted: true)
        XCTAssertEqual(hits.total, try archive.search(try SearchQuery("月"), limit: 10, includeRestricted: true).total)
        XCTAssertEqual(try archive.search(try SearchQuery(marker + "lgz"), limit: 10, includeRestricted: true).total, 0)
    }

    func testAnArchiveFromBeforeFacetsIsMigrated() throws {
        try TestDatabase.requireSQLite("an archive's SQLite file as version 7 wrote it, before facets were indexed")
        let folder = try TestSupport.scratchFolder("facets-migration")
        let url = folder.appendingPathComponent("archive")
        do {
            let archive = try TestArchive.create(at: url)
            let repo = TestSupport.repository
            _ = try archive.ingest(IngestRequest(paths: [repo.appendingPathComponent("recordings"), repo.appendingPathComponent("transcripts")]))
        }
        // Back to the archive as version 7 wrote it: one indexed column, GRDB's triggers.
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.add(tokenizer: DialectTokenizer.self) }
        let queue = try DatabaseQueue(path: url.appendingPathComponent(Archive.databaseName).path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: """
                DROP TRIGGER segment_facets_new; DROP TRIGGER segment_facets_changed; DROP TRIGGER segment_index_update;
                DROP TRIGGER segment_index_delete; DROP TRIGGER session_facets; DROP TRIGGER locality_facets;
                DROP TRIGGER transcript_facets; DROP TRIGGER speaker_facets;
                DROP TABLE segment_fts; DROP VIEW segment_search; DROP INDEX session_restricted; DROP INDEX recording_restricted;
                ALTER TABLE segment DROP COLUMN facets;
                DELETE FROM grdb_migrations WHERE identifier = 'v8 search facets';
                """)
            try db.create(virtualTable: "segment_fts", using: FTS5()) { t in
                t.synchronize(withTable: "segment")
                t.tokenizer = DialectTokenizer.tokenizerDescriptor()
                t.column("text")
            }
        }
        try queue.close()
        let archive = try Archive.open(at: url)
        XCTAssertEqual(try count(archive, "月") { $0.dialect = "客家话"; $0.role = "老女" }, 2)
        assertIndexInStep(archive)
    }
}
