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
            ("dialect group and a role no speaker of it has", filters { $0.dialect = "粤语"; $0.role = "老男" }),
            ("dialect group, role and content", filters { $0.dialect = "客家话"; $0.role = "老女"; $0.content = "口头文化" }),
            ("dialect subgroup and role", filters { $0.dialect = "粤台片"; $0.role = "青女" }),
            ("speaker by name and dialect group", filters { $0.speaker = "李德顺"; $0.dialect = "官话" }),
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
        // A walk along the ids that ends in the middle of the archive, the rest through the index.
        let middle = try archive.database!.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) / 2 FROM segment") }!
        var compared = 0, withHits = 0
        for (filterName, filters) in Self.filterSets {
            for (readerName, reader) in readers {
                for query in queries {
                    let parsed = try SearchQuery(query)
                    let sqlite = try archive.searchSegmentIDs(parsed, filters: filters, limit: 50, as: reader)
                    let postgres = try index.segmentIDs(parsed, filters: filters, reader: reader, limit: 50)
                    XCTAssertEqual(postgres, sqlite, "\(query), \(filterName), \(readerName)")
                    let matching = try PostgresSearchMatching(parsed, filters: filters, reader: reader, index.database)
                    XCTAssertEqual(try index.segmentIDs(parsed, limit: 50, offset: 0, reading: .alongIds(end: middle), matching), sqlite,
                                   "\(query), \(filterName), \(readerName), walked along the ids")
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

    func testADialectGroupAndARoleAreAskedAsTheirPairsAndOtherFacetsAsTheyAre() {
        let content: [(SearchFacets.Facet, String)] = [(.content, "词汇")]
        let asked = PostgresFacetPairs.asked([[(.dialectGroup, "官话")], content, [(.role, "老男"), (.role, "")]])
        XCTAssertEqual(asked.map { $0.map { SearchFacets.token($0.0, $0.1) } }, [
            [SearchFacets.token(.roleAndDialectGroup, "老男/官话"), SearchFacets.token(.roleAndDialectGroup, "/官话")],
            [SearchFacets.token(.content, "词汇")],
        ])
        let subgroup: [[(SearchFacets.Facet, String)]] = [[(.locality, "gz"), (.locality, "mx")], [(.role, "青女")]]
        XCTAssertEqual(PostgresFacetPairs.asked(subgroup).count, 2, "a dialect subgroup's localities are asked as they are")
        XCTAssertEqual(PostgresFacetPairs.asked([[(.dialectGroup, "官话")]]).count, 1)
        XCTAssertEqual(PostgresFacetPairs.asked([[(.dialectGroup, "官话")]])[0][0].0, .dialectGroup, "a dialect group alone is asked as it is")
    }

    func testEverySegmentHasThePairOfItsRoleAndDialectGroupWithoutAPosition() {
        let facets = [SearchFacets.token(.locality, "bj"), SearchFacets.token(.dialectGroup, "官 话"), SearchFacets.token(.role, "老男")]
        let entry = PostgresSearchTokens.entry(text: "太阳", facets: facets.joined(separator: " "))
        let pair = SearchFacets.token(.roleAndDialectGroup, "老男/官_话")
        XCTAssertTrue(entry.vector.contains("'\(pair)' "), "the pair, and no position after it: \(entry.vector)")
        XCTAssertEqual(entry.size, 5, "the pair is not a token FTS5 counts")
        XCTAssertFalse(PostgresSearchTokens.entry(text: "太阳", facets: facets[0]).vector.contains(SearchFacets.token(.roleAndDialectGroup, "")),
                       "no role or dialect group, no pair")
    }

    func testAnIndexWrittenBeforeThePairsFindsTheSameFilteredSegmentsOnceMigrated() throws {
        let address = try TestPostgres.freshDatabase()
        let (archive, _) = try SampleArchive.ingested("PostgresFacetPairsMigration", on: .sqlite)
        _ = try DatabaseMigration.copy(archive, to: address)
        let database = try PostgresDatabase.connect(try PostgresAddress(address))
        defer { database.close() }
        func vectors() throws -> String {
            try database.rows("SELECT string_agg(id || ' ' || tokens::text, ' ; ' ORDER BY id) FROM segment_search")[0].decode(String.self)
        }
        let written = try vectors()
        XCTAssertTrue(written.contains(SearchFacets.token(.roleAndDialectGroup, "青女/粤语")))
        // The index as a release before the pairs wrote it.
        try database.execute("""
            UPDATE segment_search SET tokens = ts_delete(tokens, ARRAY(SELECT lexeme FROM unnest(tokens) WHERE left(lexeme, 2) = chr(64976) || 'x'))
            """)
        try database.execute("DELETE FROM schema_migrations WHERE name = 'v11 role and dialect group pairs'")
        XCTAssertFalse(try vectors().contains(SearchFacets.token(.roleAndDialectGroup, "")))

        try PostgresSchema.migrate(database)
        XCTAssertEqual(try vectors(), written,
                       "the migration writes each segment's pairs as the index writes them")
        let index = PostgresSegmentIndex(database: database)
        let filterSets = Self.filterSets.filter { $0.1.dialect != nil || $0.1.role != nil }
        var withHits = 0
        for (filterName, filters) in filterSets {
            for query in try Self.queries(archive) {
                let parsed = try SearchQuery(query)
                let sqlite = try archive.searchSegmentIDs(parsed, filters: filters, limit: 50, as: .owner(includeRestricted: true))
                XCTAssertEqual(try index.segmentIDs(parsed, filters: filters, limit: 50), sqlite, "\(query), \(filterName)")
                if !sqlite.isEmpty { withHits += 1 }
            }
        }
        XCTAssertGreaterThan(withHits, 10)
    }

    func testOnlyFiltersThatFacetsStandForLetTheIndexEstimateTheHits() throws {
        func decide(_ set: (inout SearchFilters) -> Void, localities: Int = 1) throws -> Bool {
            var filters = SearchFilters()
            set(&filters)
            return try SearchFilterConditions(filters) { sql, _ in
                sql.contains("LIMIT 1") ? ["gz"] : sql.contains("IS DISTINCT FROM") ? [] : (0..<localities).map { "L\($0)" }
            }.facetsDecide
        }
        XCTAssertTrue(try decide { _ in })
        XCTAssertTrue(try decide { $0.dialect = "粤语"; $0.role = "老女" })
        XCTAssertTrue(try decide { $0.locality = "广东省"; $0.content = "词汇"; $0.tier = "ipa" })
        XCTAssertFalse(try decide({ $0.locality = "广东省" }, localities: SearchFilterConditions.facetAlternatives + 1),
                       "a place of more localities than the facets ask for")
        XCTAssertFalse(try decide { $0.tier = "汉字" }, "a tier by its name")
        XCTAssertFalse(try decide { $0.speaker = "bj-lm" }, "a speaker's role is shared by other speakers")
        XCTAssertFalse(try decide { $0.role = "老男"; $0.born = 1940...1960 })
        XCTAssertFalse(try decide { $0.sex = "女" })
        XCTAssertFalse(try decide { $0.recorded = "2024-05-07"..."2024-05-10" })
        XCTAssertFalse(try decide { $0.collection = "sample" })
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
