/// A JSON string in the bytes `JSONOutput` writes for it: quotes and backslashes escaped,
/// the C0 controls as `JSONEncoder` writes them (`\n`, `\t`, `\u001b`, …), the other
/// characters `TerminalText` escapes as `\uXXXX` (upper case), slashes and everything else
/// (Han characters, IPA, emoji) as they are.
enum JSONStringEscape {
    static func append(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var copied = 0, index = 0
        let end = utf8.count
        while index < end {
            let byte = utf8[index]
            // Most bytes need nothing: only these can start something to escape.
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2 else {
                index += 1
                continue
            }
            guard let (scalar, length) = escaped(utf8, at: index) else {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index]))
            write(scalar, to: &bytes)
            index += length
            copied = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<end]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// The character starting at `index` and its length in bytes when it is written escaped.
    private static func escaped(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let byte = utf8[index]
        switch byte {
        case 0xC2:
            // U+0080–U+009F
            guard index + 1 < utf8.count, (0x80...0x9F).contains(utf8[index + 1]) else { return nil }
            return (UInt32(utf8[index + 1]), 2)
        case 0xE2:
            // U+2028–U+202E and U+2066–U+2069
            guard index + 2 < utf8.count else { return nil }
            let second = utf8[index + 1], third = utf8[index + 2]
            guard second == 0x80 && (0xA8...0xAE).contains(third) || second == 0x81 && (0xA6...0xA9).contains(third) else { return nil }
            return (0x2000 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F), 3)
        default:
            return (UInt32(byte), 1)
        }
    }

    private static func write(_ scalar: UInt32, to bytes: inout [UInt8]) {
        let backslash = UInt8(ascii: "\\")
        switch scalar {
        case 0x22: bytes += [backslash, UInt8(ascii: "\"")]
        case 0x5C: bytes += [backslash, backslash]
        case 0x08: bytes += [backslash, UInt8(ascii: "b")]
        case 0x0C: bytes += [backslash, UInt8(ascii: "f")]
        case 0x0A: bytes += [backslash, UInt8(ascii: "n")]
        case 0x0D: bytes += [backslash, UInt8(ascii: "r")]
        case 0x09: bytes += [backslash, UInt8(ascii: "t")]
        // The encoder's own escapes of C0 controls are in lower case, the later ones upper.
        case 0x00..<0x20: hex(scalar, digits: Array("0123456789abcdef".utf8), to: &bytes)
        default: hex(scalar, digits: Array("0123456789ABCDEF".utf8), to: &bytes)
        }
    }

    private static func hex(_ scalar: UInt32, digits: [UInt8], to bytes: inout [UInt8]) {
        bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
        for shift in [12, 8, 4, 0] as [UInt32] { bytes.append(digits[Int(scalar >> shift & 0xF)]) }
    }
}
