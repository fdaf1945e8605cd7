/// Tells a Layer III frame whose side information no encoder could have written (random bytes
/// after a valid sync word) from a real one. libmpg123 turns such frames into silence without a
/// word; ffmpeg refuses them ("big_values too big", "overread").
enum MP3FrameCheck {
    /// True when the frame's side information is possible: every granule's `big_values` at most
    /// 288, no window switching with block type 0, and its Huffman data fitting in the bytes
    /// the frame and the bit reservoir can hold.
    static func isPlausible(header: UInt32, body: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (header >> 17) & 0x3 == 1 else { return true }
        let isMPEG1 = (header >> 19) & 0x3 == 3
        let channels = (header >> 6) & 0x3 == 3 ? 1 : 2
        let hasCRC = (header >> 16) & 0x1 == 0
        let sideInfoBytes = isMPEG1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17)
        let start = hasCRC ? 2 : 0
        guard body.count >= start + sideInfoBytes else { return false }
        var bits = BitReader(body, from: start)
        let reservoir = bits.read(isMPEG1 ? 9 : 8)
        bits.skip(isMPEG1 ? (channels == 1 ? 5 : 3) + 4 * channels : channels)
        var huffmanBits = 0
        for _ in 0..<(isMPEG1 ? 2 : 1) {
            for _ in 0..<channels {
                huffmanBits += bits.read(12)
                guard bits.read(9) <= 288 else { return false }
                bits.skip(8 + (isMPEG1 ? 4 : 9))
                if bits.read(1) == 1 {
                    guard bits.read(2) != 0 else { return false }
                    bits.skip(1 + 10 + 9)
                } else {
                    bits.skip(15 + 4 + 3)
                }
                bits.skip(isMPEG1 ? 3 : 2)
            }
        }
        let mainDataBytes = body.count - start - sideInfoBytes
        return huffmanBits <= (reservoir + mainDataBytes) * 8
    }

    private struct BitReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int

        init(_ bytes: UnsafeBufferPointer<UInt8>, from byte: Int) {
            self.bytes = bytes
            position = byte * 8
        }

        mutating func read(_ count: Int) -> Int {
            var value = 0
            for _ in 0..<count {
                let byte = bytes[position >> 3]
                value = value << 1 | Int((byte >> (7 - UInt8(position & 7))) & 1)
                position += 1
            }
            return value
        }

        mutating func skip(_ count: Int) { position += count }
    }
}
