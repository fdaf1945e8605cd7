@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// PostgreSQL's search index follows the catalogue inside each write, as SQLite's triggers keep
/// FTS5: searches on both find the same segments after segments are added, changed and
/// deleted, and after the metadata their facets come from changes.
final class SearchOnBothDatabasesTests: XCTestCase {
    private func ids(_ text: String, _ filters: SearchFilters = SearchFilters(), in both: SampleOnBoth) throws -> [Int64] {
        let found = try both.both.map { try $0.archive.searchSegmentIDs(try SearchQuery(text), filters: filters, limit: 1000, as: .owner(includeRestricted: true)) }
        XCTAssertEqual(found[0], found[1], "\(text) \(filters)")
        XCTAssertEqual(try both.sqlite.countHits(try SearchQuery(text), filters: filters, as: .owner(includeRestricted: true)),
                       try both.postgres.countHits(try SearchQuery(text), filters: filters, as: .owner(includeRestricted: true)))
        return found[0]
    }

    private static func role(_ role: String) -> SearchFilters {
        var filters = SearchFilters()
        filters.role = role
        return filters
    }

    func testAddedChangedAndDeletedSegmentsAndChangedMetadataAreSearchedAlikeAtOnce() throws {
        let both = try SampleOnBoth()
        defer { both.database.close() }
        XCTAssertFalse(try ids("太阳", in: both).isEmpty)
        XCTAssertEqual(try ids("蟋蟀", in: both), [])
        // A speaker of the sample and one of the transcripts of that speaker's sessions.
        let (transcript, speaker, role) = try both.sqlite.store.read { db -> (Int64, String, String) in
            let row = try db.row("""
                SELECT t.id, sp.id, sp.role FROM transcript t JOIN session_participant p ON p.session_id = t.session_id
                JOIN speaker sp ON sp.id = p.speaker_id WHERE sp.role IS NOT NULL ORDER BY t.id, sp.id LIMIT 1
                """)!
            return (row[0], row[1], row[2])
        }
        let newRole = role == "青女" ? "老女" : "青女"
        var added: [Int64?] = []
        for (_, archive) in both.both {
            added.append(try archive.store.write { db in
                try db.insert(Segment(id: nil, transcriptId: transcript, recordingId: nil, tier: "汉字", tierIndex: 0, tierKind: "orthography",
                                      tierType: "interval", participant: nil, speakerId: speaker, startMs: 0, endMs: 900, text: "蟋蟀叫了"))
            })
        }
        XCTAssertEqual(added[0], added[1])
        XCTAssertEqual(try ids("蟋蟀", in: both), [added[0]!])
        XCTAssertEqual(try ids("蟋蟀", Self.role(role), in: both), [added[0]!])
        XCTAssertEqual(try ids("蟋蟀", Self.role(newRole), in: both), [])

        for (_, archive) in both.both {
            try archive.store.write { db in
                try db.execute("UPDATE speaker SET role = ? WHERE id = ?", [newRole, speaker])
                try db.execute("UPDATE segment SET text = ? WHERE id = ?", ["蟋蟀不叫", added[0]!])
            }
        }
        XCTAssertEqual(try ids("蟋蟀", Self.role(newRole), in: both), [added[0]!])
        XCTAssertEqual(try ids("蟋蟀", Self.role(role), in: both), [])
        XCTAssertEqual(try ids("不叫", in: both), [added[0]!])
        XCTAssertEqual(try ids("叫了", in: both), [])

        for (_, archive) in both.both {
            try archive.store.write { db in try db.execute("DELETE FROM segment WHERE id = ?", [added[0]!]) }
        }
        XCTAssertEqual(try ids("蟋蟀", in: both), [])
        XCTAssertEqual(try both.database.rows("SELECT count(*) FROM segment_search_pending")[0].decode(Int.self), 0)
    }

    /// Whole search pages (hits with their parallel tiers, totals, counts per place and every
    /// facet) are the same on both, for each order both offer, with filters, for each kind of reader.
    func testSearchPagesAndTheirCountsAreTheSameOnBoth() throws {
        let both = try SampleOnBoth()
        defer { both.database.close() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var dialect = SearchFilters()
        dialect.dialect = "粤语"
        var compared = 0, withHits = 0
        for text in ["太阳", "月", "日头", "a", "我 你", "太阳 OR 月亮"] {
            for filters in [SearchFilters(), dialect] {
                for order in [SearchOrder.archive, .place] {
                    for reader in [Reader.owner(includeRestricted: true), .owner(includeRestricted: false), .anonymous] {
                        for offset in [0, 3] {
                            let results = try both.both.map {
                                try $0.archive.search(try SearchQuery(text), filters: filters, order: order, limit: 5, offset: offset,
                                                      counts: .facets, as: reader)
                            }
                            XCTAssertEqual(String(decoding: try encoder.encode(results[0]), as: UTF8.self),
                                           String(decoding: try encoder.encode(results[1]), as: UTF8.self), "\(text) \(order) \(reader) \(offset)")
                            compared += 1
                            if !results[1].hits.isEmpty { withHits += 1 }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(withHits, compared / 4)
        let cache = SearchCache()
        for _ in 0..<2 {
            let cached = try both.postgres.search(try SearchQuery("月"), counts: .facets, cache: cache, as: .anonymous)
            let fresh = try both.sqlite.search(try SearchQuery("月"), counts: .facets, as: .anonymous)
            XCTAssertEqual(try encoder.encode(cached), try encoder.encode(fresh))
        }
    }
}
