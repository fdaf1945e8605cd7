@_spi(Benchmark) @testable import DialectArchive
import GRDB
import XCTest

/// Searches with filters, and for readers who may not see everything, give the same segments
/// on PostgreSQL as on SQLite once the archive's catalogue is in PostgreSQL: the conditions are
/// the same SQL on both, and the facets narrow the PostgreSQL index as they narrow FTS5.
final class PostgresFilteredSearchTests: XCTestCase {
    /// Every filter the search command takes, alone and together, by id, name and wider place.
    static let filterSets: [(String, SearchFilters)] = {
        func filters(_ set: (inout SearchFilters) -> Void) -> SearchFilters {
            var filters = SearchFilters()
            set(&filters)
            return filters
        }
        return [
            ("locality by id", filters { $0.locality = "gz" }),
            ("locality by name", filters { $0.locality = "北京东城" }),
            ("locality by province", filters { $0.locality = "广东省" }),
            ("dialect group", filters { $0.dialect = "客家话" }),
            ("dialect subgroup shared by two groups' localities", filters { $0.dialect = "粤台片" }),
            ("dialect cluster", filters { $0.dialect = "京师小片" }),
            ("speaker by id", filters { $0.speaker = "bj-ym" }),
            ("speaker by name", filters { $0.speaker = "罗文清" }),
            ("role", filters { $0.role = "老男" }),
            ("sex", filters { $0.sex = "女" }),
            ("born", filters { $0.born = 1940...1960 }),
            ("recorded", filters { $0.recorded = "2024-05-07"..."2024-05-10" }),
            ("content", filters { $0.content = "词汇" }),
            ("tier kind", filters { $0.tier = "ipa" }),
            ("collection", filters { $0.collection = "sample" }),
            ("no such locality", filters { $0.locality = "nowhere" }),
            ("dialect group and role", filters { $0.dialect = "官话"; $0.role = "青男" }),
            ("province, sex and content", filters { $0.locality = "广东省"; $0.sex = "f"; $0.content = "口头文化" }),
        ]
    }()

    func testFilteredSearchesAndTheirCountsAreTheSameOnBothDatabasesForEveryReader() throws {
        let address = try TestPostgres.freshDatabase()
        let (archive, _) = try SampleArchive.ingested("PostgresFilteredSearch", on: .sqlite)
        // Something withdrawn, so the withdrawal conditions apply too (mx-koutou is restricted).
        _ = try archive.withdraw("gz-yufa", reason: "consent withdrawn", confirmed: true)
        _ = try DatabaseMigration.copy(archive, to: address)
        let index = try PostgresSegmentIndex.open(address)
        defer { index.close() }

        let queries = try Self.queries(archive)
        let readers: [(String, Reader)] = [
            ("owner with restricted", .owner(includeRestricted: true)),
            ("owner", .owner(includeRestricted: false)),
            ("anonymous", .anonymous),
            ("researcher granted the sample", .account(AccountReader(name: "li", role: .researcher, collections: ["sample"]))),
            ("researcher granted another collection", .account(AccountReader(name: "wu", role: .researcher, collections: ["it's?"]))),
        ]
        var compared = 0, withHits = 0
        for (filterName, filters) in Self.filterSets {
            for (readerName, reader) in readers {
                for query in queries {
                    let parsed = try SearchQuery(query)
                    let sqlite = try archive.searchSegmentIDs(parsed, filters: filters, limit: 50, as: reader)
                    let postgres = try index.segmentIDs(parsed, filters: filters, reader: reader, limit: 50)
                    XCTAssertEqual(postgres, sqlite, "\(query), \(filterName), \(readerName)")
                    XCTAssertEqual(try index.count(parsed, filters: filters, reader: reader),
                                   try archive.countHits(parsed, filters: filters, as: reader), "count of \(query), \(filterName), \(readerName)")
                    XCTAssertEqual(try index.segmentIDs(parsed, filters: filters, reader: reader, limit: 2, offset: 1),
                                   try archive.searchSegmentIDs(parsed, filters: filters, limit: 2, offset: 1, as: reader),
                                   "second page of \(query), \(filterName), \(readerName)")
                    compared += 1
                    if !sqlite.isEmpty { withHits += 1 }
                }
            }
        }
        XCTAssertGreaterThan(withHits, compared / 5, "most comparisons must have hits to compare")
        XCTAssertLessThan(withHits, compared, "some filters must leave nothing")
    }

    func testWhatAReaderMayNotSeeIsLeftOutOnPostgreSQLAsOnSQLite() throws {
        let address = try TestPostgres.freshDatabase()
        let (archive, _) = try SampleArchive.ingested("PostgresReaderSearch", on: .sqlite)
        _ = try DatabaseMigration.copy(archive, to: address)
        let index = try PostgresSegmentIndex.open(address)
        defer { index.close() }
        // The restricted session's segments: found for the owner with restricted material only.
        let restricted = try archive.database!.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT s.id FROM segment s JOIN transcript t ON t.id = s.transcript_id WHERE t.session_id = 'mx-koutou' AND s.text != '' ORDER BY s.id
                """)
        }
        XCTAssertFalse(restricted.isEmpty)
        let text = try archive.database!.read { db in try String.fetchOne(db, sql: "SELECT text FROM segment WHERE id = ?", arguments: [restricted[0]]) }!
        let query = try SearchQuery(String(text.first { HanVariants.isHan($0.unicodeScalars.first!) }!))
        let everything = try index.segmentIDs(query, filters: SearchFilters(), reader: .owner(includeRestricted: true), limit: 1_000)
        let open = try index.segmentIDs(query, filters: SearchFilters(), reader: .anonymous, limit: 1_000)
        XCTAssertTrue(everything.contains(restricted[0]))
        XCTAssertFalse(open.contains(restricted[0]))
        XCTAssertEqual(open, try archive.searchSegmentIDs(query, limit: 1_000, as: .anonymous))
    }

    func testAFilteredSearchIsEstimatedToHaveTheShareOfItsTextsHitsThatHaveItsFacets() throws {
        let group = SearchFacets.token(.dialectGroup, "粤语"), role = SearchFacets.token(.role, "老女")
        let statistics = PostgresLexemeStatistics(rows: 10_000_000, frequencies: ["答": 0.001, group: 0.2, role: 0.25], unlisted: 0.00001)
        let query = try SearchQuery("答")
        XCTAssertEqual(statistics.estimatedHits(query), 10_000, accuracy: 0.001)
        XCTAssertEqual(statistics.estimatedHits(query, facets: [[(.dialectGroup, "粤语")], [(.role, "老女")]]), 500, accuracy: 0.001)
        XCTAssertEqual(statistics.estimatedHits(query, facets: [[(.dialectGroup, "粤语"), (.role, "老女")]]), 4_500, accuracy: 0.001,
                       "alternatives add up")
        XCTAssertEqual(PostgresSearchReading.partsAtOnce(hits: 500, rows: 10_000_000, wanted: 50), 4,
                       "25 filtered hits in a part: a branch asks four parts, not one")
    }

    func testPlaceholdersAreNumberedOutsideQuotedLiteralsOnly() {
        XCTAssertEqual(PostgresStoreDatabase.numbered("a = ? AND b IN ('what?', 'it''s?') AND c BETWEEN ? AND ?", from: 2),
                       "a = $2 AND b IN ('what?', 'it''s?') AND c BETWEEN $3 AND $4")
    }

    /// Characters of the sample's texts, commonest and rarest, two-character words, IPA
    /// syllables, an OR and an exclusion.
    static func queries(_ archive: Archive) throws -> [String] {
        let texts = try archive.database!.read { db in
            try Row.fetchAll(db, sql: "SELECT text, tier_kind FROM segment WHERE text != ''").map { ($0[0] as String, $0[1] as String?) }
        }
        var characters: [Character: Int] = [:]
        var words: [String: Int] = [:]
        var syllables: [String: Int] = [:]
        for (text, kind) in texts {
            let han = text.filter { $0.unicodeScalars.count == 1 && HanVariants.isHan($0.unicodeScalars.first!) }
            for character in han { characters[character, default: 0] += 1 }
            let letters = Array(text)
            for (a, b) in zip(letters, letters.dropFirst()) where han.contains(a) && han.contains(b) { words[String([a, b]), default: 0] += 1 }
            if kind == "ipa" {
                for word in text.split(whereSeparator: { $0.isWhitespace }) where word.count > 1 { syllables[String(word), default: 0] += 1 }
            }
        }
        func commonest<K: Comparable>(_ counts: [K: Int], _ n: Int) -> [K] {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(n).map(\.key)
        }
        let byCount = commonest(characters, characters.count)
        return commonest(characters, 8).map { String($0) } + byCount.suffix(3).map { String($0) } + commonest(words, 4)
            + commonest(syllables, 3).map { "\"\($0)\"" } + ["\(byCount[0]) OR \(byCount[5])", "\(byCount[1]) -\(byCount[2])"]
    }
}
