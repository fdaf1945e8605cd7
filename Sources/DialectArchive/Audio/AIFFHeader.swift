import Foundation

/// The COMM chunk of an AIFF or AIFF-C file: what it promises, checked before decoding and
/// against the frames that decode after.
struct AIFFHeader {
    var channels: Int
    var frames: Int64
    var bitsPerSample: Int
    var sampleRate: Double

    /// Finds and checks the COMM chunk; throws when it is missing or impossible.
    static func read(from reader: HashingFileReader) throws -> AIFFHeader {
        var offset: Int64 = 12
        while offset + 8 <= reader.size {
            let chunk = try reader.bytes(at: offset, count: 8)
            guard chunk.count == 8 else { break }
            let size = Int64(bigEndian32(chunk, 4))
            if String(decoding: chunk.prefix(4), as: UTF8.self) == "COMM" {
                let body = try reader.bytes(at: offset + 8, count: 18)
                guard size >= 18, body.count == 18 else {
                    throw AudioError.damaged(path: reader.path, reason: "the COMM chunk at byte \(offset) is cut short")
                }
                let header = AIFFHeader(channels: Int(Int16(bitPattern: UInt16(body[0]) << 8 | UInt16(body[1]))),
                                        frames: Int64(bigEndian32(body, 2)),
                                        bitsPerSample: Int(Int16(bitPattern: UInt16(body[6]) << 8 | UInt16(body[7]))),
                                        sampleRate: extended(Array(body[8..<18])))
                let source = "the COMM chunk at byte \(offset)"
                try AudioLimits.check(sampleRate: header.sampleRate, channels: header.channels, path: reader.path, source: source)
                guard AudioLimits.bitDepths.contains(header.bitsPerSample) else {
                    throw AudioError.impossibleHeader(path: reader.path, reason: "\(source) gives \(header.bitsPerSample) bits per sample")
                }
                return header
            }
            offset += 8 + size + (size & 1)
        }
        throw AudioError.damaged(path: reader.path, reason: "the AIFF file has no COMM chunk")
    }

    /// An 80-bit IEEE 754 extended float, big-endian, as AIFF stores its sample rate.
    static func extended(_ b: [UInt8]) -> Double {
        let sign: Double = b[0] & 0x80 != 0 ? -1 : 1
        let exponent = Int(b[0] & 0x7F) << 8 | Int(b[1])
        let mantissa = b[2..<10].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if exponent == 0x7FFF { return mantissa << 1 == 0 ? sign * .infinity : .nan }
        if exponent == 0, mantissa == 0 { return 0 }
        return sign * Double(mantissa) * pow(2, Double(exponent - 16383 - 63))
    }

    private static func bigEndian32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }
}
