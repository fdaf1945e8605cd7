/// JSON text rewritten in one fixed form, so that the same content always has the same bytes
/// (and so the same hash) however it was spaced or ordered when stored.
///
/// The form: no whitespace between tokens; an object's members sorted by the UTF-8 bytes of
/// their keys as written in this form; strings in UTF-8 with only `"`, `\` and the control characters escaped (`\b`,
/// `\f`, `\n`, `\r`, `\t`, otherwise `\u00XX` in lowercase hex); numbers exactly as written;
/// `true`, `false` and `null` as they are.
public enum CanonicalJSON {
    /// Text that is not JSON.
    public struct Malformed: Error {}

    /// The canonical form of `text`; fails when `text` is not one JSON value.
    public static func canonical(_ text: String) throws -> [UInt8] {
        try canonical(text.utf8)
    }

    /// The canonical form of the JSON text in `bytes` (UTF-8).
    public static func canonical<Bytes: Collection>(_ bytes: Bytes) throws -> [UInt8] where Bytes.Element == UInt8 {
        if let result = try bytes.withContiguousStorageIfAvailable(canonical(buffer:)) { return result }
        return try Array(bytes).withUnsafeBufferPointer(canonical(buffer:))
    }

    private static func canonical(buffer bytes: UnsafeBufferPointer<UInt8>) throws -> [UInt8] {
        var reader = Reader(bytes: bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        try reader.value(into: &out)
        reader.skipSpace()
        guard reader.at == bytes.count else { throw Malformed() }
        return out
    }

    /// Appends `bytes` (UTF-8) as a canonical JSON string.
    public static func appendString<Bytes: Sequence>(_ bytes: Bytes, to out: inout [UInt8]) where Bytes.Element == UInt8 {
        // Most strings need no escape at all: they are copied whole.
        let copied = bytes.withContiguousStorageIfAvailable { buffer -> Bool in
            guard !buffer.contains(where: needsEscape) else { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: buffer)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if copied == true { return }
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

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
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
            case UInt8(ascii: "\""): try string(into: &out)
            case UInt8(ascii: "t"): try expect("true"); out.append(contentsOf: "true".utf8)
            case UInt8(ascii: "f"): try expect("false"); out.append(contentsOf: "false".utf8)
            case UInt8(ascii: "n"): try expect("null"); out.append(contentsOf: "null".utf8)
            default: try number(into: &out)
            }
        }

        /// Writes the members as they come and sorts them afterwards only when they were not
        /// in order already, as objects written with sorted keys are.
        mutating func object(into out: inout [UInt8]) throws {
            at += 1
            out.append(UInt8(ascii: "{"))
            let start = out.count
            var members: [(key: Range<Int>, member: Range<Int>)] = []
            var inOrder = true
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1 } else {
                while true {
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw Malformed() }
                    if !members.isEmpty { out.append(UInt8(ascii: ",")) }
                    let memberStart = out.count
                    try string(into: &out)
                    let key = memberStart..<out.count
                    skipSpace()
                    try expect(":")
                    out.append(UInt8(ascii: ":"))
                    try value(into: &out)
                    if let previous = members.last?.key, !out[previous].lexicographicallyPrecedes(out[key]) { inOrder = false }
                    members.append((key, memberStart..<out.count))
                    skipSpace()
                    guard at < bytes.count else { throw Malformed() }
                    at += 1
                    if bytes[at - 1] == UInt8(ascii: "}") { break }
                    guard bytes[at - 1] == UInt8(ascii: ",") else { throw Malformed() }
                }
            }
            if !inOrder {
                let sorted = members.map { (key: Array(out[$0.key]), member: Array(out[$0.member])) }
                    .sorted { $0.key.lexicographicallyPrecedes($1.key) }
                out.removeSubrange(start...)
                for (index, member) in sorted.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: member.member)
                }
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

        /// Writes the string starting at `at` in canonical form: as it is when it holds no
        /// escape nor control character, otherwise decoded and escaped again.
        mutating func string(into out: inout [UInt8]) throws {
            var end = at + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), !CanonicalJSON.needsEscape(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[at...end])
                at = end + 1
            } else {
                CanonicalJSON.appendString(try string(), to: &out)
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
