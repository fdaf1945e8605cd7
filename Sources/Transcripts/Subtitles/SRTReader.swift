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
        try SubtitleLines.read(data, fileName: fileName) { lines, encoding in
            SubtitleLines.transcript(format: .srt, encoding: encoding, cues: try cues(lines, fileName: fileName))
        }
    }

    private static func cues(_ lines: SubtitleLines, fileName: String) throws -> [Annotation] {
        let startsBlock: (Int) -> Bool = { k in k == 0 || lines.isBlank(k - 1) }
        /// A readable timing line anywhere, or a line with `-->` where one belongs.
        let isTiming: (Int) -> Bool = { k in
            guard lines.hasArrow(k) else { return false }
            return lines.timing(k) != nil || startsBlock(k) || lines.isCueNumber(k - 1) ||
                (startsBlock(k - 1) && !lines.isBlank(k - 1) && !lines.hasArrow(k - 1))
        }
        /// A line that names the cue whose timing line follows it: a number, or any text
        /// standing after a blank line.
        let isIdentifier: (Int) -> Bool = { k in
            k + 1 < lines.count && isTiming(k + 1) && !lines.isBlank(k) &&
                (startsBlock(k) || lines.isCueNumber(k))
        }

        var cues: [Annotation] = []
        cues.reserveCapacity(lines.arrowCount)
        var i = 0
        while i < lines.count {
            if lines.isBlank(i) {
                i += 1
                continue
            }
            var identifier: String?
            if !isTiming(i) {
                guard isIdentifier(i) else {
                    let reason = lines.hasArrow(i)
                        ? "cannot read the timing line \"\(lines[i])\""
                        : "expected a subtitle number or a timing line, found \"\(lines[i].prefix(60))\""
                    throw TranscriptError(file: fileName, line: i + 1, reason: reason)
                }
                identifier = lines.trimmed(i)
                i += 1
            }
            guard let timing = lines.timing(i) else {
                throw TranscriptError(file: fileName, line: i + 1, reason: "cannot read the timing line \"\(lines[i])\"")
            }
            guard timing.endMs >= timing.startMs else {
                throw TranscriptError(file: fileName, line: i + 1, reason: "the subtitle ends before it starts (\"\(lines[i])\")")
            }
            var end = i + 1
            while end < lines.count && !isTiming(end) && !isIdentifier(end) { end += 1 }
            var textEnd = end
            while textEnd > i + 1 && lines.isBlank(textEnd - 1) { textEnd -= 1 }
            cues.append(Annotation(startMs: timing.startMs, endMs: timing.endMs,
                                   text: lines.text((i + 1)..<textEnd), id: identifier))
            i = end
        }
        return cues
    }
}
