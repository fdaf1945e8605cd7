import Foundation
import XCTest
@testable import Transcripts

/// A line holding `-->` where a cue's timing line belongs is a timing line: when its
/// times cannot be read, reading stops with an error naming that line, instead of the
/// line and the cue after it becoming text of the cue before.
final class UnreadableTimingTests: XCTestCase {
    private func srt(secondTiming: String) -> String {
        "1\n00:00:01,000 --> 00:00:02,000\n第一句\n\n2\n\(secondTiming)\n第二句\n\n3\n00:00:05,000 --> 00:00:06,000\n第三句\n"
    }

    func testSRTCueWithUnreadableTimestampIsAnErrorWithItsLine() throws {
        let error = assertTranscriptError(try Fixtures.parse(srt(secondTiming: "00:00:01,0xx --> 00:00:02,000"), as: .srt, name: "x.srt"))
        XCTAssertEqual(error, TranscriptError(file: "x.srt", line: 6, reason: "cannot read the timing line \"00:00:01,0xx --> 00:00:02,000\""))
    }

    func testSRTMinutesOfSixtyOrMoreAreAnErrorNotText() throws {
        let error = assertTranscriptError(try Fixtures.parse(srt(secondTiming: "00:61:00,000 --> 00:61:01,000"), as: .srt, name: "x.srt"))
        XCTAssertEqual(error, TranscriptError(file: "x.srt", line: 6, reason: "cannot read the timing line \"00:61:00,000 --> 00:61:01,000\""))
    }

    func testSRTTimingLineWithGarbageIsAnError() throws {
        for garbage in ["00:00:03,000 --> soon", "about 00:00:03,000 --> 00:00:04,000", "-->"] {
            let error = assertTranscriptError(try Fixtures.parse(srt(secondTiming: garbage), as: .srt, name: "x.srt"))
            XCTAssertEqual(error, TranscriptError(file: "x.srt", line: 6, reason: "cannot read the timing line \"\(garbage)\""))
        }
    }

    func testSRTUnreadableTimingWithoutACueNumberIsAnErrorToo() throws {
        let text = "1\n00:00:01,000 --> 00:00:02,000\n第一句\n\n00:00:03.5 --> 00:00:0x,000\n第二句\n"
        let error = assertTranscriptError(try Fixtures.parse(text, as: .srt, name: "x.srt"))
        XCTAssertEqual(error, TranscriptError(file: "x.srt", line: 5, reason: "cannot read the timing line \"00:00:03.5 --> 00:00:0x,000\""))
    }

    func testSRTUnreadableTimingRightAfterCueTextIsAnErrorWhenACueNumberPrecedesIt() throws {
        // No blank line between cues: the number line still marks the timing line.
        let text = "1\n00:00:01,000 --> 00:00:02,000\n第一句\n2\n00:00:03,000 --> 00:00:04,00x\n第二句\n"
        let error = assertTranscriptError(try Fixtures.parse(text, as: .srt, name: "x.srt"))
        XCTAssertEqual(error?.line, 5)
    }

    func testSRTTextHoldingAnArrowInsideACueStaysText() throws {
        let text = "1\n00:00:01,000 --> 00:00:02,000\nA --> B\nthen B --> C\n\n2\n00:00:03,000 --> 00:00:04,000 X1:10 X2:20\nsecond\n"
        let cues = try Fixtures.parse(text, as: .srt).tiers[0]
        XCTAssertEqual(cues.spans, [Span(1000, 2000, "A --> B\nthen B --> C"), Span(3000, 4000, "second")])
    }

    func testWebVTTCueWithUnreadableTimestampIsAnErrorWithItsLine() throws {
        let text = """
            WEBVTT

            NOTE a note before the cues

            STYLE
            ::cue { color: yellow }

            intro
            00:01.000 --> 00:02.000 align:start
            第一句

            second
            00:00:03.000 --> 00:00:04.0x0 line:0
            第二句
            """
        let error = assertTranscriptError(try Fixtures.parse(text, as: .vtt, name: "x.vtt"))
        XCTAssertEqual(error, TranscriptError(file: "x.vtt", line: 13, reason: "cannot read the cue timing \"00:00:03.000 --> 00:00:04.0x0 line:0\""))
    }

    func testWebVTTUnreadableTimingDirectlyAfterCueTextIsAnErrorNotText() throws {
        let text = "WEBVTT\n\n00:01.000 --> 00:02.000\n第一句\n00:61.000 --> 01:02.000\n第二句\n"
        let error = assertTranscriptError(try Fixtures.parse(text, as: .vtt, name: "x.vtt"))
        XCTAssertEqual(error, TranscriptError(file: "x.vtt", line: 5, reason: "cannot read the cue timing \"00:61.000 --> 01:02.000\""))
    }
}
