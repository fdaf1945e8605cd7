/// The `start --> end` line of a cue, read leniently enough for the files real tools
/// write: hours optional, `.` or `,` before the fraction, a fraction of any length
/// (`.04` is 40 ms, read as a decimal fraction of a second) or none, and anything
/// after the end time (WebVTT cue settings, SRT coordinates) ignored.
struct SubtitleTiming {
    var startMs: Int
    var endMs: Int

    init?(line: String) {
        guard let arrow = line.range(of: "-->") else { return nil }
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let left = line[..<arrow.lowerBound].drop(while: isBlank).reversed().drop(while: isBlank).reversed()
        let right = line[arrow.upperBound...].drop(while: isBlank).prefix(while: { !isBlank($0) })
        guard let start = Self.milliseconds(String(left)), let end = Self.milliseconds(String(right)) else { return nil }
        startMs = start
        endMs = end
    }

    /// `[hh:]mm:ss[.fff]` in milliseconds; minutes and seconds must be below 60.
    static func milliseconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let secondsPart = parts[parts.count - 1]
        let separator = secondsPart.firstIndex(where: { $0 == "." || $0 == "," })
        let seconds = separator.map { secondsPart[..<$0] } ?? secondsPart
        let fraction = separator.map { secondsPart[secondsPart.index(after: $0)...] }

        guard let s = number(seconds, maxDigits: 2), s < 60,
              let m = number(parts[parts.count - 2], maxDigits: parts.count == 3 ? 2 : 9),
              parts.count == 3 ? m < 60 : true else { return nil }
        var h = 0
        if parts.count == 3 {
            guard let hours = number(parts[0], maxDigits: 8) else { return nil }
            h = hours
        }
        var fractionMs = 0
        if let fraction {
            guard !fraction.isEmpty, fraction.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  let value = Milliseconds.fromSeconds(Array("0.".utf8) + Array(fraction.utf8)) else { return nil }
            fractionMs = value
        }
        return ((h * 60 + m) * 60 + s) * 1000 + fractionMs
    }

    private static func number(_ digits: Substring, maxDigits: Int) -> Int? {
        guard !digits.isEmpty, digits.utf8.count <= maxDigits,
              digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(digits)
    }
}
