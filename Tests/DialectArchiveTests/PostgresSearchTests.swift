@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// PostgreSQL's segment index finds exactly what SQLite's FTS5 index finds: the same segments
/// in the same order for every kind of query, because both are fed the archive's own tokens.
final class PostgresSearchTests: XCTestCase {
    /// Texts that exercise every rule of the tokenizer: traditional and simplified characters,
    /// punctuation inside a phrase, IPA with tone letters, superscripts and digits, Latin with
    /// diacritics and case, quotes and backslashes, repeated and reversed characters.
    static let texts = [
        "太阳出来了", "太陽出來了", "太，阳", "今天太阳很大 tʰai⁵¹iaŋ³⁵", "tʰai51 iaŋ35", "Café ã tɕi⁵³",
        "他說話很慢 tɕi˥˧", "tɕi53 tɕia tɕin tɕi²¹", "Ã ŋ̍ Café", "ȵiat⁵ koŋ⁴⁴", "月亮光光", "日头 热头", "出去走走",
        "It's 'quoted' \\ back", "O'Brien 说", "太阳太阳太阳", "阳太", "月 亮", "月亮", "我 tɕi˥˧ 說", "tɕi˨˩", "光头",
        "走走出去", "出去。走走", "ŋ", "2024 年", "太阳tʰai",
    ]

    static let queries = [
        "太阳", "太陽", "阳太", "\"太，阳\"", "太 阳", "太阳 OR 月亮", "太阳 -出来", "tɕi", "tɕi53", "tɕi˥˧", "tɕi⁵³", "tɕ*", "tɕi*",
        "\"tʰai iaŋ\"", "tʰai⁵¹iaŋ³⁵", "cafe", "CAFÉ", "說 tɕi", "月亮光", "光*", "O'Brien", "'quoted'", "出去走走", "走走",
        "光 OR 头", "ŋ", "2024", "太阳tʰai", "太*", "月亮 -光", "出去 OR 走走 -走出", "\"出去 走走\"", "太阳太阳", "iaŋ35 OR koŋ",
    ]

    func testEveryKindOfQueryFindsTheSameSegmentsAsFTS5() throws {
        let index = try PostgresSegmentIndex.open(try TestPostgres.freshDatabase())
        defer { index.close() }
        let sqlite = try Self.fts5(Self.texts.enumerated().map { (Int64($0.offset + 1), $0.element) })
        try index.add(Self.texts.enumerated().map { SegmentSearchRow(id: Int64($0.offset + 1), text: $0.element, facets: nil) })
        var found = 0
        for text in Self.queries {
            let query = try SearchQuery(text)
            let expected = try sqlite.read { db in
                try Int64.fetchAll(db, sql: "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", arguments: [query.ftsExpression])
            }
            for reading in [PostgresSegmentIndex.Reading.throughIndex, .alongIds(end: 1_000), .alongIds(end: 12)] {
                XCTAssertEqual(try index.segmentIDs(query, limit: 1000, offset: 0, reading: reading), expected,
                               "\(text) read \(reading): tsquery \(PostgresSearchTokens.query(query)) finds other rows than \(query.ftsExpression)")
            }
            XCTAssertEqual(try index.segmentIDs(query, limit: 2, offset: 1), Array(expected.dropFirst().prefix(2)), text)
            XCTAssertEqual(try index.count(query), expected.count, text)
            found += expected.isEmpty ? 0 : 1
        }
        XCTAssertGreaterThan(found, Self.queries.count - 3, "most queries should find something, or the comparison proves little")
    }

    /// An FTS5 table `t` of these rows, cut by the archive's tokenizer.
    static func fts5(_ rows: [(Int64, String)]) throws -> DatabaseQueue {
        let sqlite = try DatabaseQueue()
        try sqlite.write { db in
            db.add(tokenizer: DialectTokenizer.self)
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='\(DialectTokenizer.name)')")
            for (id, text) in rows { try db.execute(sql: "INSERT INTO t(rowid, text) VALUES (?, ?)", arguments: [id, text]) }
        }
        return sqlite
    }

    func testThePhraseOfTwoCharactersIsAskedAsItsBigramAndAPrefixTermNeverIs() throws {
        let marker = PostgresSearchTokens.bigramMarker
        XCTAssertEqual(PostgresSearchTokens.query(try SearchQuery("太阳")), "'\(marker)太阳'")
        XCTAssertEqual(PostgresSearchTokens.query(try SearchQuery("出去走走")), "('\(marker)出去' <-> '\(marker)去走' <-> '\(marker)走走')")
        XCTAssertEqual(PostgresSearchTokens.query(try SearchQuery("太阳*")), "('太' <-> '阳':*)")
        XCTAssertEqual(PostgresSearchTokens.query(try SearchQuery("\"太，阳\"")), "('太' <-> '\(PostgresSearchTokens.separator)' <-> '阳')")
        XCTAssertEqual(PostgresSearchTokens.query(try SearchQuery("O'Brien -x")), "(('o' <-> '\(PostgresSearchTokens.separator)' <-> 'brien')) & !'x'")
    }

    func testTheSampleArchiveAnswersTheSameOnBothIndexes() throws {
        let (archive, _) = try SampleArchive.ingested(#function, on: .sqlite)
        let index = try PostgresSegmentIndex.open(try TestPostgres.freshDatabase())
        defer { index.close() }
        let loaded = try index.load(from: archive)
        XCTAssertGreaterThan(loaded, 50)
        XCTAssertGreaterThan(try index.statisticsRows(), 50, "the load leaves the planner's statistics current")
        for text in ["月光", "太阳", "月亮", "月", "光 OR 头", "說 tɕi", "秀才", "热头 OR 日头", "出来", "云 -风", "tʰ*", "ŋ"] {
            let query = try SearchQuery(text)
            XCTAssertEqual(try index.segmentIDs(query, limit: 5000), try archive.searchSegmentIDs(query, limit: 5000, includeRestricted: true), text)
            XCTAssertEqual(try index.count(query), try archive.countHits(query, includeRestricted: true), text)
        }
        XCTAssertEqual(try index.load(from: archive), loaded, "loading again replaces the entries")
        XCTAssertEqual(try index.segmentIDs(try SearchQuery("月光"), limit: 5000),
                       try archive.searchSegmentIDs(try SearchQuery("月光"), limit: 5000, includeRestricted: true))
    }

    func testSegmentsInSeveralPartsOfTheIndexAreFoundInIdOrderByEveryReading() throws {
        let index = try PostgresSegmentIndex.open(try TestPostgres.freshDatabase())
        defer { index.close() }
        let part = PostgresSchema.idsPerPart
        let ids: [Int64] = [3, part - 1, part, part + 7, 3 * part + 2, 3 * part + 5, 7 * part]
        try index.add(ids.enumerated().map { SegmentSearchRow(id: $1, text: $0 % 3 == 2 ? "月亮" : "太阳出来了", facets: nil) })
        try index.add([SegmentSearchRow(id: part + 7, text: "月亮", facets: nil)])
        let sun = try SearchQuery("太阳")
        let expected: [Int64] = [3, part - 1, 3 * part + 2, 7 * part]
        for reading in [PostgresSegmentIndex.Reading.throughIndex, .alongIds(end: 4), .alongIds(end: part), .alongIds(end: 8 * part)] {
            XCTAssertEqual(try index.segmentIDs(sun, limit: 50, offset: 0, reading: reading), expected, "read \(reading)")
            XCTAssertEqual(try index.segmentIDs(sun, limit: 2, offset: 1, reading: reading), [part - 1, 3 * part + 2], "read \(reading)")
        }
        XCTAssertEqual(try index.segmentIDs(try SearchQuery("月亮"), limit: 50), [part, part + 7, 3 * part + 5])
        XCTAssertEqual(try index.count(sun), 4)

        // Analysed, 太阳 is in 4 of 7 rows: a page of 4 is asked two parts a branch, and the
        // first two branches (ids below 4 parts) hold 3 of the hits; the rest are asked after.
        try index.analyze()
        let plan = try index.plan(sun, limit: 4)
        XCTAssertTrue(plan.contains("then, unless the page is full:"), plan)
        XCTAssertEqual(try index.segmentIDs(sun, limit: 1, offset: 3), [7 * part])
        XCTAssertEqual(try index.segmentIDs(sun, limit: 4), expected)
    }

    /// A search that asks the index part by part first looks up the last part. The lookup
    /// must walk the primary key back from its end: read the planner's way for the search
    /// itself (no walks of the primary key), it read every id of the index, 300 ms a search
    /// at a million segments.
    func testARareWordReadsItsHitsAndNotEveryIdOfTheIndex() throws {
        let address = try TestPostgres.freshDatabase()
        let part = PostgresSchema.idsPerPart
        let common = (1...1_500).flatMap { [Int64($0), part + Int64($0)] }
        var index = try PostgresSegmentIndex.open(address)
        try index.add(common.map { SegmentSearchRow(id: $0, text: "太阳出来了", facets: nil) } + [SegmentSearchRow(id: part + 2_000, text: "月亮", facets: nil)])
        try index.analyze()
        index.close()
        let before = try Self.indexRowsFetched(address)
        index = try PostgresSegmentIndex.open(address)
        XCTAssertEqual(try index.segmentIDs(try SearchQuery("月亮"), limit: 50), [part + 2_000])
        index.close()
        let fetched = try Self.indexRowsFetched(address) - before
        XCTAssertLessThan(fetched, 100, "rows of the index's \(common.count + 1) read through its indexes for one hit")
    }

    /// The rows read through an index of any part of the segment index, as counted by the
    /// server once every other connection to the database has ended (and so reported them).
    private static func indexRowsFetched(_ address: String) throws -> Int {
        try XCTUnwrap(try indexRowsFetchedOnceAlone(address), "the segment index's connections to \(address) did not end within 5 s")
    }

    private static func indexRowsFetchedOnceAlone(_ address: String) throws -> Int? {
        let others = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        let fetched = "SELECT coalesce(sum(idx_tup_fetch), 0) FROM pg_stat_user_tables WHERE relname LIKE 'segment_search_%'"
        for _ in 0..<100 {
            let result = try TestSupport.run("psql", [address, "--no-psqlrc", "--tuples-only", "--no-align", "-c", others, "-c", fetched])
            let values = result.stdout.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if values.count == 2, values[0] == 0 { return values[1] }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    func testAnIndexMadeBeforeItWasInPartsKeepsEverySegmentWhenMigrated() throws {
        let address = try TestPostgres.freshDatabase()
        let database = try PostgresDatabase.connect(try PostgresAddress(address))
        defer { database.close() }
        try PostgresSchema.migrate(database, through: "v3 landmarks")
        try database.execute("INSERT INTO segment_search VALUES (1, '太:1 阳:2'), (1200000, '太:1'), (1200001, '月:1')")
        let index = try PostgresSegmentIndex.open(address)
        defer { index.close() }
        XCTAssertEqual(try index.segmentIDs(try SearchQuery("太"), limit: 50), [1, 1_200_000])
        XCTAssertEqual(try index.indexedCount(), 3)
        let parts = try database.rows("SELECT count(*) FROM pg_inherits WHERE inhparent = 'segment_search'::regclass")[0].decode(Int64.self)
        XCTAssertEqual(parts, 3, "ids 0 to 1,499,999 make three parts")
    }

    func testAWalkAlongTheIdsIsForHitsCommonInEveryPartAndNeverLongerThanItsLimit() {
        let rows = 10_000_000.0
        XCTAssertEqual(PostgresSearchReading.choose(hits: 1_100_000, rows: rows, wanted: 50), .alongIds(end: 910))
        XCTAssertEqual(PostgresSearchReading.choose(hits: 45_000, rows: rows, wanted: 50), .alongIds(end: PostgresSearchReading.longestWalk),
                       "an estimate too high for a rare phrase of common parts walks at most the longest walk")
        XCTAssertEqual(PostgresSearchReading.choose(hits: 30_000, rows: rows, wanted: 50), .throughIndex,
                       "1,500 hits in a part of 500,000 ids are sorted sooner than the 17,000 rows that hold 50 of them are walked")
        XCTAssertEqual(PostgresSearchReading.choose(hits: 1_100_000, rows: rows, wanted: 60_000), .throughIndex, "a page deep among the hits")
        XCTAssertEqual(PostgresSearchReading.choose(hits: 1_900, rows: 2_000, wanted: 50), .throughIndex, "a small archive is one part")
        XCTAssertEqual(PostgresSearchReading.choose(hits: 0, rows: 0, wanted: 50), .throughIndex, "an index never analysed")
    }

    func testTheReadingThroughTheIndexAsksThePartsInIdOrderFromItsStart() {
        let part = PostgresSchema.idsPerPart
        let sql = PostgresSearchReading.partByPart(PostgresSearchReading.branches(from: part + 10, lastPart: 2, partsAtOnce: 1)[...], limit: 50)
        XCTAssertEqual(sql.components(separatedBy: " UNION ALL ").count, 2, sql)
        XCTAssertTrue(sql.contains("id >= \(part + 10) AND id < \(2 * part) AND"), sql)
        XCTAssertTrue(sql.contains("(SELECT id FROM segment_search WHERE id >= \(2 * part) AND tokens"), "the last part, and any made since: \(sql)")
        XCTAssertTrue(sql.hasSuffix(") hits LIMIT 50"), sql)
        let rare = PostgresSearchReading.partByPart(PostgresSearchReading.branches(from: 0, lastPart: 20, partsAtOnce: 8)[...], limit: 50)
        XCTAssertEqual(rare.components(separatedBy: " UNION ALL ").count, 3, rare)
        XCTAssertTrue(rare.contains("id >= 0 AND id < \(8 * part) AND"), rare)
        XCTAssertTrue(rare.contains("id >= \(16 * part) AND tokens"), rare)
    }

    func testTheBranchesThroughTheIndexFollowEachOtherAndTheLastIsOpenEnded() {
        let part = PostgresSchema.idsPerPart
        typealias Branch = PostgresSearchReading.Branch
        XCTAssertEqual(PostgresSearchReading.branches(from: 10, lastPart: 4, partsAtOnce: 2),
                       [Branch(start: 10, end: 2 * part), Branch(start: 2 * part, end: 4 * part), Branch(start: 4 * part, end: nil)])
        XCTAssertEqual(PostgresSearchReading.branches(from: 3 * part + 1, lastPart: 4, partsAtOnce: 2), [Branch(start: 3 * part + 1, end: nil)])
        XCTAssertEqual(PostgresSearchReading.branches(from: 0, lastPart: 19, partsAtOnce: .max), [Branch(start: 0, end: nil)])
        let three = PostgresSearchReading.branches(from: 10, lastPart: 4, partsAtOnce: 2)
        XCTAssertEqual(PostgresSearchReading.statements(three).map(Array.init), [Array(three.prefix(2)), [three[2]]],
                       "the first two branches, then the rest")
        XCTAssertEqual(PostgresSearchReading.statements([Branch(start: 0, end: nil)]).count, 1)
    }

    func testARareTermIsAskedOfManyPartsAtOnceACommonOnePartByPart() {
        let rows = 10_000_000.0
        XCTAssertEqual(PostgresSearchReading.partsAtOnce(hits: 400, rows: rows, wanted: 50), 5, "20 hits a part: 100 in 5 parts")
        XCTAssertEqual(PostgresSearchReading.partsAtOnce(hits: 10_000, rows: rows, wanted: 50), 1)
        XCTAssertEqual(PostgresSearchReading.partsAtOnce(hits: 0.5, rows: rows, wanted: 50), 4_000)
        XCTAssertEqual(PostgresSearchReading.partsAtOnce(hits: 0, rows: 0, wanted: 50), .max, "an index never analysed is read at once")
    }

    func testAPhraseIsAsCommonAsItsRarestPartAndAlternativesAddUp() throws {
        let marker = PostgresSearchTokens.bigramMarker
        let statistics = PostgresLexemeStatistics(rows: 1_000_000, frequencies: [
            marker + "下大": 0.03, marker + "大雨": 0.04, "的": 0.1, "tɕi": 0.01, "tɕia": 0.002,
        ], unlisted: 0.000_001)
        XCTAssertEqual(statistics.estimatedHits(try SearchQuery("下大雨")), 30_000, accuracy: 1)
        XCTAssertEqual(statistics.estimatedHits(try SearchQuery("的 OR 下大")), 130_000, accuracy: 1)
        XCTAssertEqual(statistics.estimatedHits(try SearchQuery("的 下大雨")), 30_000, accuracy: 1)
        XCTAssertEqual(statistics.estimatedHits(try SearchQuery("tɕ*")), 12_001, accuracy: 1)
        XCTAssertEqual(statistics.estimatedHits(try SearchQuery("鬲")), 1, accuracy: 0.01)
        XCTAssertEqual(PostgresLexemeStatistics.none.estimatedHits(try SearchQuery("的")), 0)
    }

    func testAnAddressThatIsNotPostgresIsRefusedNamingItAndHidingThePassword() {
        XCTAssertThrowsError(try PostgresAddress("mysql://a@b/c")) {
            XCTAssertTrue("\($0)".hasPrefix("mysql://a@b/c: not a PostgreSQL address"), "\($0)")
        }
        XCTAssertThrowsError(try PostgresAddress("postgres://archive:secret@db/x?sslmode=require")) {
            XCTAssertEqual("\($0)", "postgres://archive:***@db/x?sslmode=require: sslmode=require is not supported: connect through a Unix socket, or a TLS tunnel on the database machine")
        }
        let socket = try? PostgresAddress("postgres://archive@/dialects?host=/tmp/pg&port=5433")
        XCTAssertEqual(socket?.socketPath, "/tmp/pg/.s.PGSQL.5433")
        XCTAssertEqual(socket?.database, "dialects")
        let tcp = try? PostgresAddress("postgresql://archive:secret@db.example.org:6543/dialects")
        XCTAssertEqual(tcp?.host, "db.example.org")
        XCTAssertEqual(tcp?.port, 6543)
        XCTAssertEqual(tcp?.description, "postgres://archive:***@db.example.org:6543/dialects")
    }

    func testAServerThatIsNotThereIsAnErrorNamingTheAddress() {
        XCTAssertThrowsError(try PostgresSegmentIndex.open("postgres://nobody:secret@/x?host=/nonexistent-folder")) {
            XCTAssertTrue("\($0)".hasPrefix("postgres://nobody:***@/x?host=/nonexistent-folder: could not connect: "), "\($0)")
        }
    }
}
