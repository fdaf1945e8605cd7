import Foundation
import XCTest
@testable import Transcripts

/// Writing a transcript and reading it back must give the same model, except for what
/// the target format cannot hold; each such exception is stated here.
final class RoundTripTests: XCTestCase {
    func testEveryCorpusTranscriptReadsBackTheSameFromItsOwnFormat() throws {
        for url in try Fixtures.corpusTranscripts() {
            let name = url.lastPathComponent
            let original = try Transcript.read(contentsOf: url)
            let written = try original.data(as: original.format)
            let back = try Transcript.read(data: written, format: original.format, fileName: name)

            // Writers always write UTF-8, without a byte-order mark.
            let isASCII = written.allSatisfy { $0 < 0x80 }
            XCTAssertEqual(back.encoding, original.format == .eaf ? "utf-8" : (isASCII ? "ascii" : "utf-8"), name)
            var expected = original
            expected.encoding = back.encoding
            if original.format == .textgrid {
                // Praat interval tiers cover the whole grid: gaps come back as empty
                // intervals, and nothing else changes.
                let gridStart = original.startMs ?? 0
                let gridEnd = gridStart + (original.durationMs ?? 0)
                for t in expected.tiers.indices where expected.tiers[t].type == .interval {
                    expected.tiers[t].annotations = withGapsFilled(expected.tiers[t].annotations, from: gridStart, to: gridEnd)
                }
            }
            XCTAssertEqual(back, expected, name)
        }
    }

    func testGapFillingIsTheOnlyChangeForTextGridsWithGaps() throws {
        // Three corpus grids have gaps: an ELAN export, a tier starting after the grid,
        // and one interval boundary that rounds to 1 ms apart.
        var filled: [String] = []
        for url in try Fixtures.corpusTranscripts(.textgrid) {
            let original = try Transcript.read(contentsOf: url)
            let back = try Transcript.read(data: try original.data(as: .textgrid), format: .textgrid, fileName: "x")
            if back.tiers.map(\.annotations.count) != original.tiers.map(\.annotations.count) {
                filled.append(url.lastPathComponent)
            }
        }
        XCTAssertEqual(filled, ["kgtextgrid__long_format.TextGrid", "praatio__bobby_phones_elan.TextGrid", "rpraat__H.TextGrid"])
    }

    func testELANToTextGridToELANKeepsEveryAlignedAnnotation() throws {
        for url in try Fixtures.corpusTranscripts(.eaf) {
            let name = url.lastPathComponent
            let original = try Transcript.read(contentsOf: url)
            let grid = try Transcript.read(data: try original.data(as: .textgrid), format: .textgrid, fileName: "x.TextGrid")
            let back = try Transcript.read(data: try grid.data(as: .eaf), format: .eaf, fileName: "x.eaf")
            XCTAssertEqual(back.tiers.map(\.name), original.tiers.map(\.name), name)
            for (before, after) in zip(original.tiers, back.tiers) {
                // Reference tiers come back as interval tiers (TextGrid has no
                // references); their resolved times are kept like everything else.
                XCTAssertEqual(after.type, before.type == .point ? .point : .interval, "\(name) \(before.name)")
                let kept = after.spans.filter { span in !(span.text.isEmpty && !before.spans.contains(span)) }
                XCTAssertEqual(kept, before.spans, "\(name) \(before.name)")
            }
        }
    }

    func testSubtitlesSurviveTheOtherSubtitleFormat() throws {
        for url in try Fixtures.corpusTranscripts(.srt) + Fixtures.corpusTranscripts(.vtt) {
            let original = try Transcript.read(contentsOf: url)
            let other: Transcript.Format = original.format == .srt ? .vtt : .srt
            let back = try Transcript.read(data: try original.data(as: other), format: other, fileName: "x")
            XCTAssertEqual(back.tiers[0].spans, original.tiers[0].spans, url.lastPathComponent)
        }
    }

    /// Independent of the writer: the annotations with empty intervals in every gap.
    private func withGapsFilled(_ annotations: [Annotation], from start: Int, to end: Int) -> [Annotation] {
        var result: [Annotation] = []
        var cursor = min(start, annotations.first?.startMs ?? start)
        for annotation in annotations {
            if annotation.startMs > cursor { result.append(Annotation(startMs: cursor, endMs: annotation.startMs, text: "")) }
            result.append(annotation)
            cursor = annotation.endMs
        }
        if cursor < end { result.append(Annotation(startMs: cursor, endMs: end, text: "")) }
        return result
    }
}
