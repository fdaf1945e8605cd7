import Foundation
import XCTest
@testable import Transcripts

final class SubtitleReaderTests: XCTestCase {
    func testSubtitlesBecomeOneIntervalTierOfCuesWithTheirIdentifiers() throws {
        let srt = try Fixtures.read("aeneas__sonnet001_mu.srt")
        XCTAssertEqual(srt.tiers.count, 1)
        XCTAssertEqual(srt.tiers[0].name, SubtitleTier.name)
        XCTAssertEqual(srt.tiers[0].type, .interval)
        XCTAssertEqual(srt.tiers[0].annotations.map(\.id), (1...15).map(String.init))
        XCTAssertEqual(srt.tiers[0].annotations, try Fixtures.read("aeneas__sonnet001_mu.vtt").tiers[0].annotations)
    }

    func testATimingLineStartsANewCueEvenWithoutABlankLine() throws {
        // youtube-dl wrote cue 3's timing line straight after cue 2's text.
        let cues = try Fixtures.read("webvttpy__youtube_dl.vtt").tiers[0]
        XCTAssertEqual(cues.spans.map(\.start), [286070, 286470, 304080, 305069])
        XCTAssertEqual(cues.annotations[1].text, "yeah\n<c.colorCCCCCC>what</c>")
        XCTAssertEqual(cues.annotations[2].text.hasPrefix("this<00:05:04.199><c> will</c>"), true)
    }

    func testNoteStyleAndRegionBlocksAreSkippedAndIrregularTimesReadLeniently() throws {
        // A STYLE block broken by a blank line, NOTE blocks, "Region:" lines, a cue
        // without identifier, "00:01:39" without milliseconds and ".04" meaning 40 ms.
        let vtt = try Fixtures.read("astisub__example-in.vtt")
        XCTAssertEqual(vtt.tiers[0].annotations.map(\.id), ["1", "2", nil, "4", "5", "6"])
        XCTAssertEqual(vtt.tiers[0].spans, [
            Span(99000, 101040, "(deep rumbling)"),
            Span(124080, 127120, "MAN:\nHow did we end up here?"),
            Span(132160, 135200, "This place is horrible."),
            Span(140240, 142280, "Smells like balls."),
            Span(148320, 151360, "We don't belong\nin this shithole."),
            Span(151400, 153440, "(computer playing\nelectronic melody)"),
        ])
        XCTAssertEqual(try Fixtures.read("astisub__example-in-non-utf8.vtt").tiers, vtt.tiers)
    }

    func testWebVTTHoursAreOptionalAndCueSettingsAreIgnored() throws {
        let text = """
            WEBVTT - 方言 sample
            Kind: captions

            NOTE
            00:00.000 --> 00:01.000 is said inside a NOTE, which the block rules read as a cue

            intro
            01:02.500 --> 01:03.000 align:start position:10%,line-left
            我哋
            講嘢

            102:00:00.000 --> 102:00:01.001 line:0
            long recording
            """
        let vtt = try Fixtures.parse(text, as: .vtt)
        XCTAssertEqual(vtt.tiers[0].annotations, [
            Annotation(startMs: 0, endMs: 1000, text: "", id: "NOTE"),
            Annotation(startMs: 62500, endMs: 63000, text: "我哋\n講嘢", id: "intro"),
            Annotation(startMs: 367_200_000, endMs: 367_201_001, text: "long recording"),
        ])
    }

    func testGBKSubtitlesAreDetectedWhenNotUTF8() throws {
        // "1\n00:00:01,000 --> 00:00:02,500\n你好\n\n2\n…\n说话\n" saved as GBK.
        let bytes = Array("1\r\n00:00:01,000 --> 00:00:02,500\r\n".utf8) + [0xC4, 0xE3, 0xBA, 0xC3]
            + Array("\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n".utf8) + [0xCB, 0xB5, 0xBB, 0xB0] + Array("\r\n".utf8)
        let srt = try Fixtures.parse(bytes, as: .srt)
        XCTAssertEqual(srt.encoding, "gb18030")
        XCTAssertEqual(srt.tiers[0].spans, [Span(1000, 2500, "你好"), Span(3000, 4000, "说话")])
    }

    func testUTF16SubtitlesWithByteOrderMarkAreRead() throws {
        let text = "1\n00:00:01,000 --> 00:00:02,000\n日头出来\n"
        let bytes: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let srt = try Fixtures.parse(bytes, as: .srt)
        XCTAssertEqual(srt.encoding, "utf-16-be-bom")
        XCTAssertEqual(srt.tiers[0].spans, [Span(1000, 2000, "日头出来")])
    }

    func testSRTCueTextMayHoldBlankLinesAndCuesNeedNotBeSeparated() throws {
        let text = "1\n00:00:01,000 --> 00:00:02,000 X1:40 X2:600\nfirst line\n\nafter a blank line\n\n\n2\n00:00:03.5 --> 00:00:04,000\nsecond\n3\n00:00:05,000 --> 00:00:06,000\nthird"
        let srt = try Fixtures.parse(text, as: .srt)
        XCTAssertEqual(srt.tiers[0].annotations, [
            Annotation(startMs: 1000, endMs: 2000, text: "first line\n\nafter a blank line", id: "1"),
            Annotation(startMs: 3500, endMs: 4000, text: "second", id: "2"),
            Annotation(startMs: 5000, endMs: 6000, text: "third", id: "3"),
        ])
        XCTAssertEqual(srt.durationMs, 6000)
    }

    func testOnlyADigitLineRightAfterTextIsTakenForTheNextCuesNumber() throws {
        // "三" is a numeral to Unicode but text to a subtitle file.
        let text = "1\n00:00:01,000 --> 00:00:02,000\n一\n三\n00:00:03,000 --> 00:00:04,000\n四\n2\n00:00:05,000 --> 00:00:06,000\n五\n"
        XCTAssertEqual(try Fixtures.parse(text, as: .srt).tiers[0].annotations, [
            Annotation(startMs: 1000, endMs: 2000, text: "一\n三", id: "1"),
            Annotation(startMs: 3000, endMs: 4000, text: "四"),
            Annotation(startMs: 5000, endMs: 6000, text: "五", id: "2"),
        ])
    }

    func testCuesComeInTimeOrderWhateverTheFileOrder() throws {
        let text = "2\n00:00:05,000 --> 00:00:06,000\nlater\n\n1\n00:00:01,000 --> 00:00:02,000\nearlier\n"
        XCTAssertEqual(try Fixtures.parse(text, as: .srt).tiers[0].annotations.map(\.id), ["1", "2"])
    }
}
