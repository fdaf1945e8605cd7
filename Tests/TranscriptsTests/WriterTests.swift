import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Transcripts

final class WriterTests: XCTestCase {
    /// A sentence with a Time_Subdivision into characters, an IPA Symbolic_Association
    /// of the sentence, and a Symbolic_Subdivision into syllables.
    private let survey = Transcript(format: .eaf, media: ["./杭州 老男.wav"], durationMs: 5000, tiers: [
        Tier(name: "句子", type: .interval, participant: "老男", language: "wuu", linguisticType: "orthography",
             annotations: [Annotation(startMs: 1000, endMs: 2500, text: "日头出来"), Annotation(startMs: 3000, endMs: 4000, text: "落雨")]),
        Tier(name: "字", type: .interval, participant: "老男", parent: "句子", linguisticType: "character", constraint: "Time_Subdivision",
             annotations: [Annotation(startMs: 1000, endMs: 1500, text: "日头"), Annotation(startMs: 1500, endMs: 2500, text: "出来")]),
        Tier(name: "IPA", type: .ref, parent: "句子", linguisticType: "ipa", constraint: "Symbolic_Association",
             annotations: [Annotation(startMs: 1000, endMs: 2500, text: "n̩ʔ˨ dei˨ tsʰəʔ˥ lɛ˨"), Annotation(startMs: 3000, endMs: 4000, text: "loʔ˨ y˨")]),
        Tier(name: "音节", type: .ref, parent: "IPA", linguisticType: "syllable", constraint: "Symbolic_Subdivision",
             annotations: [Annotation(startMs: 1000, endMs: 1750, text: "n̩ʔ˨ dei˨"), Annotation(startMs: 1750, endMs: 2500, text: "tsʰəʔ˥ lɛ˨")]),
    ])

    // MARK: - ELAN

    func testWrittenELANReadsBackAsTheSameTranscript() throws {
        let written = try survey.data(as: .eaf)
        XCTAssertEqual(try Transcript.read(data: written, format: .eaf, fileName: "out.eaf"), survey)
    }

    func testWrittenELANIsWellFormedForAnIndependentXMLParser() throws {
        let parser = XMLParser(data: try survey.data(as: .eaf))
        XCTAssertTrue(parser.parse(), String(describing: parser.parserError))
    }

    func testWrittenELANHasTheStructureELANExpects() throws {
        let xml = String(decoding: try survey.data(as: .eaf), as: UTF8.self)
        XCTAssertTrue(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\""))
        XCTAssertTrue(xml.contains("FORMAT=\"3.0\" VERSION=\"3.0\""))
        // Document order required by the EAF 3.0 schema.
        let order = ["<HEADER", "<TIME_ORDER>", "<TIER", "<LINGUISTIC_TYPE", "<LANGUAGE", "<CONSTRAINT"]
        let positions = order.map { xml.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil))
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
        // Characters subdivide the sentence in time: they share its two outer slots
        // and one inner slot, so 2 sentences × 2 slots + 1 inner slot + the span's end.
        XCTAssertEqual(xml.components(separatedBy: "<TIME_SLOT ").count - 1, 6)
        XCTAssertTrue(xml.contains("<ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts3\">"))
        XCTAssertTrue(xml.contains("<ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a3\" TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts2\">"))
        XCTAssertTrue(xml.contains("<ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a4\" TIME_SLOT_REF1=\"ts2\" TIME_SLOT_REF2=\"ts3\">"))
        XCTAssertTrue(xml.contains("<TIME_SLOT TIME_SLOT_ID=\"ts6\" TIME_VALUE=\"5000\"/>"))
        XCTAssertTrue(xml.contains("<REF_ANNOTATION ANNOTATION_ID=\"a5\" ANNOTATION_REF=\"a1\">"))
        XCTAssertTrue(xml.contains("<REF_ANNOTATION ANNOTATION_ID=\"a7\" ANNOTATION_REF=\"a5\">"))
        XCTAssertTrue(xml.contains("<REF_ANNOTATION ANNOTATION_ID=\"a8\" ANNOTATION_REF=\"a5\" PREVIOUS_ANNOTATION=\"a7\">"))
        XCTAssertTrue(xml.contains("<TIER LINGUISTIC_TYPE_REF=\"syllable\" PARENT_REF=\"IPA\" TIER_ID=\"音节\">"))
        XCTAssertTrue(xml.contains("<LINGUISTIC_TYPE CONSTRAINTS=\"Time_Subdivision\" GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"character\" TIME_ALIGNABLE=\"true\"/>"))
        XCTAssertTrue(xml.contains("<LINGUISTIC_TYPE CONSTRAINTS=\"Symbolic_Association\" GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"ipa\" TIME_ALIGNABLE=\"false\"/>"))
        XCTAssertTrue(xml.contains("<LANGUAGE LANG_ID=\"wuu\"/>"))
        XCTAssertEqual(xml.components(separatedBy: "<CONSTRAINT ").count - 1, 4)
        XCTAssertTrue(xml.contains("<MEDIA_DESCRIPTOR MEDIA_URL=\"./%E6%9D%AD%E5%B7%9E%20%E8%80%81%E7%94%B7.wav\" MIME_TYPE=\"audio/x-wav\" RELATIVE_MEDIA_URL=\"./%E6%9D%AD%E5%B7%9E%20%E8%80%81%E7%94%B7.wav\"/>"))
    }

    func testTiersWithoutELANDetailsGetLinguisticTypesAndConstraintsThatFit() throws {
        let grid = Transcript(format: .textgrid, tiers: [
            Tier(name: "words", type: .interval, annotations: [Annotation(startMs: 0, endMs: 500, text: "a")]),
            Tier(name: "words", type: .interval, annotations: [Annotation(startMs: 0, endMs: 500, text: "b")]),
            Tier(name: "gloss", type: .ref, parent: "words", annotations: [Annotation(startMs: 0, endMs: 500, text: "A")]),
            Tier(name: "tone", type: .point, annotations: [Annotation(startMs: 250, endMs: 250, text: "H")]),
        ])
        let back = try Transcript.read(data: try grid.data(as: .eaf), format: .eaf, fileName: "x.eaf")
        // ELAN needs unique tier ids; a Praat grid may repeat a name.
        XCTAssertEqual(back.tiers.map(\.name), ["words", "words (2)", "gloss", "tone"])
        XCTAssertEqual(back.tiers.map(\.constraint), [nil, nil, "Symbolic_Association", nil])
        XCTAssertEqual(back.tiers.map(\.linguisticType), ["default-lt", "default-lt", "Symbolic_Association", "default-lt"])
        XCTAssertEqual(back.tiers[2].spans, [Span(0, 500, "A")])
        XCTAssertEqual(back.tiers[3].spans, [Span(250, 250, "H")])
    }

    func testELANTextKeepsMarkupCharactersAndLineBreaks() throws {
        let transcript = Transcript(format: .eaf, tiers: [
            Tier(name: "a<b> & \"c\"\n", type: .interval, participant: "tab\there",
                 annotations: [Annotation(startMs: 0, endMs: 10, text: "<i>x</i> & y\r\nz\tw ")]),
        ])
        XCTAssertEqual(try Transcript.read(data: try transcript.data(as: .eaf), format: .eaf, fileName: "x.eaf").tiers,
                       [Tier(name: "a<b> & \"c\"\n", type: .interval, participant: "tab\there", linguisticType: "default-lt",
                             annotations: [Annotation(startMs: 0, endMs: 10, text: "<i>x</i> & y\r\nz\tw ")])])
    }

    func testAControlCharacterXMLCannotHoldIsRefused() {
        let transcript = Transcript(format: .textgrid, tiers: [
            Tier(name: "t", type: .interval, annotations: [Annotation(startMs: 0, endMs: 10, text: "bell\u{7}")]),
        ])
        XCTAssertEqual(assertTranscriptError(try transcript.data(as: .eaf))?.reason,
                       "the text \"bell\u{7}\" contains the control character U+7, which XML cannot hold")
    }

    func testAReferenceOutsideEveryParentAnnotationIsRefused() {
        let transcript = Transcript(format: .eaf, tiers: [
            Tier(name: "utterance", type: .interval, annotations: [Annotation(startMs: 0, endMs: 10, text: "x")]),
            Tier(name: "gloss", type: .ref, parent: "utterance", annotations: [Annotation(startMs: 20, endMs: 30, text: "y")]),
        ])
        XCTAssertEqual(assertTranscriptError(try transcript.data(as: .eaf))?.reason,
                       "annotation \"y\" at 0.02–0.03 s on reference tier \"gloss\" lies outside every annotation of its parent tier \"utterance\"")
    }

    func testTimesBeforeZeroAreRefusedByELANAndAbsurdTimesByEveryWriter() {
        let early = Transcript(format: .textgrid, tiers: [Tier(name: "t", type: .interval, annotations: [Annotation(startMs: -5, endMs: 10, text: "x")])])
        XCTAssertEqual(assertTranscriptError(try early.data(as: .eaf))?.reason,
                       "annotation \"x\" on tier \"t\" starts before time zero, which ELAN cannot hold")
        XCTAssertEqual(try Transcript.read(data: try early.data(as: .textgrid), format: .textgrid, fileName: "x").tiers[0].spans,
                       [Span(-5, 10, "x")])
        let absurd = Transcript(format: .eaf, durationMs: Int.max, tiers: [])
        for format in Transcript.Format.allCases {
            XCTAssertEqual(assertTranscriptError(try absurd.data(as: format))?.reason,
                           "the time \(Int.max) ms is beyond what any recording can have", format.rawValue)
        }
    }

    // MARK: - TextGrid

    func testTextGridIntervalTiersAreFilledToCoverTheGrid() throws {
        let transcript = Transcript(format: .eaf, durationMs: 1000, tiers: [
            Tier(name: "words", type: .interval, annotations: [Annotation(startMs: 100, endMs: 200, text: "a"), Annotation(startMs: 500, endMs: 600, text: "b")]),
            Tier(name: "tones", type: .point, annotations: [Annotation(startMs: 150, endMs: 150, text: "H")]),
        ])
        let text = String(decoding: try transcript.data(as: .textgrid), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0 \nxmax = 1 \ntiers? <exists> \nsize = 2 \nitem []: \n"))
        XCTAssertTrue(text.contains("class = \"TextTier\""))
        XCTAssertTrue(text.contains("        intervals: size = 5 \n"))
        let back = try Transcript.read(data: Data(text.utf8), format: .textgrid, fileName: "x.TextGrid")
        XCTAssertEqual(back.tiers[0].spans, [Span(0, 100, ""), Span(100, 200, "a"), Span(200, 500, ""), Span(500, 600, "b"), Span(600, 1000, "")])
        XCTAssertEqual(back.tiers[1].spans, [Span(150, 150, "H")])
        XCTAssertEqual(back.durationMs, 1000)
        XCTAssertEqual(back.startMs, 0)
    }

    func testTextGridRefusesOverlappingIntervalsInOneTier() {
        let transcript = Transcript(format: .srt, tiers: [
            Tier(name: "subtitles", type: .interval, annotations: [Annotation(startMs: 0, endMs: 2000, text: "a"), Annotation(startMs: 1500, endMs: 2500, text: "b")]),
        ])
        XCTAssertEqual(assertTranscriptError(try transcript.data(as: .textgrid))?.reason,
                       "tier \"subtitles\" has overlapping annotations (0–2 s and 1.5–2.5 s), which a TextGrid interval tier cannot hold")
    }

    // MARK: - Subtitles

    func testWebVTTCuesComeFromEveryIntervalAndReferenceTierInTimeOrder() throws {
        // By start, then end, then tier order.
        let text = String(decoding: try survey.data(as: .vtt), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("""
            WEBVTT

            00:00:01.000 --> 00:00:01.500
            日头

            00:00:01.000 --> 00:00:01.750
            n̩ʔ˨ dei˨

            00:00:01.000 --> 00:00:02.500
            日头出来

            00:00:01.000 --> 00:00:02.500
            n̩ʔ˨ dei˨ tsʰəʔ˥ lɛ˨

            """), text)
        let back = try Transcript.read(data: Data(text.utf8), format: .vtt, fileName: "x.vtt")
        XCTAssertEqual(back.tiers[0].annotations.count, 8)
    }

    func testWebVTTKeepsCueIdentifiersAndLongHours() throws {
        let transcript = Transcript(format: .vtt, tiers: [Tier(name: "subtitles", type: .interval, annotations: [
            Annotation(startMs: 367_200_000, endMs: 367_201_500, text: "<v 老男>好</v>\n第二行", id: "从大海到大海"),
        ])])
        let text = String(decoding: try transcript.data(as: .vtt), as: UTF8.self)
        XCTAssertEqual(text, "WEBVTT\n\n从大海到大海\n102:00:00.000 --> 102:00:01.500\n<v 老男>好</v>\n第二行\n")
    }

    func testWebVTTRefusesABlankLineOrAnArrowInsideACue() {
        for text in ["one\n\ntwo", "a --> b"] {
            let transcript = Transcript(format: .textgrid, tiers: [Tier(name: "t", type: .interval, annotations: [Annotation(startMs: 0, endMs: 1, text: text)])])
            XCTAssertNotNil(assertTranscriptError(try transcript.data(as: .vtt)), text)
        }
    }

    func testSubRipNumbersCuesInTimeOrder() throws {
        let transcript = Transcript(format: .vtt, tiers: [Tier(name: "subtitles", type: .interval, annotations: [
            Annotation(startMs: 0, endMs: 1000, text: "一", id: "x"),
            Annotation(startMs: 3_600_000, endMs: 3_601_001, text: "二\n三", id: "y"),
        ])])
        XCTAssertEqual(String(decoding: try transcript.data(as: .srt), as: UTF8.self),
                       "1\n00:00:00,000 --> 00:00:01,000\n一\n\n2\n01:00:00,000 --> 01:00:01,001\n二\n三\n")
    }
}
