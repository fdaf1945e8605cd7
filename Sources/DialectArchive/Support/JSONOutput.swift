import Foundation

/// Encodes command results as the JSON the command line prints: pretty, stable key order,
/// slashes and non-ASCII text left as they are, except the characters `TerminalText` escapes,
/// which are written as `\uXXXX` (the same text to a JSON reader, harmless on a terminal).
/// `compact` leaves out the line breaks and indentation (the web's answers), nothing else.
public enum JSONOutput {
    public static func string<T: Encodable>(_ value: T, compact: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(value)
        // The encoder escapes C0 controls in strings itself (its own line breaks must stay);
        // the others can only stand inside strings, where `\uXXXX` means the same. They are
        // rare, so the bytes are looked through for them before any text is built.
        guard data.withUnsafeBytes(mayNeedEscape) else { return String(decoding: data, as: UTF8.self) }
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x7F && TerminalText.needsEscape(scalar) }
        var escaped = String.UnicodeScalarView()
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// True when the UTF-8 `bytes` hold one of the characters from U+007F on that
    /// `TerminalText` escapes: U+007F–U+009F (7F, C2 80–9F), U+2028–U+202E (E2 80 A8–AE) or
    /// U+2066–U+2069 (E2 81 A6–A9).
    static func mayNeedEscape(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let end = bytes.count
        while index < end {
            switch bytes[index] {
            case 0x7F:
                return true
            case 0xC2 where index + 1 < end && (0x80...0x9F).contains(bytes[index + 1]):
                return true
            case 0xE2 where index + 2 < end:
                let second = bytes[index + 1], third = bytes[index + 2]
                if second == 0x80 && (0xA8...0xAE).contains(third) || second == 0x81 && (0xA6...0xA9).contains(third) { return true }
            default:
                break
            }
            index += 1
        }
        return false
    }
}
