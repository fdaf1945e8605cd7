import Foundation
import XCTest
@testable import Transcripts

final class InspectJSONTests: XCTestCase {
    func testInspectJSONHasTheDesignShapeWithExplicitNulls() throws {
        let transcript = try Fixtures.read("speach__fables_01_03_aesop_64kb.eaf")
        let data = try transcript.inspectJSON(file: "fables.eaf")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["kind", "file", "format", "encoding", "media", "duration_ms", "tiers"])
        XCTAssertEqual(json["kind"] as? String, "transcript")
        XCTAssertEqual(json["file"] as? String, "fables.eaf")
        XCTAssertEqual(json["format"] as? String, "eaf")
        XCTAssertEqual(json["encoding"] as? String, "utf-8")
        XCTAssertEqual(json["media"] as? [String], ["./fables_01_03_aesop_64kb.wav"])
        XCTAssertEqual(json["duration_ms"] as? Int, 97958)
        let tiers = try XCTUnwrap(json["tiers"] as? [[String: Any]])
        XCTAssertEqual(tiers.count, 5)
        let story = tiers[0]
        XCTAssertEqual(Set(story.keys), ["name", "type", "participant", "parent", "annotations"])
        XCTAssertEqual(story["name"] as? String, "Story")
        XCTAssertEqual(story["type"] as? String, "interval")
        XCTAssertTrue(story["parent"] is NSNull, "a missing parent is an explicit null")
        let first = try XCTUnwrap((story["annotations"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(first.keys), ["start_ms", "end_ms", "text"])
        XCTAssertEqual(first["start_ms"] as? Int, 610)
        XCTAssertEqual(first["end_ms"] as? Int, 2710)
        XCTAssertEqual(first["text"] as? String, "This is a libriVox recording")
        XCTAssertEqual(tiers[3]["type"] as? String, "ref")
        XCTAssertEqual(tiers[3]["parent"] as? String, "StoryChunk")
        // Slashes stay readable.
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"./fables_01_03_aesop_64kb.wav\""))
    }

    func testUnknownDurationAndParticipantAreNull() throws {
        let transcript = Transcript(format: .srt, tiers: [Tier(name: "subtitles", type: .interval)])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: transcript.inspectJSON(file: "a.srt")) as? [String: Any])
        XCTAssertTrue(json["duration_ms"] is NSNull)
        let tier = try XCTUnwrap((json["tiers"] as? [[String: Any]])?.first)
        XCTAssertTrue(tier["participant"] is NSNull)
        XCTAssertEqual((tier["annotations"] as? [Any])?.count, 0)
    }

    func testTheSameTranscriptAlwaysGivesTheSameBytes() throws {
        let transcript = try Fixtures.read("praatio__mary.TextGrid")
        XCTAssertEqual(try transcript.inspectJSON(file: "mary.TextGrid"), try transcript.inspectJSON(file: "mary.TextGrid"))
        let text = String(decoding: try transcript.inspectJSON(file: "mary.TextGrid"), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("{\n  \"duration_ms\" : 1870,\n  \"encoding\" : \"utf-8\",\n"), text)
    }
}
