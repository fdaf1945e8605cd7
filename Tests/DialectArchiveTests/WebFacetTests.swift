import DialectArchive
import Foundation
import XCTest

/// The search page and `/api/search` count every hit by facet; each value is a link that adds
/// its filter, and a selected filter can be taken off again.
final class WebFacetTests: XCTestCase {
    static var archiveURL: URL!
    static var server: WebServerProcess!

    override class func setUp() {
        super.setUp()
        (_, archiveURL) = try! SampleArchive.ingested("WebFacetTests")
        server = try! WebServerProcess(archive: archiveURL)
    }

    override class func tearDown() {
        server?.stop()
        super.tearDown()
    }

    var server: WebServerProcess { Self.server }

    func json(_ path: String) async throws -> [String: Any] {
        let reply = try await server.get(path)
        XCTAssertEqual(reply.status, 200, reply.text)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
    }

    /// Each facet's values as (filter value or nil, hits).
    func facets(_ result: [String: Any]) -> [String: (filter: String, values: [(String?, Int)])] {
        var facets: [String: (String, [(String?, Int)])] = [:]
        for facet in result["facets"] as! [[String: Any]] {
            let values = (facet["values"] as! [[String: Any]]).map { ($0["value"] as? String, $0["hits"] as! Int) }
            facets[facet["name"] as! String] = (facet["filter"] as! String, values)
        }
        return facets
    }

    func testAPIFacetCountsAreTheTotalsOfTheSearchesTheyNarrowTo() async throws {
        let query = "q=\(WebServerProcess.encoded("光 OR 头"))"
        let result = try await json("/api/search?\(query)&limit=1")
        let total = result["total"] as! Int
        XCTAssertGreaterThan(total, 1)
        let all = facets(result)
        XCTAssertEqual(all.count, 11)
        for (name, facet) in all {
            XCTAssertEqual(facet.values.reduce(0) { $0 + $1.1 }, total, name)
            for case let (value?, hits) in facet.values {
                let narrowed = try await json("/api/search?\(query)&\(facet.filter)=\(WebServerProcess.encoded(value))&limit=1")
                XCTAssertEqual(narrowed["total"] as? Int, hits, "\(name) \(value)")
            }
        }
    }

    func testWithheldSpeakersAreNotCountedBySexOrBirthForAnonymousVisitors() async throws {
        // 月 is said by bj-lm (男 1952), gz-yf (女 1994) and the restricted speaker mx-lf, whose
        // 口头文化 session is restricted too.
        let result = try await json("/api/search?q=\(WebServerProcess.encoded("月"))")
        XCTAssertEqual(result["total"] as? Int, 3)
        let all = facets(result)
        XCTAssertEqual(all["sex"]!.values.map { "\($0.0 ?? "-") \($0.1)" }, ["f 1", "m 1", "- 1"])
        XCTAssertEqual(all["born"]!.values.map { "\($0.0 ?? "-") \($0.1)" }, ["1950-1959 1", "1990-1999 1", "- 1"])
        XCTAssertEqual(all["locality"]!.values.map { "\($0.0 ?? "-") \($0.1)" }, ["bj 1", "gz 1", "mx 1"])
    }

    func testFacetLinkOnThePageNarrowsTheSearchAndTheFilterCanBeRemoved() async throws {
        let q = WebServerProcess.encoded("光 OR 头")
        let page = try await server.get("/search?q=\(q)&sort=place")
        XCTAssertEqual(page.status, 200)
        let total = try XCTUnwrap(Self.total(page.text))
        let links = Self.facetLinks(page.text, facet: "locality")
        XCTAssertGreaterThan(links.count, 1, page.text)
        XCTAssertEqual(links.reduce(0) { $0 + $1.hits }, total)
        for link in links {
            XCTAssertTrue(link.href.hasPrefix("/search?q="), link.href)
            XCTAssertTrue(link.href.contains("sort=place"), "the order is kept")
            let narrowed = try await server.get(link.href)
            XCTAssertEqual(Self.total(narrowed.text), link.hits, link.label)
            XCTAssertLessThan(link.hits, total)
            // The chosen place is shown as selected, not as a link, and as a filter to remove.
            XCTAssertTrue(narrowed.text.contains("<span class=\"selected\">\(link.label)</span>"), narrowed.text)
            let remove = try XCTUnwrap(Self.match(#"<a class="remove-filter" data-filter="locality" href="([^"]*)""#, narrowed.text))
            let back = try await server.get(remove.replacingOccurrences(of: "&amp;", with: "&"))
            XCTAssertEqual(Self.total(back.text), total)
            XCTAssertFalse(back.text.contains("remove-filter"))
        }
        let chinese = try await server.get("/search?q=\(q)", headers: ["Accept-Language": "zh-CN"])
        XCTAssertTrue(chinese.text.contains("<h2>方言区</h2>"))
    }

    static func total(_ html: String) -> Int? {
        match(#"data-total="([0-9]+)""#, html).flatMap { Int($0) }
    }

    static func match(_ pattern: String, _ text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(found.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    static func facetLinks(_ html: String, facet: String) -> [(href: String, label: String, hits: Int)] {
        guard let section = match(#"<section class="facet" data-facet="\#(facet)">(.*?)</section>"#, html),
              let regex = try? NSRegularExpression(pattern: #"<a href="([^"]*)">([^<]*)</a> <span class="n">([0-9]+)</span>"#) else { return [] }
        return regex.matches(in: section, range: NSRange(section.startIndex..., in: section)).map { found in
            let part = { (index: Int) in String(section[Range(found.range(at: index), in: section)!]) }
            return (part(1).replacingOccurrences(of: "&amp;", with: "&"), part(2), Int(part(3))!)
        }
    }
}
