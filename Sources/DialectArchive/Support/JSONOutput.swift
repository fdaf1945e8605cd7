import Foundation

/// Encodes command results as the JSON the command line prints: pretty, stable key order,
/// slashes and non-ASCII text left as they are, except the characters `TerminalText` escapes,
/// which are written as `\uXXXX` (the same text to a JSON reader, harmless on a terminal).
public enum JSONOutput {
    public static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        // The encoder escapes C0 controls in strings itself (its own line breaks must stay);
        // the others can only stand inside strings, where `\uXXXX` means the same.
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x7F && TerminalText.needsEscape(scalar) }
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var escaped = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
