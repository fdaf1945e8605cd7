import Foundation

/// Reads WebVTT by the block rules of the W3C specification: after the `WEBVTT`
/// header block, a block is a cue when its first or second line holds `-->`; a line
/// holding `-->` further down starts a new block even without a blank line before it;
/// NOTE, STYLE and REGION blocks, and any other block without a timing line, are
/// skipped. Cue text is kept exactly, tags and all, with lines joined by `\n`.
///
/// Where the specification would silently drop a cue whose timing line it cannot
/// read, this reader reports it: an archive must not lose a subtitle unnoticed.
enum WebVTTReader {
    static func read(_ data: Data, fileName: String) throws -> Transcript {
        try SubtitleLines.read(data, fileName: fileName) { lines, encoding in
            SubtitleLines.transcript(format: .vtt, encoding: encoding, cues: try cues(lines, fileName: fileName))
        }
    }

    private static func cues(_ lines: SubtitleLines, fileName: String) throws -> [Annotation] {
        guard lines.count > 0, case let signature = lines[0], signature.hasPrefix("WEBVTT"),
              signature.count == 6 || signature.dropFirst(6).first == " " || signature.dropFirst(6).first == "\t" else {
            throw TranscriptError(file: fileName, line: 1, reason: "not a WebVTT file: the first line must be \"WEBVTT\"")
        }
        // The header block runs to the first blank line, or up to a timing line.
        var i = 1
        while i < lines.count && !lines.isEmpty(i) && !lines.hasArrow(i) { i += 1 }

        var cues: [Annotation] = []
        cues.reserveCapacity(lines.arrowCount)
        while i < lines.count {
            if lines.isEmpty(i) {
                i += 1
                continue
            }
            var lineCount = 0
            var sawArrow = false
            var identifier: String?
            var textStart = i
            var timing: SubtitleTiming?
            while i < lines.count {
                lineCount += 1
                if lines.hasArrow(i) {
                    guard lineCount == 1 || (lineCount == 2 && !sawArrow) else { break }
                    sawArrow = true
                    guard let parsed = lines.timing(i) else {
                        throw TranscriptError(file: fileName, line: i + 1, reason: "cannot read the cue timing \"\(lines[i])\"")
                    }
                    guard parsed.endMs >= parsed.startMs else {
                        throw TranscriptError(file: fileName, line: i + 1, reason: "the cue ends before it starts (\"\(lines[i])\")")
                    }
                    timing = parsed
                    identifier = lineCount == 2 ? lines[i - 1] : nil
                    textStart = i + 1
                } else if lines.isEmpty(i) {
                    break
                }
                i += 1
            }
            if let timing {
                cues.append(Annotation(startMs: timing.startMs, endMs: timing.endMs,
                                       text: lines.text(textStart..<i), id: identifier))
            }
        }
        return cues
    }
}
