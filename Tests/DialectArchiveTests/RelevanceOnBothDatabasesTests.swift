@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// Relevance order is the same on both databases: PostgreSQL scores each hit with FTS5's own
/// `bm25` formula, from the same counts FTS5 keeps, to the last bit, so that pages of hits by
/// relevance are equal for every kind of query, filter and reader, also after edits and
/// ingests change how common a term is and how long the segments are.
final class RelevanceOnBothDatabasesTests: XCTestCase {
    /// Rows of different lengths, with terms repeated in a row, toned and toneless syllables
    /// at one position, and a term in more than half of the rows (whose weight FTS5 floors).
    static let texts = PostgresSearchTests.texts + [
        "太阳太阳 太阳", "阳", "我我我我我我 说", "tɕi⁵³ tɕi tɕi²¹ tɕia tɕi⁵³", "出去走走出去走走出去走走走走走",
        "月亮月亮月亮月亮月亮月亮月亮月亮月亮月亮月亮光", "说说说", "光", "光光光 ŋ ŋ ŋ",
    ] + Array(repeating: "的 的 的 一个", count: 30)

    static let queries = PostgresSearchTests.queries + [
        "的", "的 OR 太阳", "\"的 的\"", "一个 -的", "说", "我 说", "tɕi⁵³*", "ŋ OR 光", "\"月亮 月亮\"", "走走 出去", "月亮*",
    ]

    func testScoresAreFTS5sBM25ToTheLastBitBeforeAndAfterRowsChange() throws {
        let index = try PostgresSegmentIndex.open(try TestPostgres.freshDatabase())
        defer { index.close() }
        let sqlite = try PostgresSearchTests.fts5([])
        func write(_ texts: [(Int64, String)]) throws {
            try sqlite.write { db in
                for (id, text) in texts { try db.execute(sql: "INSERT OR REPLACE INTO t(rowid, text) VALUES (?, ?)", arguments: [id, text]) }
            }
            try index.add(texts.map { SegmentSearchRow(id: $0.0, text: $0.1, facets: nil) })
        }
        func compare(_ stage: String) throws {
            var scored = 0
            for text in Self.queries {
                let query = try SearchQuery(text)
                scored += try compareScores(query, sqlite, index, stage)
                XCTAssertEqual(try index.segmentIDs(query, filters: SearchFilters(), order: .relevance, limit: 3, offset: 2),
                               try index.relevanceScores(query, filters: SearchFilters(), reader: .owner(includeRestricted: true)).dropFirst(2).prefix(3).map(\.id),
                               "\(text) \(stage), a page")
            }
            XCTAssertGreaterThan(scored, Self.queries.count, "the queries find enough rows to order")
        }
        try write(Self.texts.enumerated().map { (Int64($0.offset + 1), $0.element) })
        try compare("as loaded")
        // Rows replaced (other lengths, other terms) and added: other counts, sizes and weights.
        try write([(1, "太阳 太阳 的"), (5, "ŋ"), (17, "的的的的 月亮"), (200, "太阳出来了 tɕi⁵³ 的"), (201, "光 说 月亮光光")])
        try compare("after rows are replaced and added")
        try index.removeAll()
        try sqlite.write { db in try db.execute(sql: "DELETE FROM t") }
        try write(Self.texts.suffix(20).enumerated().map { (Int64($0.offset + 1_000_000), $0.element) })
        try compare("after the index is emptied and loaded again")
    }

    func testAnIndexWrittenBeforeSizesWereKeptTakesThemFromItsPositions() throws {
        let database = try PostgresDatabase.connect(try PostgresAddress(try TestPostgres.freshDatabase()))
        defer { database.close() }
        try PostgresSchema.migrate(database, through: "v9 participant order")
        let rows = Self.texts.enumerated().map { (Int64($0.offset + 1), $0.element) }
        let facets = SearchFacets.token(.locality, "gz") + " " + SearchFacets.token(.dialectGroup, "粤语")
        let vectors = rows.map { PostgresSearchTokens.entry(text: $0.1, facets: facets).vector }
        try database.execute("INSERT INTO segment_search (id, tokens) SELECT * FROM unnest(\(rows.map(\.0))::bigint[], \(vectors)::text[]::tsvector[])")
        try PostgresSchema.migrate(database)
        let sqlite = try PostgresSearchTests.fts5(rows.map { ($0.0, $0.1 + " " + facets) })
        let index = PostgresSegmentIndex(database: database)
        for text in Self.queries { try compareScores(try SearchQuery(text), sqlite, index, "migrated") }
    }

    /// Compares every hit's score of `query` with FTS5's `bm25` on the same rows in table `t`,
    /// bit for bit; returns how many hits there are.
    @discardableResult
    private func compareScores(_ query: SearchQuery, _ sqlite: DatabaseQueue, _ index: PostgresSegmentIndex, _ stage: String) throws -> Int {
        let expected = try sqlite.read { db in
            try Row.fetchAll(db, sql: "SELECT rowid, bm25(t) FROM t WHERE t MATCH ? ORDER BY bm25(t), rowid",
                             arguments: [query.ftsExpression]).map { "\($0[0] as Int64) \(($0[1] as Double).bitPattern)" }
        }
        let found = try index.relevanceScores(query, filters: SearchFilters(), reader: .owner(includeRestricted: true))
        XCTAssertEqual(found.map { "\($0.id) \($0.score.bitPattern)" }, expected, "\(query.text) \(stage)")
        return expected.count
    }

    func testPagesInRelevanceOrderAreTheSameOnBothForEveryKindOfQueryFilterAndReader() throws {
        let both = try SampleOnBoth()
        defer { both.database.close() }
        let queries = try Self.sampleQueries(both.sqlite)
        var dialect = SearchFilters(), role = SearchFilters(), ipa = SearchFilters(), place = SearchFilters()
        dialect.dialect = "粤语"
        role.role = "老男"
        ipa.tier = "ipa"
        (place.locality, place.content) = ("广东省", "词汇")
        let readers: [Reader] = [.owner(includeRestricted: true), .owner(includeRestricted: false), .anonymous,
                                 .account(AccountReader(name: "li", role: .researcher, collections: ["sample"]))]
        var pages = 0, withHits = 0
        for filters in [SearchFilters(), dialect, role, ipa, place] {
            for reader in readers {
                for text in queries {
                    let hits = try comparePages(text, filters, reader, both)
                    pages += 1
                    if hits > 1 { withHits += 1 }
                }
            }
        }
        XCTAssertGreaterThan(withHits, pages / 5, "enough searches must have hits to order")
    }

    func testRelevanceOrderFollowsEditsOfTheSegmentsOnBoth() throws {
        let both = try SampleOnBoth()
        defer { both.database.close() }
        let queries = try Self.sampleQueries(both.sqlite)
        func compareAll(_ stage: String) throws {
            for text in queries { try comparePages(text, SearchFilters(), .owner(includeRestricted: true), both, stage) }
        }
        try compareAll("as copied")
        let transcript = try both.sqlite.store.read { db in try db.value("SELECT min(id) FROM transcript", as: Int64.self) }!
        // Segments with the sample's commonest characters many times over: they become
        // commoner, the mean segment longer, and the new short and long rows score apart.
        let common = queries.prefix(4).joined()
        var added: [Int64] = []
        for (_, archive) in both.both {
            added = try archive.store.write { db in
                // All in one tier over one span, beside the transcript's own first segments: a
                // hit's parallel tiers list them in the same order on both.
                try [common, String(repeating: common, count: 6), String(common.prefix(1)), common + " 太阳"].map { text in
                    try db.insert(Segment(id: nil, transcriptId: transcript, recordingId: nil, tier: "汉字", tierIndex: 0, tierKind: "orthography",
                                          tierType: "interval", participant: nil, speakerId: nil, startMs: 0, endMs: 900, text: text))!
                }
            }
        }
        try compareAll("after segments are added")
        for (_, archive) in both.both {
            try archive.store.write { db in
                try db.execute("UPDATE segment SET text = ? WHERE id = ?", [String(repeating: common, count: 2), added[1]])
                try db.execute("DELETE FROM segment WHERE id = ?", [added[0]])
            }
        }
        try compareAll("after a segment is changed and one deleted")
        // A purge deletes a session's segments on PostgreSQL (the files are shared with the
        // SQLite archive, so only there): the totals follow.
        _ = try both.postgres.withdraw("gz-yufa", reason: "consent withdrawn", purge: true, confirmed: true)
        let totals = try both.database.rows("SELECT segments, tokens FROM segment_search_totals")[0].decode((Int64, Int64).self)
        let counted = try both.database.rows("SELECT count(*), sum(size)::bigint FROM segment_search")[0].decode((Int64, Int64).self)
        XCTAssertTrue(totals == counted, "the totals \(totals) follow the rows \(counted)")
        XCTAssertEqual(counted.0, try both.sqlite.store.read { db in try db.value("SELECT count(*) FROM segment WHERE facets IS NOT NULL", as: Int64.self) }! - 2)
    }

    func testTwoConnectionsWritingAtOnceIntoNewPartsKeepTheTotalsExact() throws {
        let both = try SampleOnBoth()
        defer { both.database.close() }
        let transcript = try both.sqlite.store.read { db in try db.value("SELECT min(id) FROM transcript", as: Int64.self) }!
        let turns = NSCondition()
        var failed: [String] = [], waiting = 0, round = 0
        // Both writers start each write together: each adds segments whose ids fall in new
        // parts of the index, the same parts as the other's, and changes and deletes some;
        // every write records the totals last.
        func startTogether() {
            turns.lock()
            let now = round
            waiting += 1
            if waiting == 2 { (waiting, round) = (0, round + 1); turns.broadcast() } else { while now == round { turns.wait() } }
            turns.unlock()
        }
        func id(round: Int, part: Int, writer: Int) -> Int64 { Int64(1 + round * 3 + part) * PostgresSchema.idsPerPart + Int64(writer) }
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            let database = try! PostgresDatabase.connect(both.database.address)
            defer { database.close() }
            let store = ArchiveStore(.postgres(database))
            for round in 0..<12 {
                startTogether()
                do {
                    try store.write { db in
                        for part in 0..<3 {
                            _ = try db.insert(Segment(id: id(round: round, part: part, writer: writer), transcriptId: transcript, recordingId: nil,
                                                      tier: "汉字", tierIndex: 0, tierKind: "orthography", tierType: "interval", participant: nil,
                                                      speakerId: nil, startMs: 0, endMs: 900, text: String(repeating: "月光", count: 1 + part + round % 3)))
                        }
                        if round % 4 == 3 {
                            try db.execute("UPDATE segment SET text = '光' WHERE id = ?", [id(round: round - 1, part: 0, writer: writer)])
                            try db.execute("DELETE FROM segment WHERE id = ?", [id(round: round - 2, part: 1, writer: writer)])
                        }
                    }
                } catch {
                    turns.lock(); failed.append("writer \(writer), write \(round): \(error)"); turns.unlock()
                }
            }
        }
        XCTAssertEqual(failed, [])
        let totals = try both.database.rows("SELECT segments, tokens FROM segment_search_totals")[0].decode((Int64, Int64).self)
        let counted = try both.database.rows("SELECT count(*), sum(size)::bigint FROM segment_search")[0].decode((Int64, Int64).self)
        XCTAssertTrue(totals == counted, "the totals \(totals) follow the rows \(counted)")
        XCTAssertEqual(try both.postgres.searchSegmentIDs(try SearchQuery("月光"), order: .relevance, limit: 1_000, as: .owner(includeRestricted: true)).count,
                       try both.postgres.countHits(try SearchQuery("月光"), as: .owner(includeRestricted: true)))
    }

    func testRelevanceOrderFollowsIngestsOfMoreTranscriptsOnBoth() throws {
        let empty = try EmptyOnBoth()
        defer { empty.database.close() }
        let (sqlite, both) = (empty.sqlite, [empty.sqlite, empty.postgres])
        let repo = TestSupport.repository
        let metadata = ["localities.csv", "speakers.csv", "sessions.csv"].map { repo.appendingPathComponent("recordings").appendingPathComponent($0) }
        let transcripts = try FileManager.default.contentsOfDirectory(atPath: repo.appendingPathComponent("transcripts").path).sorted()
        var queries: [String] = []
        func compareAll(_ stage: String) throws {
            for text in queries {
                for order in [SearchOrder.relevance, .archive] {
                    let ids = try both.map { try $0.searchSegmentIDs(try SearchQuery(text), order: order, limit: 1_000, as: .owner(includeRestricted: true)) }
                    XCTAssertEqual(ids[0], ids[1], "\(text) \(order) \(stage)")
                }
            }
        }
        // Half the transcripts, then the rest: every ingest changes the counts.
        for part in [transcripts.prefix(transcripts.count / 2), transcripts.dropFirst(transcripts.count / 2)] {
            let paths = metadata + part.map { repo.appendingPathComponent("transcripts").appendingPathComponent($0) }
            for archive in both { XCTAssertEqual(try archive.ingest(IngestRequest(paths: paths)).failed, []) }
            if queries.isEmpty { queries = try Self.sampleQueries(sqlite) + ["月亮光", "月光"] }
            try compareAll("after ingesting \(part.joined(separator: ", "))")
        }
        let corrected = try TestSupport.scratchFolder("corrected")
        let original = try String(contentsOf: repo.appendingPathComponent("transcripts/gz-yf-cihui.eaf"), encoding: .utf8)
        try original.replacingOccurrences(of: "0002 月光", with: "0002 月亮光月亮光")
            .write(to: corrected.appendingPathComponent("gz-yf-cihui.eaf"), atomically: true, encoding: .utf8)
        // Without its recording, the corrected transcript is added beside the first.
        for archive in both { XCTAssertEqual(try archive.ingest(IngestRequest(paths: [corrected])).outcomes.map(\.status), [.added]) }
        try compareAll("after a corrected transcript")
    }

    /// Compares a search's pages by relevance on both as JSON (pages of two from the first,
    /// second and third hit on, and the total) and every hit's score on PostgreSQL with FTS5's
    /// `bm25` on SQLite; returns how many hits there are.
    @discardableResult
    private func comparePages(_ text: String, _ filters: SearchFilters, _ reader: Reader, _ both: SampleOnBoth,
                              _ stage: String = "", file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let query = try SearchQuery(text)
        for offset in [0, 1, 2] {
            let results = try both.both.map {
                try encoder.encode(try $0.archive.search(query, filters: filters, order: .relevance, limit: 2, offset: offset, counts: .total, as: reader))
            }
            XCTAssertEqual(String(decoding: results[0], as: UTF8.self), String(decoding: results[1], as: UTF8.self),
                           "\(text) \(filters) \(reader) offset \(offset) \(stage)", file: file, line: line)
        }
        let expected = try both.sqlite.database!.read { db in
            let matching = try SearchRecords.matching(query, filters, reader: reader, joins: true, db)
            return try Row.fetchAll(db, sql: "SELECT segment_fts.rowid, bm25(segment_fts) \(matching.from) ORDER BY 2, 1",
                                    arguments: matching.arguments).map { "\($0[0] as Int64) \(($0[1] as Double).bitPattern)" }
        }
        let scores = try both.postgres.store.postgresSearch!.relevanceScores(query, filters: filters, reader: reader)
        XCTAssertEqual(scores.map { "\($0.id) \($0.score.bitPattern)" }, expected, "scores of \(text) \(filters) \(reader) \(stage)",
                       file: file, line: line)
        return expected.count
    }

    /// One, two and three characters of the sample (commonest first, then rare ones), IPA
    /// syllables with and without tones, a quoted phrase, OR, an exclusion and prefixes.
    private static func sampleQueries(_ archive: Archive) throws -> [String] {
        let texts = try archive.database!.read { db in try String.fetchAll(db, sql: "SELECT text FROM segment WHERE text != ''") }
        var characters: [String: Int] = [:], words: [String: Int] = [:], triples: [String: Int] = [:], syllables: [String: Int] = [:]
        for text in texts {
            let letters = Array(text).map(String.init)
            let isHan = letters.map { $0.unicodeScalars.count == 1 && HanVariants.isHan($0.unicodeScalars.first!) }
            for (index, letter) in letters.enumerated() where isHan[index] {
                characters[letter, default: 0] += 1
                if index + 1 < letters.count, isHan[index + 1] { words[letter + letters[index + 1], default: 0] += 1 }
                if index + 2 < letters.count, isHan[index + 1], isHan[index + 2] { triples[letters[index...index + 2].joined(), default: 0] += 1 }
            }
            for word in text.split(whereSeparator: \.isWhitespace)
            where word.count > 1 && word.unicodeScalars.contains(where: { (0x250...0x2AF).contains($0.value) }) {
                syllables[String(word), default: 0] += 1
            }
        }
        func commonest(_ counts: [String: Int], _ n: Int) -> [String] {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(n).map(\.key)
        }
        let byCount = commonest(characters, characters.count)
        let ipa = commonest(syllables, 3)
        var queries = commonest(characters, 6) + byCount.suffix(2) + commonest(words, 4) + commonest(triples, 2)
        queries += ipa.map { "\"" + $0 + "\"" } + ipa.prefix(1).map { String($0.prefix(2)) + "*" }
        let (a, b, c, d, e) = (byCount[0], byCount[1], byCount[2], byCount[3], byCount[4])
        return queries + [a + "*", a + " OR " + d, b + " -" + c, "\"" + a + " " + b + "\"", a + " " + e]
    }
}
