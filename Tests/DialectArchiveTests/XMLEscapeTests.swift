@testable import DialectArchive
import Foundation
import XCTest

/// Text written into every XML answer (OAI-PMH, OLAC, FCS, PREMIS) has its markup escaped and
/// loses only the characters XML 1.0 cannot carry.
final class XMLEscapeTests: XCTestCase {
    /// What XML 1.0 allows, character by character, and the markup written as entities.
    func expected(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000 {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    func testMarkupIsEscapedAndCharactersXMLCannotCarryAreLeftOut() {
        let cases = [
            "", "太阳", "tʰai˥˧ ŋ̍", "<script>alert(1)</script>", "\" onerror=\"x", "A & B > C",
            "bell\u{07} and escape\u{1B}[31m", "tab\there\nline\r\n", "\u{FFFE}\u{FFFF}\u{FFFD}end", "\u{FFFD}\u{FFFF}",
            "😀 emoji \u{10FFFF}", "\u{EFBF}\u{EF00}ï¿¾", "\u{0}", "&amp;", "end\u{FFFF}",
        ]
        for text in cases {
            XCTAssertEqual(OLACExport.escape(text), expected(text), text.debugDescription)
        }
    }

    func testRandomTextIsEscapedAsCharacterByCharacter() {
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = ["a", "&", "<", ">", "\"", "'", "\t", "\n", "\u{01}", "\u{1F}", "\u{7F}", "太", "阳", "ʰ",
                                      "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFBF}", "\u{E000}", "😀", "\u{10000}"]
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text.append(pool.randomElement(using: &generator)!) }
            XCTAssertEqual(OLACExport.escape(String(text)), expected(String(text)), String(text).debugDescription)
        }
    }
}
