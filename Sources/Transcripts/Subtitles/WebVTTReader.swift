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
        let file = try SubtitleLines(data, fileName: fileName)
        let lines = file.lines
        guard let signature = lines.first, signature.hasPrefix("WEBVTT"),
              signature.count == 6 || signature.dropFirst(6).first == " " || signature.dropFirst(6).first == "\t" else {
            throw TranscriptError(file: fileName, line: 1, reason: "not a WebVTT file: the first line must be \"WEBVTT\"")
        }
        // The header block runs to the first blank line, or up to a timing line.
        var i = 1
        while i < lines.count && !lines[i].isEmpty && !lines[i].contains("-->") { i += 1 }

        var cues: [Annotation] = []
        while i < lines.count {
            if lines[i].isEmpty {
                i += 1
                continue
            }
            var lineCount = 0
            var sawArrow = false
            var identifier: String?
            var buffer: [String] = []
            var timing: SubtitleTiming?
            while i < lines.count {
                let line = lines[i]
                lineCount += 1
                if line.contains("-->") {
                    guard lineCount == 1 || (lineCount == 2 && !sawArrow) else { break }
                    sawArrow = true
                    guard let parsed = SubtitleTiming(line: line) else {
                        throw TranscriptError(file: fileName, line: i + 1, reason: "cannot read the cue timing \"\(line)\"")
                    }
                    guard parsed.endMs >= parsed.startMs else {
                        throw TranscriptError(file: fileName, line: i + 1, reason: "the cue ends before it starts (\"\(line)\")")
                    }
                    timing = parsed
                    identifier = buffer.first
                    buffer = []
                } else if line.isEmpty {
                    break
                } else {
                    buffer.append(line)
                }
                i += 1
            }
            if let timing {
                cues.append(Annotation(startMs: timing.startMs, endMs: timing.endMs,
                                       text: buffer.joined(separator: "\n"), id: identifier))
            }
        }
        return SubtitleLines.transcript(format: .vtt, encoding: file.encoding, cues: cues)
    }
}
