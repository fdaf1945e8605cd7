import Foundation
import XCTest
@testable import Transcripts

/// ELAN files with one part made enormous are read in time and memory that grow with
/// the file, not faster. The time bounds are generous guards against a hang; the
/// transcript-benchmark measures the real figures.
final class HostileXMLTests: XCTestCase {
    private let slots = """
        <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>
        <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1000"/>
        """

    private func tier(value: String) -> String {
        """
        <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="t">
            <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                <ANNOTATION_VALUE>\(value)</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
        </TIER>
        """
    }

    /// Reads `text` as an ELAN file and returns the transcript with the seconds it took.
    private func timedRead(_ text: String) throws -> (Transcript, Double) {
        let data = Data(text.utf8)
        let started = Date()
        let transcript = try Transcript.read(data: data, format: .eaf, fileName: "big.eaf")
        return (transcript, Date().timeIntervalSince(started))
    }

    func testAnElementWithThreeHundredThousandAttributesIsReadInLinearTime() throws {
        var element = "<PROPERTY"
        for i in 0..<300_000 { element += " a\(i)=\"\(i)\"" }
        element += "/>"
        let (transcript, seconds) = try timedRead(Fixtures.eaf(slots: slots, tiers: tier(value: "x"), types: element))
        XCTAssertEqual(transcript.tiers.first?.spans, [Span(0, 1000, "x")])
        XCTAssertLessThan(seconds, 10, "300,000 attributes must not take quadratic time")
    }

    func testARepeatedAttributeAmongManyIsStillAnError() throws {
        var element = "<PROPERTY"
        for i in 0..<1000 { element += " a\(i)=\"\(i)\"" }
        element += " a500=\"again\"/>"
        let text = Fixtures.eaf(slots: slots, tiers: tier(value: "x"), types: element)
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "twice.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "twice.eaf", line: line(of: "<PROPERTY", in: text),
                                              reason: "attribute a500 appears twice in <PROPERTY>"))
    }

    func testElementsNestedTwoHundredThousandDeepAreReadWithoutRecursion() throws {
        let nested = String(repeating: "<n>", count: 200_000) + String(repeating: "</n>", count: 200_000)
        let (transcript, seconds) = try timedRead(Fixtures.eaf(slots: slots, tiers: tier(value: "x"), types: nested))
        XCTAssertEqual(transcript.tiers.first?.spans, [Span(0, 1000, "x")])
        XCTAssertLessThan(seconds, 10)
    }

    func testAnAttributeValueOfNineMegabytesIsReadInOnePass() throws {
        let long = String(repeating: "长", count: 3_000_000)
        let (transcript, seconds) = try timedRead(Fixtures.eaf(slots: slots, tiers: tier(value: "x").replacingOccurrences(of: "TIER_ID=\"t\"", with: "TIER_ID=\"\(long)\"")))
        XCTAssertEqual(transcript.tiers.first?.name.utf8.count, 9_000_000)
        XCTAssertLessThan(seconds, 10)
    }

    func testAnAnnotationValueSplitByManyCommentsIsJoinedInLinearTime() throws {
        let pieces = 300_000
        let value = String(repeating: "字<!-- -->", count: pieces) + "<![CDATA[&]]>"
        let (transcript, seconds) = try timedRead(Fixtures.eaf(slots: slots, tiers: tier(value: value)))
        XCTAssertEqual(transcript.tiers.first?.annotations.first?.text, String(repeating: "字", count: pieces) + "&")
        XCTAssertLessThan(seconds, 10, "joining the pieces must not copy the value once per piece")
    }

    func testParameterEntitiesAreRefusedWithoutExpansion() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE ANNOTATION_DOCUMENT [
              <!-- a comment may say <!ENTITY without declaring one -->
              <!ENTITY % lol "&#x25;lol;&#x25;lol;">
            ]>
            <ANNOTATION_DOCUMENT><HEADER/></ANNOTATION_DOCUMENT>
            """
        let error = assertTranscriptError(try Fixtures.parse(text, as: .eaf, name: "pe.eaf"))
        XCTAssertEqual(error, TranscriptError(file: "pe.eaf", line: 4, reason: "the DOCTYPE declares entities, which are refused: they can expand without bound or read other files"))
    }
}
