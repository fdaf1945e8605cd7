/// JSON text rewritten in one fixed form, so that the same content always has the same bytes
/// (and so the same hash) however it was spaced or ordered when stored.
///
/// The form: no whitespace between tokens; an object's members sorted by the UTF-8 bytes of
/// their keys; strings in UTF-8 with only `"`, `\` and the control characters escaped (`\b`,
/// `\f`, `\n`, `\r`, `\t`, otherwise `\u00XX` in lowercase hex); numbers exactly as written;
/// `true`, `false` and `null` as they are.
public enum CanonicalJSON {
    /// Text that is not JSON.
    public struct Malformed: Error {}

    /// The canonical form of `text`; fails when `text` is not one JSON value.
    public static func canonical(_ text: String) throws -> [UInt8] {
        var text = text
        return try text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            try reader.value(into: &out)
            reader.skipSpace()
            guard reader.at == bytes.count else { throw Malformed() }
            return out
        }
    }

    /// Appends `bytes` (UTF-8) as a canonical JSON string.
    public static func appendString<Bytes: Sequence>(_ bytes: Bytes, to out: inout [UInt8]) where Bytes.Element == UInt8 {
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x09 || bytes[at] == 0x0A || bytes[at] == 0x0D { at += 1 }
        }

        mutating func expect(_ literal: String) throws {
            for byte in literal.utf8 {
                guard at < bytes.count, bytes[at] == byte else { throw Malformed() }
                at += 1
            }
        }

        mutating func value(into out: inout [UInt8]) throws {
            skipSpace()
            guard at < bytes.count else { throw Malformed() }
            switch bytes[at] {
            case UInt8(ascii: "{"): try object(into: &out)
            case UInt8(ascii: "["): try array(into: &out)
            case UInt8(ascii: "\""): CanonicalJSON.appendString(try string(), to: &out)
            case UInt8(ascii: "t"): try expect("true"); out.append(contentsOf: "true".utf8)
            case UInt8(ascii: "f"): try expect("false"); out.append(contentsOf: "false".utf8)
            case UInt8(ascii: "n"): try expect("null"); out.append(contentsOf: "null".utf8)
            default: try number(into: &out)
            }
        }

        mutating func object(into out: inout [UInt8]) throws {
            at += 1
            var members: [(key: [UInt8], value: [UInt8])] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1 } else {
                while true {
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw Malformed() }
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    var value: [UInt8] = []
                    try self.value(into: &value)
                    members.append((key, value))
                    skipSpace()
                    guard at < bytes.count else { throw Malformed() }
                    at += 1
                    if bytes[at - 1] == UInt8(ascii: "}") { break }
                    guard bytes[at - 1] == UInt8(ascii: ",") else { throw Malformed() }
                }
            }
            members.sort { $0.key.lexicographicallyPrecedes($1.key) }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                CanonicalJSON.appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: member.value)
            }
            out.append(UInt8(ascii: "}"))
        }

        mutating func array(into out: inout [UInt8]) throws {
            at += 1
            out.append(UInt8(ascii: "["))
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1 } else {
                var first = true
                while true {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    try value(into: &out)
                    skipSpace()
                    guard at < bytes.count else { throw Malformed() }
                    at += 1
                    if bytes[at - 1] == UInt8(ascii: "]") { break }
                    guard bytes[at - 1] == UInt8(ascii: ",") else { throw Malformed() }
                }
            }
            out.append(UInt8(ascii: "]"))
        }

        mutating func number(into out: inout [UInt8]) throws {
            let start = at
            while at < bytes.count, Self.isNumberByte(bytes[at]) { at += 1 }
            guard at > start, bytes[start] == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[start])
            else { throw Malformed() }
            out.append(contentsOf: bytes[start..<at])
        }

        static func isNumberByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"): return true
            default: return false
            }
        }

        /// The string starting at `at`, its escapes decoded, as UTF-8.
        mutating func string() throws -> [UInt8] {
            at += 1
            var decoded: [UInt8] = []
            while true {
                guard at < bytes.count else { throw Malformed() }
                let byte = bytes[at]
                at += 1
                if byte == UInt8(ascii: "\"") { return decoded }
                guard byte == UInt8(ascii: "\\") else { decoded.append(byte); continue }
                guard at < bytes.count else { throw Malformed() }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        try expect("\\u")
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw Malformed() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Malformed() }
                    decoded.append(contentsOf: String(Character(unicode)).utf8)
                default: throw Malformed()
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard at + 4 <= bytes.count else { throw Malformed() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = Character(Unicode.Scalar(bytes[at])).hexDigitValue else { throw Malformed() }
                value = value << 4 | UInt32(digit)
                at += 1
            }
            return value
        }
    }
}
