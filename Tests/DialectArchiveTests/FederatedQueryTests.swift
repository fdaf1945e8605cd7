@testable import DialectArchive
import XCTest

/// A federated search sends peers the researcher's query in CQL with the same meaning: words
/// and phrases all needed, OR between alternatives, exclusions, prefixes, and CQL's special
/// characters in the text escaped.
final class FederatedQueryTests: XCTestCase {
    func testEachPartOfTheArchivesQueryLanguageBecomesItsCQLEquivalent() throws {
        let cases: [(String, String)] = [
            ("太阳", #""太阳""#),
            ("\"出去 走走\"", #""出去 走走""#),
            ("吃 走", #""吃" AND "走""#),
            ("太阳 OR 日头 月", #"("太阳" OR "日头") AND "月""#),
            ("月 太阳 OR 日头 OR 热头", #""月" AND ("太阳" OR "日头" OR "热头")"#),
            ("吃 -走 -您", #""吃" NOT "走" NOT "您""#),
            ("tɕ* \"tʂʰʅ lə\"*", #""tɕ*" AND "tʂʰʅ lə*""#),
            ("a OR b -c", #"("a" OR "b") NOT "c""#),
        ]
        for (text, cql) in cases {
            XCTAssertEqual(FederatedQuery(try SearchQuery(text)).cql, cql, text)
        }
    }

    func testTheArchivesOwnCQLReaderRunsTheSameSearchAsTheQueryItCameFrom() throws {
        for text in ["太阳", "出去 走走", "\"出去 走走\"", "太阳 OR 日头 月 -星", "tɕ* -tɕʰ* \"tʂʰʅ lə\"*", "ɕiu OR tsʰoi OR loŋ -ko -kʰi"] {
            let query = try SearchQuery(text)
            let read = try CQLQuery.searchQuery(FederatedQuery(query).cql)
            XCTAssertEqual(read.ftsExpression, query.ftsExpression, text)
        }
    }

    func testCQLsSpecialCharactersInATermAreEscapedNotReadAsMaskingOrQuotes() throws {
        let query = SearchQuery(groups: [[SearchQuery.Term(text: #"a"b\c?d^e*f"#, prefix: false)]], excluded: [], text: "")
        XCTAssertEqual(FederatedQuery(query).cql, #""a\"b\\c\?d\^e\*f""#)
        XCTAssertEqual(FederatedQuery(try SearchQuery("吃"), leftOut: ["locality=bj"]).leftOut, ["locality=bj"])
    }
}
