import DialectArchive
import Foundation
import XCTest

/// A search's exact total may be counted without its facets, and the pages, totals and facet
/// counts kept between searches are always what a fresh search finds, whatever changed in between.
final class SearchCacheTests: XCTestCase {
    func assertSameCounts(_ kept: SearchResult, _ fresh: SearchResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(kept.total, fresh.total, file: file, line: line)
        XCTAssertEqual(kept.byLocality, fresh.byLocality, file: file, line: line)
        XCTAssertEqual(kept.byDialectGroup, fresh.byDialectGroup, file: file, line: line)
        XCTAssertEqual(kept.facets, fresh.facets, file: file, line: line)
    }

    func testTotalWithoutFacetsIsTheExactTotalForEachReader() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        var content = SearchFilters()
        content.content = "词汇"
        for reader in [Reader.anonymous, .owner(includeRestricted: true)] {
            for (text, filters) in [("光 OR 头", SearchFilters()), ("头", content), ("月", SearchFilters())] {
                let counted = try archive.search(try SearchQuery(text), filters: filters, limit: 1, counting: true, as: reader)
                let page = try archive.search(try SearchQuery(text), filters: filters, limit: 1, counts: .total, as: reader)
                XCTAssertGreaterThan(counted.total, 1, text)
                XCTAssertEqual(page.total, counted.total, "\(text) as \(reader)")
                XCTAssertEqual(page.hits, counted.hits)
                XCTAssertEqual(page.facets, [])
                XCTAssertEqual(page.byLocality, [])
            }
        }
    }

    /// Ingests a recording named moonlight.wav with `vtt` as its transcript.
    func ingestMoonlight(_ vtt: String, into archive: Archive) throws {
        let batch = try TestSupport.scratchFolder()
        try TestSupport.run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", batch.appendingPathComponent("moonlight.wav").path,
                                    "synth", "6", "sine", "300", "vol", "0.3"])
        try vtt.write(to: batch.appendingPathComponent("moonlight.vtt"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [batch])).failed, [])
    }

    func testKeptCountsAreCountedAgainAfterAnIngestAddsHits() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache()
        let query = try SearchQuery("月光")
        let before = try archive.search(query, limit: 1, counts: .facets, cache: cache, as: .anonymous)
        try ingestMoonlight("WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n月光光\n\n00:00:03.000 --> 00:00:05.000\n好月光\n", into: archive)
        let after = try archive.search(query, limit: 1, counts: .facets, cache: cache, as: .anonymous)
        XCTAssertEqual(after.total, before.total + 2)
        assertSameCounts(after, try archive.search(query, limit: 1, counts: .facets, as: .anonymous))
    }

    func testKeptTotalsAreCountedAgainAfterAnIngestAddsHits() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache()
        let query = try SearchQuery("月光")
        let before = try archive.search(query, limit: 1, counts: .total, cache: cache, as: .anonymous)
        XCTAssertEqual(try archive.search(query, limit: 1, counts: .total, cache: cache, as: .anonymous).total, before.total)
        try ingestMoonlight("WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n月光光\n", into: archive)
        XCTAssertEqual(try archive.search(query, limit: 1, counts: .total, cache: cache, as: .anonymous).total, before.total + 1)
        XCTAssertEqual(try archive.countHits(query, as: .anonymous), before.total + 1)
    }

    func testKeptTotalsFollowAccessChangesAndTheReader() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache(capacity: 1, totalsCapacity: 2)
        let everything = Reader.owner(includeRestricted: true)
        let queries = try ["光 OR 头", "月", "头"].map { try SearchQuery($0) }
        func totals(_ reader: Reader) throws -> [Int] {
            try queries.map { try archive.search($0, limit: 1, counts: .total, cache: cache, as: reader).total }
        }
        func fresh(_ reader: Reader) throws -> [Int] { try queries.map { try archive.countHits($0, as: reader) } }
        let open = try totals(.anonymous)
        XCTAssertEqual(open, try fresh(.anonymous))
        XCTAssertEqual(try totals(everything), try fresh(everything))
        XCTAssertGreaterThan(try totals(everything)[0], open[0], "the sample's restricted session has hits")
        XCTAssertEqual(try totals(.anonymous), open, "more questions than the cache holds are counted again")
        let session = try XCTUnwrap(archive.search(queries[0], limit: 1, as: .anonymous).hits.first?.sessionId)
        try archive.setAccess(.session(session), AccessCondition(level: .restricted, until: nil, reason: "the family asked"))
        XCTAssertEqual(try totals(.anonymous), try fresh(.anonymous))
        XCTAssertLessThan(try totals(.anonymous)[0], open[0])
    }

    func testKeptCountsAreCountedAgainAfterAnAccessChange() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache()
        let query = try SearchQuery("光 OR 头")
        let before = try archive.search(query, limit: 1, counts: .facets, cache: cache, as: .anonymous)
        let session = try XCTUnwrap(before.hits.first?.sessionId)
        try archive.setAccess(.session(session), AccessCondition(level: .restricted, until: nil, reason: "the family asked"))
        let after = try archive.search(query, limit: 1, counts: .facets, cache: cache, as: .anonymous)
        XCTAssertLessThan(after.total, before.total)
        assertSameCounts(after, try archive.search(query, limit: 1, counts: .facets, as: .anonymous))
    }

    func testCountsKeptForOneReaderAreNotGivenToAnotherWhoSeesMore() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache()
        let query = try SearchQuery("光 OR 头")
        let everything = Reader.owner(includeRestricted: true)
        let open = try archive.search(query, limit: 1, counts: .facets, cache: cache, as: .anonymous)
        let all = try archive.search(query, limit: 1, counts: .facets, cache: cache, as: everything)
        XCTAssertGreaterThan(all.total, open.total, "the sample's restricted session has hits")
        assertSameCounts(all, try archive.search(query, limit: 1, counts: .facets, as: everything))
        assertSameCounts(try archive.search(query, limit: 1, counts: .facets, cache: cache, as: .anonymous), open)
    }

    func assertSamePage(_ kept: SearchResult, _ fresh: SearchResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(kept.hits, fresh.hits, file: file, line: line)
        XCTAssertEqual(kept.total, fresh.total, file: file, line: line)
    }

    func testKeptPagesAreSearchedAgainAfterAnIngestAddsHits() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache()
        let query = try SearchQuery("月光")
        let before = try archive.search(query, counts: .total, cache: cache, as: .anonymous)
        assertSamePage(try archive.search(query, counts: .total, cache: cache, as: .anonymous), before)
        try ingestMoonlight("WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n月光光\n", into: archive)
        let after = try archive.search(query, counts: .total, cache: cache, as: .anonymous)
        XCTAssertEqual(after.hits.count, before.hits.count + 1)
        XCTAssertTrue(after.hits.contains { $0.text == "月光光" && $0.recordingFile == "moonlight.wav" })
        assertSamePage(after, try archive.search(query, counts: .total, as: .anonymous))
    }

    func testKeptPagesFollowAccessChangesAndAreNotGivenToAnotherReader() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache()
        let query = try SearchQuery("光 OR 头")
        let everything = Reader.owner(includeRestricted: true)
        let open = try archive.search(query, counts: .total, cache: cache, as: .anonymous)
        let all = try archive.search(query, counts: .total, cache: cache, as: everything)
        XCTAssertGreaterThan(all.hits.count, open.hits.count, "the sample's restricted session has hits")
        assertSamePage(all, try archive.search(query, counts: .total, as: everything))
        assertSamePage(try archive.search(query, counts: .total, cache: cache, as: .anonymous), open)
        let session = try XCTUnwrap(open.hits.first?.sessionId)
        try archive.setAccess(.session(session), AccessCondition(level: .restricted, until: nil, reason: "the family asked"))
        let after = try archive.search(query, counts: .total, cache: cache, as: .anonymous)
        XCTAssertFalse(after.hits.contains { $0.sessionId == session })
        assertSamePage(after, try archive.search(query, counts: .total, as: .anonymous))
    }

    func testEachPageOrderAndSizeIsKeptApart() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache()
        let query = try SearchQuery("光 OR 头")
        for _ in 0..<2 {
            for order in SearchOrder.allCases {
                for (limit, offset) in [(3, 0), (3, 3), (5, 0), (50, 0)] {
                    let kept = try archive.search(query, order: order, limit: limit, offset: offset, counts: .total, cache: cache, as: .anonymous)
                    let fresh = try archive.search(query, order: order, limit: limit, offset: offset, counts: .total, as: .anonymous)
                    XCTAssertEqual(kept.hits.map(\.segmentId), fresh.hits.map(\.segmentId), "\(order) \(limit) \(offset)")
                    XCTAssertEqual(kept.offset, offset)
                }
            }
        }
    }

    func testAServerThatKeepsNoPagesStillSearches() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache(pages: 0)
        let query = try SearchQuery("月光")
        let first = try archive.search(query, counts: .facets, cache: cache, as: .anonymous)
        assertSamePage(try archive.search(query, counts: .facets, cache: cache, as: .anonymous), first)
        assertSameCounts(first, try archive.search(query, counts: .facets, as: .anonymous))
    }

    func testAnAccountsSearchOfRestrictedMaterialIsAnAuditEventEachTime() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache()
        let archivist = Reader.account(AccountReader(name: "lin", role: .archivist, address: "192.0.2.7"))
        let query = try SearchQuery("光 OR 头")
        let everything = Reader.owner(includeRestricted: true)
        for _ in 0..<2 { _ = try archive.search(query, counts: .total, cache: cache, as: archivist) }
        let events = try archive.auditLog(kind: "access", as: everything)
        XCTAssertEqual(events.total, 2)
        XCTAssertTrue(events.events.allSatisfy { $0.summary.contains("lin") && $0.summary.contains("192.0.2.7") })
    }

    func testLongPagesAndMoreQuestionsThanTheCacheHoldsAreAnsweredAsFreshSearches() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCache(capacity: 1, totalsCapacity: 1, pages: 3)
        let queries = try ["光 OR 头", "月", "头", "光", "月光"].map { try SearchQuery($0) }
        for _ in 0..<3 {
            for query in queries {
                for limit in [1, 50, 120, 500] {
                    let kept = try archive.search(query, limit: limit, counts: .facets, cache: cache, as: .anonymous)
                    let fresh = try archive.search(query, limit: limit, counts: .facets, as: .anonymous)
                    assertSamePage(kept, fresh)
                    assertSameCounts(kept, fresh)
                }
            }
        }
    }
}
