import DialectArchive
import Foundation
import XCTest

/// A search's exact total may be counted without its facets, and facet counts kept between
/// searches are always the counts a fresh search makes, whatever changed in between.
final class SearchCountCacheTests: XCTestCase {
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

    func testKeptCountsAreCountedAgainAfterAnIngestAddsHits() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCountCache()
        let query = try SearchQuery("月光")
        let before = try archive.search(query, limit: 1, counts: .facets(cache: cache), as: .anonymous)
        let batch = try TestSupport.scratchFolder()
        try TestSupport.run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", batch.appendingPathComponent("moonlight.wav").path,
                                    "synth", "6", "sine", "300", "vol", "0.3"])
        try "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n月光光\n\n00:00:03.000 --> 00:00:05.000\n好月光\n"
            .write(to: batch.appendingPathComponent("moonlight.vtt"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [batch])).failed, [])
        let after = try archive.search(query, limit: 1, counts: .facets(cache: cache), as: .anonymous)
        XCTAssertEqual(after.total, before.total + 2)
        assertSameCounts(after, try archive.search(query, limit: 1, counts: .facets(cache: nil), as: .anonymous))
    }

    func testKeptCountsAreCountedAgainAfterAnAccessChange() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCountCache()
        let query = try SearchQuery("光 OR 头")
        let before = try archive.search(query, limit: 1, counts: .facets(cache: cache), as: .anonymous)
        let session = try XCTUnwrap(before.hits.first?.sessionId)
        try archive.setAccess(.session(session), AccessCondition(level: .restricted, until: nil, reason: "the family asked"))
        let after = try archive.search(query, limit: 1, counts: .facets(cache: cache), as: .anonymous)
        XCTAssertLessThan(after.total, before.total)
        assertSameCounts(after, try archive.search(query, limit: 1, counts: .facets(cache: nil), as: .anonymous))
    }

    func testCountsKeptForOneReaderAreNotGivenToAnotherWhoSeesMore() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let cache = SearchCountCache()
        let query = try SearchQuery("光 OR 头")
        let everything = Reader.owner(includeRestricted: true)
        let open = try archive.search(query, limit: 1, counts: .facets(cache: cache), as: .anonymous)
        let all = try archive.search(query, limit: 1, counts: .facets(cache: cache), as: everything)
        XCTAssertGreaterThan(all.total, open.total, "the sample's restricted session has hits")
        assertSameCounts(all, try archive.search(query, limit: 1, counts: .facets(cache: nil), as: everything))
        assertSameCounts(try archive.search(query, limit: 1, counts: .facets(cache: cache), as: .anonymous), open)
    }
}
