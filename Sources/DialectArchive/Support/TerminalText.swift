/// Text from files and metadata made safe to show on a terminal: characters that would move
/// the cursor, recolour or clear the screen, ring the bell, split a line or reverse the
/// direction of what follows are written as visible escapes instead.
///
/// ```swift
/// TerminalText.escaped("a\u{1B}[2Jb\nc\u{202E}")   // "a\\e[2Jb\\nc\\u{202E}"
/// ```
///
/// Escaped are the C0 controls (TAB as `\t`, LF as `\n`, CR as `\r`, ESC as `\e`, the others
/// as `\x07` and so on), DEL (`\x7F`), the C1 controls U+0080–U+009F, the bidirectional
/// embeddings and overrides U+202A–U+202E and isolates U+2066–U+2069, and the line and
/// paragraph separators U+2028 and U+2029 (all as `\u{202E}` and so on). Everything else,
/// Han characters, IPA and tone letters included, is left as it is. A backslash is left as
/// it is too, so the escaped form is for reading; `--json` carries the exact text.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x09: result += "\\t"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x1B: result += "\\e"
            case 0x00...0x7F: result += "\\x" + hex(scalar.value, digits: 2)
            default: result += "\\u{" + hex(scalar.value, digits: 4) + "}"
            }
        }
        return result
    }

    /// Escapes the bytes of a file that may or may not be text (decoded as UTF-8, invalid
    /// sequences shown as U+FFFD).
    public static func escaped(bytes: some Sequence<UInt8>) -> String {
        escaped(String(decoding: Array(bytes), as: UTF8.self))
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
