import Foundation

/// A span of a 16- or 24-bit integer PCM WAV (plain or WAVE_FORMAT_EXTENSIBLE), mono or stereo, cut by copying its frames' bytes
/// after a seek under a new header: byte for byte the WAV libsndfile writes for the same span
/// (a 44-byte header, and a zero byte after an odd number of data bytes), without decoding and
/// encoding every sample.
struct WAVSpan {
    let channels: Int
    let sampleRate: Int
    let bitsPerSample: Int
    /// Where the first frame's bytes start.
    let dataOffset: UInt64
    /// The whole frames the file holds (fewer than its header promises when it is cut short).
    let frames: Int64

    var bytesPerFrame: Int { channels * bitsPerSample / 8 }

    /// KSDATAFORMAT_SUBTYPE_PCM, as WAVE_FORMAT_EXTENSIBLE stores it.
    static let pcmSubformat: [UInt8] = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]

    /// Reads the chunks up to `data`; nil for any other kind of file, which libsndfile cuts.
    init?(_ file: FileHandle) throws {
        let size = try file.seekToEnd()
        func read(_ offset: UInt64, _ count: Int) throws -> [UInt8] {
            try file.seek(toOffset: offset)
            return [UInt8](try file.read(upToCount: count) ?? Data())
        }
        func word(_ bytes: [UInt8], _ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        func half(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        let top = try read(0, 12)
        guard top.count == 12, top[0..<4].elementsEqual("RIFF".utf8), top[8..<12].elementsEqual("WAVE".utf8) else { return nil }
        var format: (channels: Int, rate: Int, bits: Int)?
        var offset: UInt64 = 12
        while offset + 8 <= size {
            let chunk = try read(offset, 8)
            guard chunk.count == 8 else { return nil }
            let length = UInt64(word(chunk, 4))
            if chunk[0..<4].elementsEqual("fmt ".utf8) {
                let fmt = try read(offset + 8, Int(min(length, 40)))
                guard fmt.count >= 16 else { return nil }
                let channels = half(fmt, 2), bits = half(fmt, 14)
                switch half(fmt, 0) {
                case 1: break
                case 0xFFFE:
                    // Integer PCM, every bit of each sample used.
                    guard fmt.count == 40, half(fmt, 18) == bits, fmt[24..<40].elementsEqual(Self.pcmSubformat) else { return nil }
                default: return nil
                }
                guard (1...2).contains(channels), bits == 16 || bits == 24, half(fmt, 12) == channels * bits / 8 else { return nil }
                format = (channels, Int(word(fmt, 4)), bits)
            } else if chunk[0..<4].elementsEqual("data".utf8) {
                guard let format, format.rate > 0 else { return nil }
                channels = format.channels
                sampleRate = format.rate
                bitsPerSample = format.bits
                dataOffset = offset + 8
                frames = Int64(min(length, size - dataOffset) / UInt64(format.channels * format.bits / 8))
                return
            }
            offset += 8 + length + (length & 1)
        }
        return nil
    }

    /// The WAV of `count` frames from `first`.
    func wav(first: Int64, count: Int64, from file: FileHandle, path: String) throws -> [UInt8] {
        let dataBytes = Int(count) * bytesPerFrame
        var out: [UInt8] = []
        out.reserveCapacity(44 + dataBytes + 1)
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        func put32(_ value: Int) { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> shift)) } }
        func put16(_ value: Int) { out.append(UInt8(truncatingIfNeeded: value)); out.append(UInt8(truncatingIfNeeded: value >> 8)) }
        put("RIFF"); put32(36 + dataBytes + (dataBytes & 1)); put("WAVE")
        put("fmt "); put32(16); put16(1); put16(channels); put32(sampleRate); put32(sampleRate * bytesPerFrame)
        put16(bytesPerFrame); put16(bitsPerSample)
        put("data"); put32(dataBytes)
        try file.seek(toOffset: dataOffset + UInt64(first) * UInt64(bytesPerFrame))
        let data = try file.read(upToCount: dataBytes) ?? Data()
        guard data.count == dataBytes else {
            throw AudioError.truncated(path: path, reason: "the file ended \(dataBytes - data.count) bytes before the span's end")
        }
        out.append(contentsOf: data)
        if dataBytes & 1 == 1 { out.append(0) }
        return out
    }
}
