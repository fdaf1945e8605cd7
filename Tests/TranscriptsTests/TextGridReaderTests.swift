import Foundation
import XCTest
@testable import Transcripts

final class TextGridReaderTests: XCTestCase {
    func testShortAndLongFormatsOfOneGridGiveTheSameTiers() throws {
        let short = try Fixtures.read("praatio__mary.TextGrid")
        let long = try Fixtures.read("praatio__mary_longfile.TextGrid")
        XCTAssertEqual(short.tiers, long.tiers)
        XCTAssertEqual(short.tiers.map(\.name), ["phone", "word", "pitch"])
        XCTAssertEqual(short.durationMs, long.durationMs)
    }

    func testQuotesAreUnescapedAndLabelsSpanLines() throws {
        let grid = try Fixtures.read("praatio__bobby_words_with_newlines_longfile.TextGrid")
        XCTAssertEqual(grid.tiers[0].name, "\"word\"")
        XCTAssertEqual(grid.tiers[0].annotations.map(\.text),
                       ["", "\"\"\"BOBBY\"\"\"\nNoun", "RIPPED\nVerb", "THE\nDeterminer", "LEDGER\nNoun", ""])
    }

    func testPointTiersAreTextTiersWhoseStartEqualsTheirEnd() throws {
        let pitch = try Fixtures.read("praatio__mary.TextGrid").tiers[2]
        XCTAssertEqual(pitch.type, .point)
        XCTAssertEqual(pitch.spans, [Span(598, 598, "120"), Span(826, 826, "85"), Span(1020, 1020, "97"), Span(1201, 1201, "104")])
    }

    func testSecondsBecomeMillisecondsByExactDecimalRoundingHalfAwayFromZero() throws {
        // 1358.8925 s is exactly half a millisecond past 1358892 ms; binary floating
        // point would hold it as 1358.89249999… and round down.
        let grid = try Fixtures.read("kgtextgrid__long_format.TextGrid")
        XCTAssertEqual(grid.startMs, 1358893)
        XCTAssertEqual(grid.tiers[0].annotations.first?.startMs, 1358893)
    }

    func testNegativeZeroExponentsDuplicateNamesAndEmptyTiers() throws {
        let text = """
            File type = "ooTextFile"
            Object class = "TextGrid"

            xmin = -0
            xmax = 2.5E0
            tiers? <exists>
            size = 3
            item []:
                item [1]:
                    class = "IntervalTier"
                    name = "words"
                    xmin = -0.0
                    xmax = 2.5
                    intervals: size = 2
                    intervals [1]:
                        xmin = -0
                        xmax = 1.2345e0
                        text = " 太阳 "
                    intervals [2]:
                        xmax = 1234.5e-3 ! comment: a key out of order does not matter, values do
                        xmax = 25e-1
                        text = ""
                item [2]:
                    class = "IntervalTier"
                    name = "words"
                    xmin = 0
                    xmax = 2.5
                    intervals: size = 0
                item [3]:
                    class = "TextTier"
                    name = "tones"
                    xmin = 0
                    xmax = 2.5
                    points: size = 1
                    points [1]:
                        number = 5.005E-1
                        mark = "˥˧"
            """
        let grid = try Fixtures.parse(text, as: .textgrid)
        XCTAssertEqual(grid.startMs, 0)
        XCTAssertEqual(grid.durationMs, 2500)
        XCTAssertEqual(grid.tiers.map(\.name), ["words", "words", "tones"])
        XCTAssertEqual(grid.tiers[0].spans, [Span(0, 1235, " 太阳 "), Span(1235, 2500, "")])
        XCTAssertEqual(grid.tiers[1].annotations, [])
        XCTAssertEqual(grid.tiers[2].spans, [Span(501, 501, "˥˧")])
        XCTAssertEqual(grid.encoding, "utf-8")
    }

    func testTiersReachingPastTheGridKeepTheirIntervalsAndTheGridKeepsItsLength() throws {
        // rPraat's H.TextGrid: the grid ends at 3.608 s, four of its tiers at 3.616 s.
        let grid = try Fixtures.read("rpraat__H.TextGrid")
        XCTAssertEqual(grid.durationMs, 3608)
        XCTAssertEqual(grid.tiers[1].annotations.last?.endMs, 3616)
        // A label that is a single space is kept (praatio strips it).
        XCTAssertTrue(grid.tiers[1].annotations.contains { $0.text == " " && $0.startMs == 1321 && $0.endMs == 1871 })
    }

    func testEncodingsAreDetectedFromMarksAndNullBytes() throws {
        let text = try String(contentsOf: Fixtures.url("praatio__mary.TextGrid"), encoding: .utf8)
        let expected = try Fixtures.read("praatio__mary.TextGrid").tiers
        let utf16BE = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let utf16LE = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let cases: [(String, [UInt8])] = [
            ("utf-8-bom", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
            ("utf-16-be-bom", [0xFE, 0xFF] + utf16BE),
            ("utf-16-le-bom", [0xFF, 0xFE] + utf16LE),
            ("utf-16-be", utf16BE),
            ("utf-16-le", utf16LE),
        ]
        for (encoding, bytes) in cases {
            let grid = try Fixtures.parse(bytes, as: .textgrid)
            XCTAssertEqual(grid.encoding, encoding)
            XCTAssertEqual(grid.tiers, expected, encoding)
        }
    }

    func testTiersAbsentMeansNoTiers() throws {
        let grid = try Fixtures.parse("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0\nxmax = 3\ntiers? <absent>\n", as: .textgrid)
        XCTAssertEqual(grid.tiers, [])
        XCTAssertEqual(grid.durationMs, 3000)
    }

    func testOutOfOrderIntervalsComeBackInTimeOrder() throws {
        let text = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n2\n<exists>\n1\n\"IntervalTier\"\n\"w\"\n0\n2\n2\n1\n2\n\"late\"\n0\n1\n\"early\"\n"
        XCTAssertEqual(try Fixtures.parse(text, as: .textgrid).tiers[0].spans, [Span(0, 1000, "early"), Span(1000, 2000, "late")])
    }
}
