/// Writes WebVTT and SubRip. Text is written as it is, tags included, mirroring the
/// readers, which keep cue text raw.
enum SubtitleWriter {
    static func webVTT(for transcript: Transcript) throws -> String {
        var out = "WEBVTT\n"
        for cue in try cues(of: transcript) {
            let lines = cue.text.split(separator: "\n", omittingEmptySubsequences: false)
            if !cue.text.isEmpty, lines.contains(where: \.isEmpty) {
                throw cueError(cue, "holds a blank line, which would end a WebVTT cue")
            }
            out += "\n"
            if let id = cue.id, !id.isEmpty, !id.contains("-->"), !id.contains("\n") {
                out += id + "\n"
            }
            out += timestamp(cue.startMs, separator: ".") + " --> " + timestamp(cue.endMs, separator: ".") + "\n"
            if !cue.text.isEmpty { out += cue.text + "\n" }
        }
        return out
    }

    static func subRip(for transcript: Transcript) throws -> String {
        var out = ""
        for (number, cue) in zip(1..., try cues(of: transcript)) {
            if number > 1 { out += "\n" }
            out += "\(number)\n"
            out += timestamp(cue.startMs, separator: ",") + " --> " + timestamp(cue.endMs, separator: ",") + "\n"
            if !cue.text.isEmpty { out += cue.text + "\n" }
        }
        return out
    }

    /// Every annotation of the interval and reference tiers, in time order (tier order
    /// among equal times).
    private static func cues(of transcript: Transcript) throws -> [Annotation] {
        let cues = transcript.tiers.enumerated()
            .filter { $0.element.type != .point }
            .flatMap { tier in tier.element.annotations.enumerated().map { (tier.offset, $0.offset, $0.element) } }
            .sorted { ($0.2.startMs, $0.2.endMs, $0.0, $0.1) < ($1.2.startMs, $1.2.endMs, $1.0, $1.1) }
            .map(\.2)
        for cue in cues {
            if cue.startMs < 0 { throw cueError(cue, "starts before time zero") }
            if cue.text.contains("-->") { throw cueError(cue, "contains \"-->\", which would start a new cue") }
        }
        return cues
    }

    private static func cueError(_ cue: Annotation, _ problem: String) -> TranscriptError {
        TranscriptError(file: "", reason: "the annotation at \(Milliseconds.secondsLiteral(cue.startMs)) s (\"\(cue.text.prefix(40))\") \(problem)")
    }

    /// `hh:mm:ss.mmm`; hours grow past two digits when they must.
    static func timestamp(_ milliseconds: Int, separator: Character) -> String {
        let ms = milliseconds % 1000
        let totalSeconds = milliseconds / 1000
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(totalSeconds / 3600, 2) + ":" + pad(totalSeconds / 60 % 60, 2) + ":" + pad(totalSeconds % 60, 2)
            + String(separator) + pad(ms, 3)
    }
}
