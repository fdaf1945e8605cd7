/// The Xing/Info header an encoder writes into an MP3's first frame: how many frames follow,
/// and (LAME's extension) how many samples of encoder delay and padding a gapless decoder drops.
struct MP3InfoHeader {
    var frames: Int64
    var samplesPerFrame: Int64
    var encoderDelay: Int64
    var padding: Int64
    /// Byte offset of the frame that carries the header.
    var offset: Int64

    /// Sample frames the header promises, trimmed as libmpg123 trims them.
    var promisedFrames: Int64 { max(0, frames * samplesPerFrame - encoderDelay - padding) }

    /// The header of the first frame after any ID3v2 tag, or nil when it has none or no frame count.
    static func find(in reader: HashingFileReader) throws -> MP3InfoHeader? {
        var offset: Int64 = 0
        let tag = try reader.bytes(at: 0, count: 10)
        if tag.count == 10, tag.prefix(3).elementsEqual("ID3".utf8) {
            guard tag[6...9].allSatisfy({ $0 < 0x80 }) else { return nil }
            let size = tag[6...9].reduce(Int64(0)) { $0 << 7 | Int64($1 & 0x7F) }
            offset = 10 + size + (tag[5] & 0x10 != 0 ? 10 : 0)
        }
        let frame = try reader.bytes(at: offset, count: 4 + 32 + 8 + 4 + 4 + 100 + 4 + 24)
        guard frame.count >= 16, AudioFormatSniffer.isMPEGFrameHeader(frame) else { return nil }
        let isMPEG1 = (frame[1] >> 3) & 0x3 == 3, isMono = frame[3] >> 6 == 3
        guard (frame[1] >> 1) & 0x3 == 1 else { return nil }
        let sideInfo = isMPEG1 ? (isMono ? 17 : 32) : (isMono ? 9 : 17)
        let checksum = frame[1] & 0x1 == 0 ? 2 : 0
        var at = 4 + checksum + sideInfo
        guard frame.count >= at + 12, ["Xing", "Info"].contains(String(decoding: frame[at..<at + 4], as: UTF8.self)) else { return nil }
        let flags = bigEndian32(frame, at + 4)
        at += 8
        guard flags & 1 != 0 else { return nil }
        let frames = Int64(bigEndian32(frame, at))
        at += 4
        if flags & 2 != 0 { at += 4 }
        if flags & 4 != 0 { at += 100 }
        if flags & 8 != 0 { at += 4 }
        var delay: Int64 = 0, padding: Int64 = 0
        if frame.count >= at + 24 {
            let d = frame[(at + 21)...]
            let start = d.startIndex
            delay = Int64(d[start]) << 4 | Int64(d[start + 1] >> 4)
            padding = Int64(d[start + 1] & 0x0F) << 8 | Int64(d[start + 2])
        }
        return MP3InfoHeader(frames: frames, samplesPerFrame: isMPEG1 ? 1152 : 576, encoderDelay: delay,
                             padding: padding, offset: offset)
    }

    private static func bigEndian32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }
}
