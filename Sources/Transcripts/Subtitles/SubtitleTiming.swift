/// The `start --> end` line of a cue, read leniently enough for the files real tools
/// write: hours optional, `.` or `,` before the fraction, a fraction of any length
/// (`.04` is 40 ms, read as a decimal fraction of a second) or none, and anything
/// after the end time (WebVTT cue settings, SRT coordinates) ignored.
///
/// Read from the line's UTF-8 bytes: a large subtitle file has a timing line for every
/// cue, and each may be looked at more than once while the cues are delimited.
struct SubtitleTiming {
    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    var startMs: Int
    var endMs: Int

    init?(line: Bytes) {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let arrow = line.indices.first(where: {
            $0 + 3 <= line.endIndex && line[$0] == 0x2D && line[$0 + 1] == 0x2D && line[$0 + 2] == 0x3E
        }) else { return nil }
        var left = line[..<arrow].drop(while: isBlank)
        while let last = left.last, isBlank(last) { left = left.dropLast() }
        let right = line[(arrow + 3)...].drop(while: isBlank).prefix(while: { !isBlank($0) })
        guard let start = Self.milliseconds(left), let end = Self.milliseconds(right) else { return nil }
        startMs = start
        endMs = end
    }

    /// `[hh:]mm:ss[.fff]` in milliseconds; minutes and seconds must be below 60. A
    /// longer fraction is rounded half away from zero by its fourth digit.
    static func milliseconds(_ text: Bytes) -> Int? {
        let colons = text.indices.filter { text[$0] == UInt8(ascii: ":") }
        guard colons.count == 1 || colons.count == 2 else { return nil }
        let secondsPart = text[(colons[colons.count - 1] + 1)...]
        let minutesPart = text[(colons.count == 2 ? colons[0] + 1 : text.startIndex)..<colons[colons.count - 1]]
        let separator = secondsPart.firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") })
        let seconds = separator.map { secondsPart[..<$0] } ?? secondsPart

        guard let s = number(seconds, maxDigits: 2), s < 60,
              let m = number(minutesPart, maxDigits: colons.count == 2 ? 2 : 9),
              colons.count == 2 ? m < 60 : true else { return nil }
        var h = 0
        if colons.count == 2 {
            guard let hours = number(text[..<colons[0]], maxDigits: 8) else { return nil }
            h = hours
        }
        var fractionMs = 0
        if let separator {
            let fraction = secondsPart[(separator + 1)...]
            guard !fraction.isEmpty, fraction.allSatisfy(isDigit) else { return nil }
            for (place, digit) in fraction.prefix(4).enumerated() {
                let value = Int(digit - UInt8(ascii: "0"))
                if place < 3 {
                    fractionMs += value * [100, 10, 1][place]
                } else if value >= 5 {
                    fractionMs += 1
                }
            }
        }
        return ((h * 60 + m) * 60 + s) * 1000 + fractionMs
    }

    private static func number(_ digits: Bytes, maxDigits: Int) -> Int? {
        guard !digits.isEmpty, digits.count <= maxDigits, digits.allSatisfy(isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
