import DialectArchive
import Foundation
import XCTest

/// The web's JSON is the CLI's on one line: the same keys in the same order, the same values,
/// the same escapes of characters a terminal would act on.
final class JSONOutputTests: XCTestCase {
    struct Sample: Encodable {
        var segmentText: String
        var startMs: Int
        var parallel: [[String: String]]
        var none: [Int]
    }

    func testCompactJSONIsThePrettyJSONWithoutItsWhitespace() throws {
        let sample = Sample(segmentText: "月光光 <mark>a/b</mark> \"quoted\" \u{7F}\u{85}\u{2028}\u{202E}\u{2067} tab\there\nnew line",
                            startMs: 10_229, parallel: [["tier": "IPA", "text": "ŋ̍ ʔ"]], none: [])
        let pretty = try JSONOutput.string(sample), compact = try JSONOutput.string(sample, compact: true)
        assertSameJSON(compact, pretty)
        XCTAssertTrue(compact.hasPrefix(#"{"none":[],"parallel":[{"text":"ŋ̍ ʔ","tier":"IPA"}],"segment_text":"月光光 <mark>a/b</mark> \"quoted\" "#), compact)
        for escape in [#"\u007F"#, #"\u0085"#, #"\u2028"#, #"\u202E"#, #"\u2067"#, #"\t"#, #"\n"#] {
            XCTAssertTrue(compact.contains(escape), escape)
        }
        // Nothing to escape: the text as it is.
        XCTAssertEqual(try JSONOutput.string(["text": "太阳 ʔa˥"], compact: true), #"{"text":"太阳 ʔa˥"}"#)
    }
}
