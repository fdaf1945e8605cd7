/// What a scan of bytes as UTF-8 found.
struct UTF8Scan {
    /// Offset of the first byte that does not start a well-formed UTF-8 sequence.
    var firstInvalidOffset: Int?
    /// How many well-formed sequences of two or more bytes were seen; legacy Chinese
    /// text almost never forms these by accident, so this tells damaged UTF-8 apart
    /// from GBK.
    var multiByteSequences = 0
    /// How many ill-formed positions were seen (each skipped by one byte).
    var invalidBytes = 0
    var isASCII: Bool { firstInvalidOffset == nil && multiByteSequences == 0 }
}

/// Checks UTF-8 by the Unicode table of well-formed byte sequences (no overlong forms,
/// no surrogates, nothing past U+10FFFF). Written out rather than left to `String`,
/// which repairs bad bytes silently; a reader must instead say where they are.
enum UTF8Validation {
    /// Scans every byte when `stopAtFirstError` is false, to gather the counts.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, stopAtFirstError: Bool = true) -> UTF8Scan {
        var result = UTF8Scan()
        let count = bytes.count
        guard let base = bytes.baseAddress else { return result }
        var i = 0
        while i < count {
            // Eight ASCII bytes at a time: most of any transcript is markup and digits.
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b0 = base[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(base, i, count)
            if length == 0 {
                if result.firstInvalidOffset == nil { result.firstInvalidOffset = i }
                result.invalidBytes += 1
                if stopAtFirstError { return result }
                i += 1
            } else {
                result.multiByteSequences += 1
                i += length
            }
        }
        return result
    }

    static func scan(_ bytes: [UInt8], stopAtFirstError: Bool = true) -> UTF8Scan {
        bytes.withUnsafeBufferPointer { scan($0, stopAtFirstError: stopAtFirstError) }
    }

    /// Length of the well-formed multi-byte sequence at `i`, or 0 if there is none.
    @inline(__always)
    private static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ count: Int) -> Int {
        let b0 = p[i]
        @inline(__always) func trail(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < count && p[i + k] >= low && p[i + k] <= high
        }
        switch b0 {
        case 0xC2...0xDF:
            return trail(1) ? 2 : 0
        case 0xE0:
            return trail(1, 0xA0) && trail(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return trail(1) && trail(2) ? 3 : 0
        case 0xED:
            return trail(1, 0x80, 0x9F) && trail(2) ? 3 : 0
        case 0xF0:
            return trail(1, 0x90) && trail(2) && trail(3) ? 4 : 0
        case 0xF1...0xF3:
            return trail(1) && trail(2) && trail(3) ? 4 : 0
        case 0xF4:
            return trail(1, 0x80, 0x8F) && trail(2) && trail(3) ? 4 : 0
        default:
            return 0
        }
    }
}
