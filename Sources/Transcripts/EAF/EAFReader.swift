import Foundation

/// Reads ELAN annotation documents (EAF 2.x and 3.0).
///
/// The bytes are brought to UTF-8 first, by byte-order mark, then by the XML
/// declaration's `encoding` (converted with `iconv` when it is not UTF-8), and checked
/// before any parsing so that every string later made from them is exact.
enum EAFReader {
    static func read(_ data: Data, fileName: String) throws -> Transcript {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                return try read(utf8: UnsafeBufferPointer(rebasing: bytes[3...]), encoding: "utf-8-bom", fileName: fileName)
            }
            if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
                let bigEndian = bytes[0] == 0xFE
                let utf8 = try TextDecoding.utf16(raw, from: 2, bigEndian: bigEndian, fileName: fileName)
                return try read(utf8: utf8, encoding: bigEndian ? "utf-16-be-bom" : "utf-16-le-bom", fileName: fileName)
            }
            if bytes.starts(with: [0x00, 0x3C, 0x00, 0x3F]) || bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) {
                let bigEndian = bytes[0] == 0x00
                let utf8 = try TextDecoding.utf16(raw, from: 0, bigEndian: bigEndian, fileName: fileName)
                return try read(utf8: utf8, encoding: bigEndian ? "utf-16-be" : "utf-16-le", fileName: fileName)
            }
            let declared = declaredEncoding(bytes)
            switch declared?.lowercased() {
            case nil, "utf-8", "utf8", "us-ascii", "ascii":
                return try read(utf8: bytes, encoding: declared?.lowercased() ?? "utf-8", fileName: fileName)
            case let name?:
                do {
                    let utf8 = try LegacyEncoding.utf8(from: raw, encoding: name)
                    return try read(utf8: utf8, encoding: name, fileName: fileName)
                } catch LegacyEncoding.Failure.unknownEncoding {
                    throw TranscriptError(file: fileName, line: 1, reason: "the XML declaration names encoding \"\(declared ?? name)\", which this system cannot convert")
                } catch LegacyEncoding.Failure.invalid(let offset) {
                    throw TranscriptError(file: fileName, line: LineNumbers.line(at: offset, in: bytes),
                                          reason: "byte \(TextDecoding.hex(bytes[min(offset, bytes.count - 1)])) is not valid \(declared ?? name)")
                }
            }
        }
    }

    private static func read(utf8: [UInt8], encoding: String, fileName: String) throws -> Transcript {
        try utf8.withUnsafeBufferPointer { try read(utf8: $0, encoding: encoding, fileName: fileName) }
    }

    private static func read(utf8 bytes: UnsafeBufferPointer<UInt8>, encoding: String, fileName: String) throws -> Transcript {
        try TextDecoding.requireUTF8(bytes, fileName: fileName)
        let document = try EAFParser.parse(bytes, fileName: fileName)
        let timeline = EAFTimeline(document: document, fileName: fileName,
                                   lineAt: { LineNumbers.line(at: $0, in: bytes) })
        return try timeline.transcript(encoding: encoding)
    }

    /// The `encoding` pseudo-attribute of an XML declaration at the very start.
    static func declaredEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = bytes.prefix(512)
        guard let close = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[..<close], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\t" })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix(while: { $0 != quote })
        return value.isEmpty ? nil : String(value)
    }
}
