/// Turns UTF-16 bytes into UTF-8, refusing unpaired surrogates and a dangling odd byte
/// instead of replacing them, so that damage is reported rather than hidden.
enum UTF16Transcoding {
    enum Failure: Error {
        /// Offset (into the UTF-16 input) of the bad code unit, and the line it is on.
        case invalid(offset: Int, line: Int, reason: String)
    }

    static func utf8(from bytes: UnsafeRawBufferPointer, bigEndian: Bool) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var line = 1
        var i = 0
        let count = bytes.count
        @inline(__always) func unit(at k: Int) -> UInt16 {
            let a = UInt16(bytes[k]), b = UInt16(bytes[k + 1])
            return bigEndian ? (a << 8 | b) : (b << 8 | a)
        }
        while i + 1 < count {
            let u = unit(at: i)
            var scalarValue: UInt32
            var width = 2
            switch u {
            case 0xD800...0xDBFF:
                guard i + 3 < count else {
                    throw Failure.invalid(offset: i, line: line, reason: "the text ends in the middle of a UTF-16 surrogate pair")
                }
                let low = unit(at: i + 2)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw Failure.invalid(offset: i, line: line, reason: codePoint(u) + " is an unpaired UTF-16 surrogate")
                }
                scalarValue = 0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                width = 4
            case 0xDC00...0xDFFF:
                throw Failure.invalid(offset: i, line: line, reason: codePoint(u) + " is an unpaired UTF-16 surrogate")
            default:
                scalarValue = UInt32(u)
            }
            if scalarValue == 0x0A { line += 1 }
            appendUTF8(scalarValue, to: &output)
            i += width
        }
        if i < count {
            throw Failure.invalid(offset: i, line: line, reason: "the UTF-16 text has an odd number of bytes (it is cut off)")
        }
        return output
    }
}

/// Appends one scalar value (never a surrogate, at most U+10FFFF) as UTF-8.
@inline(__always)
func appendUTF8(_ value: UInt32, to output: inout [UInt8]) {
    switch value {
    case 0..<0x80:
        output.append(UInt8(value))
    case 0x80..<0x800:
        output.append(UInt8(0xC0 | (value >> 6)))
        output.append(UInt8(0x80 | (value & 0x3F)))
    case 0x800..<0x10000:
        output.append(UInt8(0xE0 | (value >> 12)))
        output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
        output.append(UInt8(0x80 | (value & 0x3F)))
    default:
        output.append(UInt8(0xF0 | ((value >> 18) & 0x07)))
        output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
        output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
        output.append(UInt8(0x80 | (value & 0x3F)))
    }
}

private func codePoint(_ unit: UInt16) -> String {
    let hex = String(unit, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}
