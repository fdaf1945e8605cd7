import Foundation

/// Byte surgery on audio files for damage tests: find chunks, patch integers, recompute the
/// Ogg page checksum (so that a page is damaged in its content, not in its CRC).
struct AudioBytes {
    var data: [UInt8]

    init(_ url: URL) throws { data = [UInt8](try Data(contentsOf: url)) }

    func write(to url: URL) throws { try Data(data).write(to: url) }

    /// Offset of the first occurrence of `ascii` at or after `from`.
    func find(_ ascii: String, from: Int = 0) -> Int? {
        let needle = Array(ascii.utf8)
        guard data.count >= needle.count else { return nil }
        return (from...(data.count - needle.count)).first { data[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    /// Offset of the last occurrence of `ascii`.
    func findLast(_ ascii: String) -> Int? {
        let needle = Array(ascii.utf8)
        return stride(from: data.count - needle.count, through: 0, by: -1).first { data[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    mutating func putLE(_ value: UInt64, at offset: Int, bytes: Int) {
        for i in 0..<bytes { data[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }

    mutating func putBE(_ value: UInt64, at offset: Int, bytes: Int) {
        for i in 0..<bytes { data[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(bytes - 1 - i))) }
    }

    func readLE(at offset: Int, bytes: Int) -> UInt64 {
        (0..<bytes).reduce(UInt64(0)) { $0 | UInt64(data[offset + $1]) << (8 * UInt64($1)) }
    }

    /// Recomputes the CRC of the Ogg page starting at `offset`.
    mutating func fixOggChecksum(at offset: Int) {
        let segments = Int(data[offset + 26])
        let length = 27 + segments + data[(offset + 27)..<(offset + 27 + segments)].reduce(0) { $0 + Int($1) }
        putLE(0, at: offset + 22, bytes: 4)
        var crc: UInt32 = 0
        for byte in data[offset..<min(data.count, offset + length)] {
            crc ^= UInt32(byte) << 24
            for _ in 0..<8 { crc = crc & 0x8000_0000 != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1 }
        }
        putLE(UInt64(crc), at: offset + 22, bytes: 4)
    }

    /// Offsets and lengths of the MPEG frames after any ID3v2 tag.
    func mpegFrames() -> [(offset: Int, length: Int)] {
        var at = 0
        if find("ID3") == 0 {
            at = 10 + data[6...9].reduce(0) { $0 << 7 | Int($1 & 0x7F) }
        }
        var frames: [(Int, Int)] = []
        let bitrates1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
        let bitrates2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
        let rates: [Int: [Int]] = [3: [44_100, 48_000, 32_000], 2: [22_050, 24_000, 16_000], 0: [11_025, 12_000, 8_000]]
        while at + 4 <= data.count, data[at] == 0xFF, data[at + 1] & 0xE0 == 0xE0 {
            let version = Int(data[at + 1] >> 3) & 3, bitrateIndex = Int(data[at + 2] >> 4), rateIndex = Int(data[at + 2] >> 2) & 3
            guard let rate = rates[version]?[rateIndex], bitrateIndex > 0, bitrateIndex < 15 else { break }
            let bitrate = (version == 3 ? bitrates1 : bitrates2)[bitrateIndex] * 1000
            let length = (version == 3 ? 144 : 72) * bitrate / rate + (Int(data[at + 2] >> 1) & 1)
            frames.append((at, length))
            at += length
        }
        return frames
    }
}
