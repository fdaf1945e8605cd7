import Foundation
import XCTest
@testable import Transcripts

/// Test files: the third-party corpus copied from `../shared/corpus` (with its
/// expectation sidecars and attribution) and small documents written inline by tests.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let corpus = directory.appendingPathComponent("corpus")

    /// Every transcript in the corpus, sorted by name.
    static func corpusTranscripts() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)
            .filter { Transcript.format(forFileName: $0.lastPathComponent) != nil }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func corpusTranscripts(_ format: Transcript.Format) throws -> [URL] {
        try corpusTranscripts().filter { Transcript.format(forFileName: $0.lastPathComponent) == format }
    }

    static func url(_ name: String) -> URL {
        corpus.appendingPathComponent(name)
    }

    static func read(_ name: String) throws -> Transcript {
        try Transcript.read(contentsOf: url(name))
    }

    /// The `<file>.expected.json` sidecar of a corpus file.
    static func expectation(for url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: url.path + ".expected.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Reads a document given inline, as if it came from a file called `name`.
    static func parse(_ text: String, as format: Transcript.Format, name: String? = nil) throws -> Transcript {
        try Transcript.read(data: Data(text.utf8), format: format, fileName: name ?? "test.\(format.rawValue)")
    }

    static func parse(_ bytes: [UInt8], as format: Transcript.Format, name: String? = nil) throws -> Transcript {
        try Transcript.read(data: Data(bytes), format: format, fileName: name ?? "test.\(format.rawValue)")
    }

    /// A minimal ELAN document around the given time slots, tiers and linguistic types.
    static func eaf(header: String = "<HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\"/>",
                    slots: String, tiers: String, types: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-01-01T00:00:00+00:00" FORMAT="3.0" VERSION="3.0">
            \(header)
            <TIME_ORDER>
        \(slots)
            </TIME_ORDER>
        \(tiers)
            <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>
        \(types)
        </ANNOTATION_DOCUMENT>
        """
    }
}

/// Asserts that `body` throws exactly a `TranscriptError` and returns it.
@discardableResult
func assertTranscriptError(_ body: @autoclosure () throws -> Any, file: StaticString = #filePath, line: UInt = #line) -> TranscriptError? {
    do {
        _ = try body()
        XCTFail("expected a TranscriptError, but reading succeeded", file: file, line: line)
    } catch let error as TranscriptError {
        return error
    } catch {
        XCTFail("expected a TranscriptError, got \(type(of: error)): \(error)", file: file, line: line)
    }
    return nil
}

extension Tier {
    /// (start, end, text) of every annotation, for compact comparisons.
    var spans: [Span] { annotations.map { Span($0.startMs, $0.endMs, $0.text) } }
}

struct Span: Equatable, CustomStringConvertible {
    var start: Int
    var end: Int
    var text: String
    init(_ start: Int, _ end: Int, _ text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
    var description: String { "\(start)–\(end) \(text.debugDescription)" }
}

/// The 1-based line on which `marker` first occurs in `text`.
func line(of marker: String, in text: String) -> Int? {
    guard let range = text.range(of: marker) else { return nil }
    return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
}
