import Foundation

/// A subtitle file as lines over its UTF-8 bytes. CR LF and lone CR end lines too, as
/// the WebVTT specification says and as SRT files from every platform need.
///
/// Lines are kept as byte ranges and made into strings only where a reader keeps
/// them, so that a large file costs little more than its own bytes.
struct SubtitleLines {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where each line's bytes begin and end (its line end excluded), as 32-bit offsets:
    /// a line table half the size of `Range<Int>`s, for files of millions of short lines.
    private var starts: [UInt32] = []
    private var ends: [UInt32] = []

    /// Calls `body` with the lines of `data` and the encoding it was found in.
    static func read<Result>(_ data: Data, fileName: String,
                             _ body: (SubtitleLines, String) throws -> Result) throws -> Result {
        guard data.count < Int(UInt32.max) else {
            throw TranscriptError(file: fileName, line: nil, reason: "a subtitle file of 4 GB or more is not a subtitle file")
        }
        return try TextDecoding.withUTF8(data, fileName: fileName, allowGB18030: true) { bytes, encoding in
            try body(SubtitleLines(bytes), encoding)
        }
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // Counted first so that the array is allocated once, at its final size.
        var lineEnds = 1
        for (i, byte) in bytes.enumerated() where byte == 0x0A || (byte == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
            lineEnds += 1
        }
        starts.reserveCapacity(lineEnds)
        ends.reserveCapacity(lineEnds)
        var start = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0A || byte == 0x0D {
                starts.append(UInt32(start))
                ends.append(UInt32(i))
                if byte == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count {
            starts.append(UInt32(start))
            ends.append(UInt32(bytes.count))
        }
    }

    var count: Int { starts.count }

    /// The bytes of line `index`, its line end excluded.
    private func range(_ index: Int) -> Range<Int> { Int(starts[index])..<Int(ends[index]) }

    /// How many lines hold `-->`: at most the number of cues.
    var arrowCount: Int { starts.indices.lazy.filter(hasArrow).count }

    /// The text of line `index` (0-based).
    subscript(index: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range(index)]), as: UTF8.self)
    }

    /// The text of line `index` without the spaces and tabs around it.
    func trimmed(_ index: Int) -> String {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        var line = bytes[range(index)].drop(while: isBlank)
        while let last = line.last, isBlank(last) { line = line.dropLast() }
        return String(decoding: line, as: UTF8.self)
    }

    func isEmpty(_ index: Int) -> Bool { range(index).isEmpty }

    /// Empty or only spaces and tabs.
    func isBlank(_ index: Int) -> Bool {
        bytes[range(index)].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Whether the line holds `-->`, the mark of a timing line.
    func hasArrow(_ index: Int) -> Bool {
        let range = range(index)
        var i = range.lowerBound
        while i + 3 <= range.upperBound {
            if bytes[i] == 0x2D && bytes[i + 1] == 0x2D && bytes[i + 2] == 0x3E { return true }
            i += 1
        }
        return false
    }

    /// The times of a line holding `-->`, or `nil` when they cannot be read.
    func timing(_ index: Int) -> SubtitleTiming? {
        hasArrow(index) ? SubtitleTiming(line: bytes[range(index)]) : nil
    }

    /// ASCII digits only, spaces around allowed: a line "三" before a timing line is
    /// text, not a cue number.
    func isCueNumber(_ index: Int) -> Bool {
        let line = bytes[range(index)].drop { $0 == 0x20 || $0 == 0x09 }
        let digits = line.prefix { (0x30...0x39).contains($0) }
        return !digits.isEmpty && line[digits.endIndex...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Lines `range` joined by `\n`.
    func text(_ range: Range<Int>) -> String {
        if range.count == 1 { return self[range.lowerBound] }
        return range.map { self[$0] }.joined(separator: "\n")
    }

    /// The single tier a subtitle file becomes, its cues in time order.
    static func transcript(format: Transcript.Format, encoding: String, cues: [Annotation]) -> Transcript {
        Transcript(format: format, encoding: encoding, media: [],
                   durationMs: cues.lazy.map(\.endMs).max(),
                   tiers: [Tier(name: SubtitleTier.name, type: .interval, annotations: Annotation.inTimeOrder(cues))])
    }
}

/// Subtitle files have no tiers; their cues are read into one interval tier of this
/// name, so that they search and export like any other transcript's segments.
public enum SubtitleTier {
    public static let name = "subtitles"
}
