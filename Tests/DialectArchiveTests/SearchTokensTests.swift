@testable import DialectArchive
import XCTest

/// How text is cut into search tokens decides what researchers find.
final class SearchTokensTests: XCTestCase {
    private func document(_ text: String) -> [String] {
        SearchTokens.tokens(in: text, mode: .document).map { $0.colocated ? "+" + $0.text : $0.text }
    }

    private func query(_ text: String) -> [String] {
        SearchTokens.tokens(in: text, mode: .query).map(\.text)
    }

    func testEachHanCharacterIsATokenAndTraditionalIsIndexedAsSimplified() {
        XCTAssertEqual(document("說話"), ["说", "话"])
        XCTAssertEqual(document("0001 太陽"), ["0001", "太", "阳"])
        XCTAssertEqual(query("说话"), ["说", "话"])
    }

    func testTonesAreIndexedWithAndWithoutTone() {
        XCTAssertEqual(document("tɕi˥˧"), ["tɕi53", "+tɕi"])
        XCTAssertEqual(document("tɕi⁵³"), ["tɕi53", "+tɕi"])
        XCTAssertEqual(document("tɕi53"), ["tɕi53", "+tɕi"])
        XCTAssertEqual(document("tʰai⁵¹iaŋ³⁵"), ["tʰai51", "+tʰai", "iaŋ35", "+iaŋ"])
        XCTAssertEqual(query("tɕi"), ["tɕi"])
        XCTAssertEqual(query("tɕi˥˧"), ["tɕi53"])
    }

    func testCaseAndDiacriticsAreFolded() {
        XCTAssertEqual(document("Ã ŋ̍ Café"), ["a", "ŋ", "cafe"])
    }

    func testOffsetsPointIntoTheOriginalText() {
        let text = "我 tɕi˥˧ 說"
        let tokens = SearchTokens.tokens(in: text, mode: .document)
        let bytes = Array(text.utf8)
        let pieces = tokens.filter { !$0.colocated }.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
        XCTAssertEqual(pieces, ["我", "tɕi˥˧", "說"])
    }

    func testPunctuationKeepsPhrasesApart() {
        XCTAssertEqual(document("太，阳"), ["太", SearchTokens.separator, "阳"])
        XCTAssertEqual(document("，太阳。"), ["太", "阳"])
        XCTAssertEqual(document("tɕi˥˧, ɕi"), ["tɕi53", "+tɕi", SearchTokens.separator, "ɕi"])
    }

    func testItemNumbersAreTokensButNotTones() {
        XCTAssertEqual(document("0012 星星"), ["0012", "星", "星"])
    }
}
