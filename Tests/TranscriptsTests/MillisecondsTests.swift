import XCTest
@testable import Transcripts

final class MillisecondsTests: XCTestCase {
    func testDecimalSecondsRoundHalfAwayFromZeroOnTheDigits() {
        let cases: [(String, Int?)] = [
            ("1358.8925", 1358893), ("1372.6225001", 1372623), ("0.3154201182247563", 315),
            ("-0", 0), ("-0.0", 0), ("-0.0005", -1), ("-0.00049", 0), ("0.0005", 1), ("1.9995", 2000),
            ("1e3", 1_000_000), ("1.5E+0", 1500), ("2.5e-4", 0), ("25e-5", 0), ("5e-4", 1), ("1e-400", 0),
            (".5", 500), ("5.", 5000), ("+1.5", 1500), ("000012.000", 12000),
            ("9e20", nil), ("1e999999999999999999999", nil), ("99999999999999999999", nil),
            ("abc", nil), ("1.2.3", nil), ("", nil), ("-", nil), ("1e", nil), ("1e+", nil), ("1x", nil), ("--1", nil),
        ]
        for (literal, expected) in cases {
            XCTAssertEqual(Milliseconds.fromSeconds(Array(literal.utf8)), expected, literal)
        }
    }

    func testMillisecondsAreWrittenAsTheShortestExactSeconds() {
        let cases: [(Int, String)] = [(1358893, "1358.893"), (1500, "1.5"), (0, "0"), (-500, "-0.5"), (1, "0.001"), (10, "0.01"), (-1, "-0.001")]
        for (milliseconds, literal) in cases {
            XCTAssertEqual(Milliseconds.secondsLiteral(milliseconds), literal)
            XCTAssertEqual(Milliseconds.fromSeconds(Array(literal.utf8)), milliseconds)
        }
    }

    func testSubtitleTimestampsAreReadLeniently() {
        let cases: [(String, Int?)] = [
            ("00:01:39", 99000), ("00:01:41.04", 101040), ("00:00:01,040", 1040), ("01:02.500", 62500),
            ("1:02:03.4", 3_723_400), ("100:00:00.000", 360_000_000), ("00:00:00.9996", 1000),
            ("00:60:00.000", nil), ("00:00:60.000", nil), ("-1:00.000", nil), ("00:00.", nil), ("1", nil), ("a:b", nil), ("", nil),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(Array(text.utf8).withUnsafeBufferPointer { SubtitleTiming.milliseconds($0[...]) }, expected, text)
        }
    }
}
