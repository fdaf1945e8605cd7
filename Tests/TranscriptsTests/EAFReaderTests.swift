import Foundation
import XCTest
@testable import Transcripts

final class EAFReaderTests: XCTestCase {
    // MARK: - Unaligned time slots

    func testUnalignedTimeSlotsAreInterpolated() throws {
        // ELAN demo material: "The quick brown fox 003" (a3, 8000–11000 ms) is
        // subdivided into five words whose inner slots ts39–ts42 have no TIME_VALUE.
        let transcript = try Fixtures.read("pympi__sample_2.7.eaf")
        let words = try XCTUnwrap(transcript.tiers.first { $0.name == "words-timesub" })
        let third = words.spans.filter { $0.start >= 8000 && $0.end <= 11000 }
        XCTAssertEqual(third, [Span(8000, 8600, "The"), Span(8600, 9200, "quick"), Span(9200, 9800, "brown"),
                               Span(9800, 10400, "fox"), Span(10400, 11000, "003")])
        // The sidecar leaves such times null (1965 annotations touch an unaligned slot);
        // none of them may come out as 0 here.
        XCTAssertFalse(words.annotations.contains { $0.startMs == 0 || $0.endMs == 0 })
        XCTAssertEqual(words.annotations.count, 1995)
    }

    func testInterpolationUsesTheTiersOwnSlotsNotTheDocumentsNeighbours() throws {
        // Slots of the gesture tier (and an unused one) lie between the word slots in
        // TIME_ORDER. Interpolating over the whole TIME_ORDER would put "a" at
        // 1200–1000; only the words' own aligned slots, 1000 and 4000, count.
        let text = Fixtures.eaf(slots: """
            <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
            <TIME_SLOT TIME_SLOT_ID="ts5" TIME_VALUE="1200"/>
            <TIME_SLOT TIME_SLOT_ID="ts2"/>
            <TIME_SLOT TIME_SLOT_ID="ts7" TIME_VALUE="1000"/>
            <TIME_SLOT TIME_SLOT_ID="ts3"/>
            <TIME_SLOT TIME_SLOT_ID="ts6" TIME_VALUE="3900"/>
            <TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="4000"/>
            """, tiers: """
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="utterance">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts4">
                    <ANNOTATION_VALUE>a b c</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="sub" PARENT_REF="utterance" TIER_ID="words">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                    <ANNOTATION_VALUE>a</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3">
                    <ANNOTATION_VALUE>b</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a4" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
                    <ANNOTATION_VALUE>c</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="gesture">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a5" TIME_SLOT_REF1="ts7" TIME_SLOT_REF2="ts6">
                    <ANNOTATION_VALUE>nod</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            """, types: """
            <LINGUISTIC_TYPE CONSTRAINTS="Time_Subdivision" LINGUISTIC_TYPE_ID="sub" TIME_ALIGNABLE="true"/>
            """)
        let transcript = try Fixtures.parse(text, as: .eaf)
        XCTAssertEqual(transcript.tiers[1].spans, [Span(1000, 2000, "a"), Span(2000, 3000, "b"), Span(3000, 4000, "c")])
        XCTAssertEqual(transcript.tiers[2].spans, [Span(1000, 3900, "nod")])
    }

    func testUnalignedSlotAtTheEdgeOfATierFallsBackOnTheNearestAlignedSlotOfTheDocument() throws {
        // The tier's own first slot has no value; the nearest aligned slot before it
        // in TIME_ORDER (500 ms, another tier's) stands in, one step before it.
        let text = Fixtures.eaf(slots: """
            <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="500"/>
            <TIME_SLOT TIME_SLOT_ID="ts2"/>
            <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="2000"/>
            """, tiers: """
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="other">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts3">
                    <ANNOTATION_VALUE>x</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="late">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3">
                    <ANNOTATION_VALUE>y</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            """)
        XCTAssertEqual(try Fixtures.parse(text, as: .eaf).tiers[1].spans, [Span(1250, 2000, "y")])
    }

    func testASlotWithNoAlignedSlotAnywhereIsAnErrorNotZero() throws {
        let text = Fixtures.eaf(slots: """
            <TIME_SLOT TIME_SLOT_ID="ts1"/>
            <TIME_SLOT TIME_SLOT_ID="ts2"/>
            """, tiers: """
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="t">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                    <ANNOTATION_VALUE>x</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            """)
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "lost.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "lost.eaf", line: line(of: "\"ts1\"", in: text),
                                              reason: "time slot ts1 has no TIME_VALUE and no aligned time slot to interpolate it from"))
    }

    // MARK: - Reference annotations

    /// A deliberate difference from the corpus sidecars. For a Symbolic_Subdivision
    /// tier the sidecar gives every child the whole span of its aligned ancestor plus
    /// `subdivision {index, count}`; this reader gives each child its equal share, as
    /// ELAN draws it, so that a search hit plays the word and not the whole sentence.
    func testSymbolicSubdivisionChildrenShareTheParentSpanInEqualParts() throws {
        let transcript = try Fixtures.read("poio__turkish.eaf")
        let words = try XCTUnwrap(transcript.tiers.first { $0.name == "P-Word" })
        // Sidecar: first "dün" 40–3590, subdivision {index 0, count 6}.
        // "dün akşam koşa koşa eve geldim" is six words over 3550 ms.
        XCTAssertEqual(Array(words.spans.prefix(6)), [
            Span(40, 631, "dün"), Span(631, 1223, "akşam"), Span(1223, 1815, "koşa"),
            Span(1815, 2406, "koşa"), Span(2406, 2998, "eve"), Span(2998, 3590, "geldim"),
        ])
        // Sidecar: last "söylüyordu" 40500–50100, subdivision {index 13, count 14}.
        XCTAssertEqual(words.spans.last, Span(40500 + 9600 * 13 / 14, 50100, "söylüyordu"))
    }

    func testNestedSubdivisionsDivideTheirParentsShare() throws {
        let transcript = try Fixtures.read("poio__turkish.eaf")
        let morphs = try XCTUnwrap(transcript.tiers.first { $0.name == "P-Morph" })
        let glosses = try XCTUnwrap(transcript.tiers.first { $0.name == "P-Gloss" })
        // The word "söylüyordu" (itself the 14th share, 49414–50100) is glossed as
        // söylü-yor-du: three shares of its 686 ms.
        XCTAssertEqual(Array(morphs.spans.suffix(3)), [Span(49414, 49642, "söylü"), Span(49642, 49871, "yor"), Span(49871, 50100, "du")])
        XCTAssertEqual(glosses.spans.last, Span(49871, 50100, "PAST"))
        XCTAssertEqual(glosses.spans.first, Span(40, 631, "yesterday"))
    }

    func testSubdivisionOrderFollowsThePreviousAnnotationChainNotDocumentOrder() throws {
        let text = Fixtures.eaf(slots: """
            <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>
            <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="3000"/>
            """, tiers: """
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="句子">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                    <ANNOTATION_VALUE>我吃饭</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="chars" PARENT_REF="句子" TIER_ID="字">
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a4" ANNOTATION_REF="a1" PREVIOUS_ANNOTATION="a3">
                    <ANNOTATION_VALUE>饭</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a1">
                    <ANNOTATION_VALUE>我</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a3" ANNOTATION_REF="a1" PREVIOUS_ANNOTATION="a2">
                    <ANNOTATION_VALUE>吃</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            """, types: """
            <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Subdivision" LINGUISTIC_TYPE_ID="chars" TIME_ALIGNABLE="false"/>
            """)
        let tier = try Fixtures.parse(text, as: .eaf).tiers[1]
        XCTAssertEqual(tier.type, .ref)
        XCTAssertEqual(tier.spans, [Span(0, 1000, "我"), Span(1000, 2000, "吃"), Span(2000, 3000, "饭")])
    }

    func testSeveralChildrenOfOneParentOnATierOfUnknownTypeDivideItsSpan() throws {
        // The tier names a linguistic type the file never defines; several children
        // of one parent can only be a subdivision.
        let text = Fixtures.eaf(slots: """
            <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>
            <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="900"/>
            """, tiers: """
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="word">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                    <ANNOTATION_VALUE>tɕi˥˧</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="undefined-type" PARENT_REF="word" TIER_ID="segments">
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a3" ANNOTATION_REF="a1" PREVIOUS_ANNOTATION="a2"><ANNOTATION_VALUE>i˥˧</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a1"><ANNOTATION_VALUE>tɕ</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            """)
        let tier = try Fixtures.parse(text, as: .eaf).tiers[1]
        XCTAssertNil(tier.constraint)
        XCTAssertEqual(tier.spans, [Span(0, 450, "tɕ"), Span(450, 900, "i˥˧")])
    }

    func testReferenceChainsSeveralLevelsDeepTakeTheirAlignedAncestorsSpan() throws {
        // IPA → tone → gloss → note, each a Symbolic_Association of the one above, under
        // a Time_Subdivision word whose end slot is unaligned.
        let text = Fixtures.eaf(slots: """
            <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
            <TIME_SLOT TIME_SLOT_ID="ts2"/>
            <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="2000"/>
            """, tiers: """
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="utterance">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts3">
                    <ANNOTATION_VALUE>太阳出来</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="sub" PARENT_REF="utterance" TIER_ID="word">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                    <ANNOTATION_VALUE>太阳</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3">
                    <ANNOTATION_VALUE>出来</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="assoc" PARENT_REF="word" TIER_ID="ipa">
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a4" ANNOTATION_REF="a3"><ANNOTATION_VALUE>tsʰu lɛ</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="assoc" PARENT_REF="ipa" TIER_ID="tone">
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a5" ANNOTATION_REF="a4"><ANNOTATION_VALUE>˥˧ ˨˩</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="assoc" PARENT_REF="tone" TIER_ID="gloss">
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a6" ANNOTATION_REF="a5"><ANNOTATION_VALUE>come out</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="assoc" PARENT_REF="gloss" TIER_ID="note">
                <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a7" ANNOTATION_REF="a6"><ANNOTATION_VALUE>verb</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            """, types: """
            <LINGUISTIC_TYPE CONSTRAINTS="Time_Subdivision" LINGUISTIC_TYPE_ID="sub" TIME_ALIGNABLE="true"/>
            <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" LINGUISTIC_TYPE_ID="assoc" TIME_ALIGNABLE="false"/>
            """)
        let transcript = try Fixtures.parse(text, as: .eaf)
        XCTAssertEqual(transcript.tiers.map(\.type), [.interval, .interval, .ref, .ref, .ref, .ref])
        XCTAssertEqual(transcript.tiers.map(\.parent), [nil, "utterance", "word", "ipa", "tone", "gloss"])
        XCTAssertEqual(transcript.tiers[1].spans, [Span(1000, 1500, "太阳"), Span(1500, 2000, "出来")])
        XCTAssertEqual(transcript.tiers[5].spans, [Span(1500, 2000, "verb")])
        XCTAssertEqual(transcript.tiers[3].spans, [Span(1500, 2000, "˥˧ ˨˩")])
    }

    func testReferenceTierUnderAnIncludedInTierTakesItsParentsSpan() throws {
        let transcript = try Fixtures.read("speach__fables_01_03_aesop_64kb.eaf")
        let chunks = try XCTUnwrap(transcript.tiers.first { $0.name == "StoryChunk" })
        let types = try XCTUnwrap(transcript.tiers.first { $0.name == "StoryChunkType" })
        XCTAssertEqual(chunks.constraint, "Included_In")
        let chunkSpans = Set(chunks.annotations.map { [$0.startMs, $0.endMs] })
        XCTAssertTrue(types.annotations.allSatisfy { chunkSpans.contains([$0.startMs, $0.endMs]) })
    }

    // MARK: - Header, slots and tiers

    func testTimeOriginShiftsEveryTimeIntoTheMediaFile() throws {
        let text = Fixtures.eaf(header: """
            <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
                <MEDIA_DESCRIPTOR MEDIA_URL="file:///rec/session.wav" MIME_TYPE="audio/x-wav" TIME_ORIGIN="2500"/>
            </HEADER>
            """, slots: """
            <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="100"/>
            <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="900"/>
            """, tiers: """
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="t">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                    <ANNOTATION_VALUE>x</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            """)
        let transcript = try Fixtures.parse(text, as: .eaf)
        XCTAssertEqual(transcript.tiers[0].spans, [Span(2600, 3400, "x")])
        XCTAssertEqual(transcript.durationMs, 3400)
        XCTAssertEqual(transcript.media, ["session.wav"])
    }

    func testMediaPreferTheRelativeURLThenTheFileNameOfTheAbsoluteOne() throws {
        let text = Fixtures.eaf(header: """
            <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
                <MEDIA_DESCRIPTOR MEDIA_URL="file:///C:/Users/field/2019/%E5%BD%95%E9%9F%B3%2001.wav" MIME_TYPE="audio/x-wav" RELATIVE_MEDIA_URL="../audio/%E5%BD%95%E9%9F%B3%2001.wav"/>
                <MEDIA_DESCRIPTOR MEDIA_URL="file:///home/someone/video/clip%201.mp4" MIME_TYPE="video/mp4"/>
                <MEDIA_DESCRIPTOR MEDIA_URL="file:///old/place/b.wav" MIME_TYPE="audio/x-wav" RELATIVE_MEDIA_URL="file:/./b.wav"/>
                <MEDIA_DESCRIPTOR MEDIA_URL="C:\\recordings\\100%.wav" MIME_TYPE="audio/x-wav"/>
            </HEADER>
            """, slots: "", tiers: "")
        XCTAssertEqual(try Fixtures.parse(text, as: .eaf).media, ["../audio/录音 01.wav", "clip 1.mp4", "./b.wav", "100%.wav"])
    }

    func testTimeSlotsListedOutOfTimeOrderKeepTheirValuesAndAnnotationsComeInTimeOrder() throws {
        let text = Fixtures.eaf(slots: """
            <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="3000"/>
            <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
            <TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="4000"/>
            <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2000"/>
            """, tiers: """
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="t">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
                    <ANNOTATION_VALUE>second</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                    <ANNOTATION_VALUE>first</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            """)
        let transcript = try Fixtures.parse(text, as: .eaf)
        XCTAssertEqual(transcript.tiers[0].spans, [Span(1000, 2000, "first"), Span(3000, 4000, "second")])
        XCTAssertEqual(transcript.durationMs, 4000)
    }

    func testTierAttributesBecomeParticipantLanguageTypeConstraintAndParent() throws {
        let text = Fixtures.eaf(slots: "", tiers: """
            <TIER LINGUISTIC_TYPE_REF="orth" PARTICIPANT="老男 Wang" LANG_REF="wuu" TIER_ID="Wang-汉字"/>
            <TIER LINGUISTIC_TYPE_REF="ipa" PARENT_REF="Wang-汉字" PARTICIPANT="老男 Wang" LANG_REF="wuu-fonipa" TIER_ID="Wang-IPA"/>
            """, types: """
            <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="orth" TIME_ALIGNABLE="true"/>
            <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" LINGUISTIC_TYPE_ID="ipa" TIME_ALIGNABLE="false"/>
            """)
        let tiers = try Fixtures.parse(text, as: .eaf).tiers
        XCTAssertEqual(tiers, [
            Tier(name: "Wang-汉字", type: .interval, participant: "老男 Wang", language: "wuu",
                 linguisticType: "orth"),
            // An empty tier takes its kind from its linguistic type.
            Tier(name: "Wang-IPA", type: .ref, participant: "老男 Wang", language: "wuu-fonipa",
                 parent: "Wang-汉字", linguisticType: "ipa", constraint: "Symbolic_Association"),
        ])
    }

    func testAnnotationTextIsDecodedButNeitherTrimmedNorNormalised() throws {
        let text = Fixtures.eaf(slots: """
            <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>
            <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="10"/>
            <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="20"/>
            <TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="30"/>
            """, tiers: """
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="t">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                    <ANNOTATION_VALUE> &lt;b&gt;說&amp;说&lt;/b&gt; &#x4E2D;&#25991;<![CDATA[<&>]]>\ttʰ˥˧\r\nend </ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3">
                    <ANNOTATION_VALUE></ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
                    <ANNOTATION_VALUE/></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            """)
        XCTAssertEqual(try Fixtures.parse(text, as: .eaf).tiers[0].annotations.map(\.text),
                       [" <b>說&说</b> 中文<&>\ttʰ˥˧\nend ", "", ""])
    }

    func testADocumentTypeThatOnlyNamesADTDIsAcceptedAndNothingIsFetched() throws {
        let text = Fixtures.eaf(slots: "", tiers: "<TIER LINGUISTIC_TYPE_REF=\"default-lt\" TIER_ID=\"t\"/>")
            .replacingOccurrences(of: "<ANNOTATION_DOCUMENT", with: "<!DOCTYPE ANNOTATION_DOCUMENT SYSTEM \"http://127.0.0.1:9/eaf.dtd\">\n<ANNOTATION_DOCUMENT")
        XCTAssertEqual(try Fixtures.parse(text, as: .eaf).tiers.map(\.name), ["t"])
    }

    // MARK: - Encodings

    func testUTF16DocumentWithByteOrderMarkIsRead() throws {
        let text = Fixtures.eaf(slots: """
            <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>
            <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="800"/>
            """, tiers: """
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="吴语">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                    <ANNOTATION_VALUE>日头𠮷</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            """).replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let transcript = try Fixtures.parse(bytes, as: .eaf)
        XCTAssertEqual(transcript.encoding, "utf-16-le-bom")
        XCTAssertEqual(transcript.tiers[0].name, "吴语")
        XCTAssertEqual(transcript.tiers[0].spans, [Span(0, 800, "日头𠮷")])
    }

    func testDeclaredLegacyEncodingIsConverted() throws {
        let head = Fixtures.eaf(slots: "", tiers: "<TIER LINGUISTIC_TYPE_REF=\"default-lt\" PARTICIPANT=\"CAFE\" TIER_ID=\"t\"/>")
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        var bytes = Array(head.utf8)
        let at = try XCTUnwrap(bytes.firstRange(of: Array("CAFE".utf8)))
        bytes[at.upperBound - 1] = 0xC9   // "CAFÉ" in Latin-1
        let transcript = try Fixtures.parse(bytes, as: .eaf)
        XCTAssertEqual(transcript.encoding, "iso-8859-1")
        XCTAssertEqual(transcript.tiers[0].participant, "CAFÉ")
    }
}
