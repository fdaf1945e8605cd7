/// Conversion between decimal seconds as written in a file and integer milliseconds,
/// done on the digits themselves: binary floating point would turn `1358.8925` into
/// 1358.89249999… and round it the wrong way.
enum Milliseconds {
    /// The largest magnitude accepted, 10^15 ms (about 31,700 years): far beyond any
    /// recording, and small enough that sums and differences of two times cannot
    /// overflow.
    static let limit = 1_000_000_000_000_000

    /// Milliseconds for a decimal number of seconds such as `-0`, `1.25`, `.5`,
    /// `1.5e-3`, rounded half away from zero; `nil` if the text is not such a number
    /// or is out of range.
    static func fromSeconds<Digits: Collection>(_ literal: Digits) -> Int? where Digits.Element == UInt8 {
        fromDecimal(literal, scale: 3)
    }

    /// A decimal literal times 10^`scale`, rounded half away from zero.
    static func fromDecimal<Digits: Collection>(_ literal: Digits, scale: Int) -> Int? where Digits.Element == UInt8 {
        var index = literal.startIndex
        let end = literal.endIndex
        var negative = false
        if index < end, literal[index] == UInt8(ascii: "-") || literal[index] == UInt8(ascii: "+") {
            negative = literal[index] == UInt8(ascii: "-")
            literal.formIndex(after: &index)
        }
        // Significant digits only (leading zeros dropped), and where the point was.
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        while index < end {
            let byte = literal[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawDigit = true
                if !digits.isEmpty || byte != UInt8(ascii: "0") { digits.append(byte &- UInt8(ascii: "0")) }
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            literal.formIndex(after: &index)
        }
        guard sawDigit else { return nil }

        var exponent = 0
        if index < end {
            guard literal[index] == UInt8(ascii: "e") || literal[index] == UInt8(ascii: "E") else { return nil }
            literal.formIndex(after: &index)
            var exponentNegative = false
            if index < end, literal[index] == UInt8(ascii: "-") || literal[index] == UInt8(ascii: "+") {
                exponentNegative = literal[index] == UInt8(ascii: "-")
                literal.formIndex(after: &index)
            }
            var sawExponentDigit = false
            while index < end, literal[index] >= UInt8(ascii: "0"), literal[index] <= UInt8(ascii: "9") {
                // Clamped: beyond a billion the answer is 0 or out of range either way.
                exponent = min(exponent * 10 + Int(literal[index] - UInt8(ascii: "0")), 1_000_000_000)
                sawExponentDigit = true
                literal.formIndex(after: &index)
            }
            guard sawExponentDigit, index == end else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        if digits.isEmpty { return 0 }

        // value = digits × 10^shift
        let shift = exponent + scale - fractionDigits
        var magnitude = 0
        if shift >= 0 {
            guard digits.count + shift <= 18 else { return nil }
            for digit in digits { magnitude = magnitude * 10 + Int(digit) }
            for _ in 0..<shift { magnitude *= 10 }
        } else {
            let kept = digits.count + shift
            guard kept <= 18 else { return nil }
            if kept >= 0 {
                for digit in digits[0..<kept] { magnitude = magnitude * 10 + Int(digit) }
                // Only the first dropped digit decides: >= 5 means at least half.
                if digits[kept] >= 5 { magnitude += 1 }
            }
        }
        guard magnitude <= limit else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Seconds as the shortest exact decimal: 1358893 → `1358.893`, 1500 → `1.5`,
    /// 0 → `0`.
    static func secondsLiteral(_ milliseconds: Int) -> String {
        let magnitude = milliseconds.magnitude
        let whole = magnitude / 1000
        var fraction = magnitude % 1000
        var text = milliseconds < 0 ? "-" + String(whole) : String(whole)
        if fraction != 0 {
            var width = 3
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: width - digits.count) + digits
        }
        return text
    }
}
