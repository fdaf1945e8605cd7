import DialectArchive
import XCTest

/// The facets of a search count every hit (not a page of them) by each of their values, and
/// each count is what the search narrowed by that value finds.
final class SearchFacetCountTests: XCTestCase {
    static var archive: Archive!
    var archive: Archive { Self.archive }

    override class func setUp() {
        super.setUp()
        (archive, _) = try! SampleArchive.ingested("SearchFacetCountTests")
    }

    /// The filters with one more: the facet's filter set to `value`.
    static func narrowed(_ filters: SearchFilters, _ filter: String, _ value: String) throws -> SearchFilters {
        var filters = filters
        switch filter {
        case "locality": filters.locality = value
        case "dialect": filters.dialect = value
        case "role": filters.role = value
        case "sex": filters.sex = value
        case "content": filters.content = value
        case "tier": filters.tier = value
        case "collection": filters.collection = value
        case "born": filters.born = try SearchFilters.years(value)
        case "recorded": filters.recorded = try SearchFilters.dates(value)
        default: XCTFail("no filter \(filter)")
        }
        return filters
    }

    func testEveryFacetValueCountsExactlyTheHitsItsFilterFinds() throws {
        var content = SearchFilters()
        content.content = "词汇"
        let questions: [(String, SearchFilters)] = [("月", SearchFilters()), ("光 OR 头", SearchFilters()), ("头", content), ("光", SearchFilters())]
        for includeRestricted in [false, true] {
            for (text, filters) in questions {
                let query = try SearchQuery(text)
                // One hit on the page: the counts are over all of them.
                let result = try archive.search(query, filters: filters, limit: 1, includeRestricted: includeRestricted)
                XCTAssertGreaterThan(result.total, 1, text)
                XCTAssertEqual(result.facets.map(\.name), ["locality", "dialect_group", "dialect_subgroup", "dialect_cluster", "role", "sex",
                                                           "content", "tier_kind", "collection", "born", "recorded"])
                for facet in result.facets {
                    XCTAssertEqual(facet.values.reduce(0) { $0 + $1.hits }, result.total, "\(text) \(facet.name): every hit once")
                    for value in facet.values {
                        guard let filterValue = value.value else { continue }
                        let narrowed = try Self.narrowed(filters, facet.filter, filterValue)
                        let found = try archive.countHits(query, filters: narrowed, includeRestricted: includeRestricted)
                        XCTAssertEqual(value.hits, found, "\(text) \(facet.filter)=\(filterValue) restricted: \(includeRestricted)")
                    }
                }
            }
        }
    }

    func testFacetsNameTheSampleValuesWithTheirCounts() throws {
        let result = try archive.search(try SearchQuery("月"), limit: 1, includeRestricted: true)
        func facet(_ name: String) -> [String] {
            (result.facets.first { $0.name == name }?.values ?? []).map { "\($0.value ?? "-") \($0.label) \($0.hits)" }
        }
        XCTAssertEqual(facet("locality"), ["mx 梅州梅县 (mx) 2", "bj 北京东城 (bj) 1", "gz 广州越秀 (gz) 1"])
        XCTAssertEqual(facet("dialect_group"), ["客家话 客家话 2", "官话 官话 1", "粤语 粤语 1"])
        XCTAssertEqual(facet("dialect_cluster"), ["嘉应小片 嘉应小片 2", "京师小片 京师小片 1", "- (not given) 1"])
        XCTAssertEqual(facet("sex"), ["f f 3", "m m 1"])
        XCTAssertEqual(facet("content"), ["词汇 词汇 3", "口头文化 口头文化 1"])
        XCTAssertEqual(facet("born"), ["1950-1959 1950-1959 3", "1990-1999 1990-1999 1"])
        XCTAssertEqual(facet("recorded"), ["2024 2024 4"])
        XCTAssertEqual(facet("collection"), ["sample sample 4"])
        XCTAssertEqual(result.facets.first { $0.name == "dialect_cluster" }?.filter, "dialect")
    }

    func testWithheldSpeakersAreNotCountedBySexOrBirthForAnonymousVisitors() throws {
        // mx-lf (女, 1955) is a restricted speaker; her 词汇 session is open, her 口头文化 one restricted.
        let query = try SearchQuery("月")
        let open = try archive.search(query, limit: 1)
        let everything = try archive.search(query, limit: 1, includeRestricted: true)
        func count(_ result: SearchResult, _ facet: String, _ value: String?) -> Int {
            result.facets.first { $0.name == facet }?.values.first { $0.value == value }?.hits ?? 0
        }
        XCTAssertEqual(open.total, everything.total - 1, "the restricted session's hit is not counted")
        XCTAssertEqual(count(open, "locality", "mx"), 1)
        XCTAssertEqual(count(open, "born", "1950-1959"), count(everything, "born", "1950-1959") - 2)
        XCTAssertEqual(count(open, "sex", "f"), count(everything, "sex", "f") - 2)
        XCTAssertEqual(count(open, "sex", nil), 1, "her open hit is counted without a sex")
        var female = SearchFilters()
        female.sex = "女"
        XCTAssertEqual(try archive.countHits(query, filters: female), count(open, "sex", "f"), "nor does the filter find her")
    }
}
