import Foundation

/// A text file turned into validated UTF-8 bytes, with the encoding it was found in.
public struct DecodedText: Sendable {
    /// The text as UTF-8, byte-order mark removed; guaranteed well-formed.
    public var utf8: [UInt8]
    /// One of `ascii`, `utf-8`, `utf-8-bom`, `utf-16-be-bom`, `utf-16-le-bom`,
    /// `utf-16-be`, `utf-16-le`, `gb18030`.
    public var encoding: String
}

/// Finds the encoding of a plain-text transcript (TextGrid, SRT, WebVTT) the way the
/// files arrive from the field: a byte-order mark first; then UTF-16 without a mark,
/// recognised by its NUL bytes (Praat and Windows tools write it); then UTF-8; and, for
/// subtitles only, GB18030 (a superset of GBK), which Chinese subtitle tools still save.
public enum TextDecoding {
    /// Decodes `data` into a copy as UTF-8; throws a `TranscriptError` naming the line of the
    /// first byte that fits no encoding tried.
    public static func decode(_ data: Data, fileName: String, allowGB18030: Bool) throws -> DecodedText {
        try withUTF8(data, fileName: fileName, allowGB18030: allowGB18030) { DecodedText(utf8: Array($0), encoding: $1) }
    }

    /// Calls `body` with the text as validated UTF-8 and the encoding it was found in.
    /// A file that is UTF-8 already is passed as it is, without a copy: a reader then
    /// needs no more memory for the text than the file itself.
    static func withUTF8<Result>(_ data: Data, fileName: String, allowGB18030: Bool,
                                 _ body: (UnsafeBufferPointer<UInt8>, String) throws -> Result) throws -> Result {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                let text = UnsafeBufferPointer(rebasing: bytes[3...])
                try requireUTF8(text, fileName: fileName)
                return try body(text, "utf-8-bom")
            }
            switch try converted(raw, fileName: fileName, allowGB18030: allowGB18030) {
            case .converted(let text):
                return try text.utf8.withUnsafeBufferPointer { try body($0, text.encoding) }
            case .utf8(let isASCII):
                return try body(bytes, isASCII ? "ascii" : "utf-8")
            }
        }
    }

    private enum Found {
        case utf8(isASCII: Bool)
        case converted(DecodedText)
    }

    /// The text converted to UTF-8 when it is UTF-16 or GB18030, or the finding that it
    /// is valid UTF-8 as it stands.
    private static func converted(_ raw: UnsafeRawBufferPointer, fileName: String, allowGB18030: Bool) throws -> Found {
        let bytes = raw.bindMemory(to: UInt8.self)
        if bytes.starts(with: [0xFE, 0xFF]) {
            return .converted(DecodedText(utf8: try utf16(raw, from: 2, bigEndian: true, fileName: fileName), encoding: "utf-16-be-bom"))
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return .converted(DecodedText(utf8: try utf16(raw, from: 2, bigEndian: false, fileName: fileName), encoding: "utf-16-le-bom"))
        }
        if let bigEndian = utf16WithoutMark(bytes) {
            return .converted(DecodedText(utf8: try utf16(raw, from: 0, bigEndian: bigEndian, fileName: fileName),
                                          encoding: bigEndian ? "utf-16-be" : "utf-16-le"))
        }

        let scan = UTF8Validation.scan(bytes, stopAtFirstError: !allowGB18030)
        guard let bad = scan.firstInvalidOffset else { return .utf8(isASCII: scan.isASCII) }
        // UTF-8 with a few damaged bytes must be reported as damaged, not decoded as
        // GB18030 mojibake: GB18030 accepts most byte pairs.
        if allowGB18030 && scan.multiByteSequences <= scan.invalidBytes {
            do {
                let converted = try LegacyEncoding.utf8(from: raw, encoding: "GB18030")
                return .converted(DecodedText(utf8: converted, encoding: "gb18030"))
            } catch LegacyEncoding.Failure.invalid(let offset) {
                let at = min(offset, bytes.count - 1)
                throw TranscriptError(file: fileName, line: LineNumbers.line(at: at, in: bytes),
                                      reason: "the text is neither UTF-8 nor GB18030 (byte \(hex(bytes[at])) cannot start a character)")
            } catch {
                // No GB18030 converter on this system: report the bytes as bad UTF-8.
            }
        }
        throw invalidUTF8(bytes, at: bad, fileName: fileName)
    }

    /// Throws at the first byte that is not UTF-8, naming its line.
    static func requireUTF8(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String) throws {
        if let bad = UTF8Validation.scan(bytes).firstInvalidOffset {
            throw invalidUTF8(bytes, at: bad, fileName: fileName)
        }
    }

    static func invalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, fileName: String) -> TranscriptError {
        TranscriptError(file: fileName, line: LineNumbers.line(at: offset, in: bytes),
                        reason: "byte \(hex(bytes[offset])) is not valid UTF-8")
    }

    static func utf16(_ raw: UnsafeRawBufferPointer, from start: Int, bigEndian: Bool, fileName: String) throws -> [UInt8] {
        do {
            return try UTF16Transcoding.utf8(from: UnsafeRawBufferPointer(rebasing: raw[start...]), bigEndian: bigEndian)
        } catch UTF16Transcoding.Failure.invalid(_, let line, let reason) {
            throw TranscriptError(file: fileName, line: line, reason: reason)
        }
    }

    /// `true` for big-endian, `false` for little-endian, `nil` when the bytes do not
    /// look like UTF-16. Text formats are mostly ASCII markup, so UTF-16 shows a NUL
    /// in one half of nearly every byte pair and almost never in the other.
    static func utf16WithoutMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        let sample = min(bytes.count, 4096) & ~1
        guard sample >= 4 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for i in stride(from: 0, to: sample, by: 2) {
            if bytes[i] == 0 { evenZeros += 1 }
            if bytes[i + 1] == 0 { oddZeros += 1 }
        }
        let pairs = sample / 2
        if evenZeros * 3 >= pairs && oddZeros * 20 <= evenZeros { return true }
        if oddZeros * 3 >= pairs && evenZeros * 20 <= oddZeros { return false }
        return nil
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
