import Foundation
import XCTest
@testable import Transcripts

/// A TextGrid error names the line that holds the bad value, not the tier header, a
/// later line where the values stopped fitting, or the end of the file.
final class TextGridErrorLineTests: XCTestCase {
    /// `rpraat__utf8.TextGrid` (long format) with its 1-based line `number` replaced.
    private func longFormat(replacingLine number: Int, with replacement: String) throws -> String {
        var lines = try String(contentsOf: Fixtures.url("rpraat__utf8.TextGrid"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[number - 1] = replacement
        return lines.joined(separator: "\n")
    }

    func testAWordWhereAnIntervalTimeBelongsIsReportedOnItsLine() throws {
        let text = try longFormat(replacingLine: 56, with: "            xmin = abc ")
        let error = assertTranscriptError(try Fixtures.parse(text, as: .textgrid, name: "utf8.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "utf8.TextGrid", line: 56,
                                              reason: "expected a number for the xmin of interval 11 of tier 1, found \"abc\""))
    }

    func testAWordWhereATierTimeBelongsIsReportedOnItsLineNotTheTierHeader() throws {
        let text = try longFormat(replacingLine: 70, with: "        xmin = none ")
        let error = assertTranscriptError(try Fixtures.parse(text, as: .textgrid, name: "utf8.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "utf8.TextGrid", line: 70,
                                              reason: "expected a number for the xmin of tier 2, found \"none\""))
    }

    func testAnEqualsSignWithNothingAfterItIsReportedOnItsLine() throws {
        let text = try longFormat(replacingLine: 57, with: "            xmax = ")
        let error = assertTranscriptError(try Fixtures.parse(text, as: .textgrid, name: "utf8.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "utf8.TextGrid", line: 57,
                                              reason: "expected a number for the xmax of interval 11 of tier 1, found nothing after \"=\""))
    }

    func testAnUnreadableNumberIsReportedOnItsLine() throws {
        let text = try longFormat(replacingLine: 57, with: "            xmax = 1,506 ")
        let error = assertTranscriptError(try Fixtures.parse(text, as: .textgrid, name: "utf8.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "utf8.TextGrid", line: 57,
                                              reason: "the xmax of interval 11 of tier 1 is \"1,506\", not a number of seconds in range"))
    }

    func testADamagedIndexLineIsCommentaryAndDoesNotSwallowTheValuesAfterIt() throws {
        // Praat skips `intervals [12:` as it skips every label; only the values count.
        let text = try longFormat(replacingLine: 59, with: "        intervals [12:")
        XCTAssertEqual(try Fixtures.parse(text, as: .textgrid), try Fixtures.read("rpraat__utf8.TextGrid"))
    }

    func testAWordAloneOnALineOfTheShortFormatIsReportedOnItsLine() throws {
        let text = """
            File type = "ooTextFile"
            Object class = "TextGrid"

            0
            2
            <exists>
            1
            "IntervalTier"
            "words"
            0
            2
            2
            0
            NaN
            "一"
            1.5
            2
            "二"
            """
        let error = assertTranscriptError(try Fixtures.parse(text, as: .textgrid, name: "short.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "short.TextGrid", line: 14,
                                              reason: "expected a number for the xmax of interval 1 of tier 1, found \"NaN\""))
    }

    func testATierClaimingABillionIntervalsIsCutOffNotAnAllocation() throws {
        // Space for the claimed intervals is bounded by what the file can hold.
        let text = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n2\n<exists>\n1\n\"IntervalTier\"\n\"words\"\n0\n2\n999999999\n0\n1\n\"一\"\n"
        let error = assertTranscriptError(try Fixtures.parse(text, as: .textgrid, name: "claim.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "claim.TextGrid", line: 15,
                                              reason: "the file ends inside tier 1 (\"words\") after 1 of 999999999 intervals, while the xmin of interval 2 of tier 1 was expected (the file is cut off)"))
    }
}
