import Foundation

/// Reads SubRip (.srt) subtitles: an optional cue number, a timing line, and text up to
/// the next cue. A cue's text may hold blank lines: it runs until the next timing line
/// (or the number line just before one), so a missing or extra blank line does not
/// shift cues; trailing blank lines are dropped.
///
/// A line holding `-->` where a timing line belongs (first or second line of a block,
/// or right after a cue number) is a timing line: if its times cannot be read, that is
/// an error naming the line, never text folded into the cue before it.
enum SRTReader {
    static func read(_ data: Data, fileName: String) throws -> Transcript {
        let file = try SubtitleLines(data, fileName: fileName)
        let lines = file.lines
        let timings: [SubtitleTiming?] = lines.map { $0.contains("-->") ? SubtitleTiming(line: $0) : nil }
        let isBlank: (Int) -> Bool = { lines[$0].allSatisfy { $0 == " " || $0 == "\t" } }
        let startsBlock: (Int) -> Bool = { k in k == 0 || isBlank(k - 1) }
        /// A readable timing line anywhere, or a line with `-->` where one belongs.
        let isTiming: (Int) -> Bool = { k in
            timings[k] != nil || (lines[k].contains("-->") &&
                (startsBlock(k) || isCueNumber(lines[k - 1]) ||
                    (startsBlock(k - 1) && !isBlank(k - 1) && !lines[k - 1].contains("-->"))))
        }
        /// A line that names the cue whose timing line follows it: a number, or any text
        /// standing after a blank line.
        let isIdentifier: (Int) -> Bool = { k in
            k + 1 < lines.count && isTiming(k + 1) && !isBlank(k) &&
                (startsBlock(k) || isCueNumber(lines[k]))
        }

        var cues: [Annotation] = []
        var i = 0
        while i < lines.count {
            if isBlank(i) {
                i += 1
                continue
            }
            var identifier: String?
            if !isTiming(i) {
                guard isIdentifier(i) else {
                    let reason = lines[i].contains("-->")
                        ? "cannot read the timing line \"\(lines[i])\""
                        : "expected a subtitle number or a timing line, found \"\(lines[i].prefix(60))\""
                    throw TranscriptError(file: fileName, line: i + 1, reason: reason)
                }
                identifier = lines[i].trimmingCharacters(in: .whitespaces)
                i += 1
            }
            guard let timing = timings[i] else {
                throw TranscriptError(file: fileName, line: i + 1, reason: "cannot read the timing line \"\(lines[i])\"")
            }
            guard timing.endMs >= timing.startMs else {
                throw TranscriptError(file: fileName, line: i + 1, reason: "the subtitle ends before it starts (\"\(lines[i])\")")
            }
            var end = i + 1
            while end < lines.count && !isTiming(end) && !isIdentifier(end) { end += 1 }
            var textEnd = end
            while textEnd > i + 1 && isBlank(textEnd - 1) { textEnd -= 1 }
            cues.append(Annotation(startMs: timing.startMs, endMs: timing.endMs,
                                   text: lines[(i + 1)..<textEnd].joined(separator: "\n"), id: identifier))
            i = end
        }
        return SubtitleLines.transcript(format: .srt, encoding: file.encoding, cues: cues)
    }

    /// ASCII digits only: a line "三" before a timing line is text, not a cue number.
    private static func isCueNumber(_ line: String) -> Bool {
        let digits = line.trimmingCharacters(in: .whitespaces)
        return !digits.isEmpty && digits.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
