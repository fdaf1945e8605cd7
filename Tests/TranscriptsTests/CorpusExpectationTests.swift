import Foundation
import XCTest
@testable import Transcripts

/// Every transcript of the third-party corpus against its independently computed
/// sidecar (`Fixtures/corpus/*.expected.json`, see `../shared/corpus/README.md`).
/// Where this reader deliberately differs (subdivision shares), the check says so and
/// `EAFReaderTests` explains it.
final class CorpusExpectationTests: XCTestCase {
    func testEveryCorpusTranscriptIsCheckedAndAttributed() throws {
        let files = try Fixtures.corpusTranscripts()
        XCTAssertEqual(files.count, 27)
        let attribution = try String(contentsOf: Fixtures.corpus.appendingPathComponent("ATTRIBUTION.tsv"), encoding: .utf8)
        let attributed = Set(attribution.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) })
        XCTAssertEqual(attributed, Set(files.map(\.lastPathComponent)))
        XCTAssertTrue(attribution.hasPrefix("file\tsource_repo\tsource_path\tsource_commit\tlicense\tnotes\n"))
    }

    func testTextGridsMatchTheirSidecars() throws {
        let files = try Fixtures.corpusTranscripts(.textgrid)
        XCTAssertEqual(files.count, 14)
        for url in files {
            let name = url.lastPathComponent
            let expected = try Fixtures.expectation(for: url)
            let transcript = try Transcript.read(contentsOf: url)
            XCTAssertEqual(transcript.format, .textgrid, name)
            XCTAssertEqual(transcript.encoding, expected["encoding"] as? String, name)
            XCTAssertEqual(transcript.durationMs, expected["duration_ms"] as? Int, name)
            XCTAssertEqual(transcript.startMs, expected["xmin_ms"] as? Int, name)
            XCTAssertEqual(transcript.media, [], name)
            let tiers = try XCTUnwrap(expected["tiers"] as? [[String: Any]], name)
            XCTAssertEqual(transcript.tiers.map(\.name), tiers.map { $0["name"] as? String ?? "?" }, name)
            for (tier, sidecar) in zip(transcript.tiers, tiers) {
                let context = "\(name) tier \(tier.name)"
                XCTAssertEqual(tier.type.rawValue, sidecar["type"] as? String, context)
                XCTAssertEqual(tier.annotations.count, sidecar["annotations"] as? Int, context)
                XCTAssertEqual(tier.annotations.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count,
                               sidecar["non_empty"] as? Int, context)
                XCTAssertEqual(tier.spans.first, span(sidecar["first"]), context)
                XCTAssertEqual(tier.spans.last, span(sidecar["last"]), context)
            }
        }
    }

    func testSubtitlesMatchTheirSidecars() throws {
        let files = try Fixtures.corpusTranscripts(.srt) + Fixtures.corpusTranscripts(.vtt)
        XCTAssertEqual(files.count, 9)
        for url in files {
            let name = url.lastPathComponent
            let expected = try Fixtures.expectation(for: url)
            let transcript = try Transcript.read(contentsOf: url)
            XCTAssertEqual(transcript.format.rawValue, expected["format"] as? String, name)
            XCTAssertEqual(transcript.encoding, expected["encoding"] as? String, name)
            XCTAssertEqual(transcript.tiers.map(\.name), ["subtitles"], name)
            let cues = try XCTUnwrap(transcript.tiers.first?.annotations, name)
            XCTAssertEqual(cues.count, expected["cues"] as? Int, name)
            for (cue, key) in [(cues.first, "first"), (cues.last, "last")] {
                let sidecar = try XCTUnwrap(expected[key] as? [String: Any], name)
                XCTAssertEqual(cue.map { Span($0.startMs, $0.endMs, $0.text) }, span(sidecar), "\(name) \(key)")
                XCTAssertEqual(cue?.id, sidecar["id"] as? String, "\(name) \(key) id")
            }
            // Subtitles state no length: it is where the last cue ends.
            XCTAssertEqual(transcript.durationMs, cues.map(\.endMs).max(), name)
        }
    }

    func testELANFilesMatchTheirSidecars() throws {
        let files = try Fixtures.corpusTranscripts(.eaf)
        XCTAssertEqual(files.count, 4)
        for url in files {
            let name = url.lastPathComponent
            let expected = try Fixtures.expectation(for: url)
            let transcript = try Transcript.read(contentsOf: url)
            XCTAssertEqual(transcript.format, .eaf, name)
            XCTAssertEqual(transcript.encoding, "utf-8", name)
            XCTAssertEqual(transcript.durationMs, expected["duration_ms"] as? Int, name)
            XCTAssertEqual(transcript.media, try mediaNames(expected["media"]), name)
            let tiers = try XCTUnwrap(expected["tiers"] as? [[String: Any]], name)
            XCTAssertEqual(transcript.tiers.map(\.name), tiers.map { $0["name"] as? String ?? "?" }, name)
            let byName = Dictionary(tiers.map { ($0["name"] as? String ?? "?", $0) }, uniquingKeysWith: { a, _ in a })
            for (tier, sidecar) in zip(transcript.tiers, tiers) {
                let context = "\(name) tier \(tier.name)"
                XCTAssertEqual(tier.type.rawValue, sidecar["type"] as? String, context)
                XCTAssertEqual(tier.annotations.count, sidecar["annotations"] as? Int, context)
                XCTAssertEqual(tier.linguisticType, sidecar["linguistic_type"] as? String, context)
                XCTAssertEqual(tier.constraint, sidecar["constraint"] as? String, context)
                XCTAssertEqual(tier.parent, sidecar["parent"] as? String, context)
                for (annotation, key) in [(tier.annotations.first, "first"), (tier.annotations.last, "last")] {
                    let entry = try XCTUnwrap(sidecar[key] as? [String: Any], context)
                    let side = try XCTUnwrap(span(entry), context)
                    let ours = try XCTUnwrap(annotation.map { Span($0.startMs, $0.endMs, $0.text) }, context)
                    XCTAssertEqual(ours.text, side.text, "\(context) \(key)")
                    if !isUnderSubdivision(sidecar, tiers: byName) {
                        XCTAssertEqual(ours, side, "\(context) \(key)")
                    } else if let division = entry["subdivision"] as? [String: Int], isAligned(sidecar["parent"], tiers: byName) {
                        // The sidecar gives the whole parent span and the child's place;
                        // this reader gives the child its equal share, as ELAN draws it.
                        let index = try XCTUnwrap(division["index"]), count = try XCTUnwrap(division["count"])
                        XCTAssertEqual(ours, Span(side.start + (side.end - side.start) * index / count,
                                                  side.start + (side.end - side.start) * (index + 1) / count, side.text),
                                       "\(context) \(key): equal share \(index) of \(count)")
                    } else {
                        // A share of a share: inside the aligned ancestor's span.
                        XCTAssertTrue(side.start <= ours.start && ours.end <= side.end && ours.start <= ours.end,
                                      "\(context) \(key): \(ours) should lie within \(side)")
                    }
                }
            }
        }
    }

    // MARK: - Sidecar helpers

    private func span(_ value: Any?) -> Span? {
        guard let entry = value as? [String: Any], let start = entry["start_ms"] as? Int,
              let end = entry["end_ms"] as? Int, let text = entry["text"] as? String else { return nil }
        return Span(start, end, text)
    }

    /// Media as the sidecar lists them (raw descriptor attributes), reduced the way the
    /// reader promises: the relative URL without its `file:` scheme, else the file name.
    private func mediaNames(_ value: Any?) throws -> [String] {
        let descriptors = try XCTUnwrap(value as? [[String: String]])
        return descriptors.map { descriptor in
            if var relative = descriptor["RELATIVE_MEDIA_URL"] {
                if relative.hasPrefix("file:") { relative.removeFirst(5) }
                if relative.hasPrefix("/./") { relative.removeFirst() }
                return relative
            }
            return String(descriptor["MEDIA_URL"]?.split(separator: "/").last ?? "")
        }
    }

    /// Whether this tier or one of its ancestors is a Symbolic_Subdivision tier.
    private func isUnderSubdivision(_ tier: [String: Any], tiers: [String: [String: Any]]) -> Bool {
        var current: [String: Any]? = tier
        var steps = 0
        while let tier = current, steps < 20 {
            if tier["constraint"] as? String == "Symbolic_Subdivision" { return true }
            current = (tier["parent"] as? String).flatMap { tiers[$0] }
            steps += 1
        }
        return false
    }

    private func isAligned(_ parent: Any?, tiers: [String: [String: Any]]) -> Bool {
        (parent as? String).flatMap { tiers[$0] }?["type"] as? String == "interval"
    }
}
