/// Walks the frames of an MPEG audio stream as its bytes are read: counts them as the
/// Xing/Info header counts them, and checks each Layer III frame's side information, so that
/// frames libmpg123 would silently turn into silence are reported.
final class MP3FrameWalker {
    /// Audio frames whole in the file (the Xing/Info frame not counted).
    private(set) var frames: Int64 = 0
    private(set) var damagedFrames: Int64 = 0
    /// Byte offset of the first damaged frame.
    private(set) var firstDamageOffset: Int64?

    /// What is wrong with the ID3v2 tag in front of the frames, when that hides them.
    private(set) var tagDamage: String?
    /// Bytes the ID3v2 tag claims, header included.
    private(set) var tagSize: Int64?

    /// Bytes between the ID3v2 tag (or the file's start) and the first frame, and where they begin.
    private(set) var leadingStray: Int64 = 0
    private(set) var leadingStrayOffset: Int64 = 0

    private var pending: [UInt8] = []
    /// File offset of `pending[0]`.
    private var pendingOffset: Int64 = 0
    private var skip: Int64 = 0
    private var started = false
    /// Version, layer and rate bits of the first frame; later frames must match them.
    private var streamBits: UInt32?

    func consume(_ bytes: UnsafeRawBufferPointer) {
        var bytes = bytes
        if skip > 0 {
            let dropped = Int(min(skip, Int64(bytes.count)))
            skip -= Int64(dropped)
            pendingOffset += Int64(dropped)
            bytes = UnsafeRawBufferPointer(rebasing: bytes[dropped...])
        }
        pending.append(contentsOf: bytes)
        walk()
    }

    private func walk() {
        var at = 0
        defer {
            pending.removeFirst(min(at, pending.count))
            pendingOffset += Int64(at)
        }
        if !started {
            guard pending.count >= 10 else { return }
            started = true
            if pending[0...2].elementsEqual("ID3".utf8) {
                guard pending[6...9].allSatisfy({ $0 < 0x80 }) else {
                    tagDamage = "the ID3v2 tag's size at byte 6 is not a valid size (a byte above 127), so where the audio begins is unknown"
                    skip = .max
                    at = pending.count
                    return
                }
                let size = pending[6...9].reduce(Int64(0)) { $0 << 7 | Int64($1) } + 10 + (pending[5] & 0x10 != 0 ? 10 : 0)
                tagSize = size
                if size > Int64(pending.count) {
                    skip = size - Int64(pending.count)
                    at = pending.count
                    return
                }
                at = Int(size)
            }
        }
        while pending.count - at >= 4 {
            let header = UInt32(pending[at]) << 24 | UInt32(pending[at + 1]) << 16 | UInt32(pending[at + 2]) << 8 | UInt32(pending[at + 3])
            guard let length = Self.frameLength(header), streamBits == nil || header & 0xFFFE_0C00 == streamBits else {
                if streamBits == nil {
                    if leadingStray == 0 { leadingStrayOffset = pendingOffset + Int64(at) }
                    leadingStray += 1
                }
                at += 1
                continue
            }
            guard pending.count - at >= length else { return }
            let offset = pendingOffset + Int64(at)
            pending.withUnsafeBufferPointer { all in
                let body = UnsafeBufferPointer(rebasing: all[(at + 4)..<(at + length)])
                if streamBits == nil {
                    streamBits = header & 0xFFFE_0C00
                    if Self.isInfoFrame(header: header, body: body) { return }
                }
                frames += 1
                if !MP3FrameCheck.isPlausible(header: header, body: body) {
                    damagedFrames += 1
                    if firstDamageOffset == nil { firstDamageOffset = offset }
                }
            }
            at += length
        }
    }

    private static let bitrates: [[Int]] = [
        [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],  // MPEG-1 layer I
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],     // MPEG-1 layer II
        [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],      // MPEG-1 layer III
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],     // MPEG-2 layer I
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],          // MPEG-2 layers II, III
    ]
    private static let rates: [UInt32: [Int]] = [3: [44_100, 48_000, 32_000], 2: [22_050, 24_000, 16_000], 0: [11_025, 12_000, 8_000]]

    /// Length in bytes of the frame `header` begins, or nil when it is no frame header
    /// (or a free-format one, whose length the header does not give).
    static func frameLength(_ header: UInt32) -> Int? {
        guard header >> 21 == 0x7FF else { return nil }
        let version = (header >> 19) & 3, layer = (header >> 17) & 3
        let bitrateIndex = Int((header >> 12) & 0xF), rateIndex = Int((header >> 10) & 3)
        guard version != 1, layer != 0, bitrateIndex != 0, bitrateIndex != 15, rateIndex != 3,
              let rate = rates[version]?[rateIndex] else { return nil }
        let padding = Int((header >> 9) & 1)
        let isMPEG1 = version == 3
        let table = isMPEG1 ? Int(3 - layer) : (layer == 3 ? 3 : 4)
        let bitrate = bitrates[table][bitrateIndex] * 1000
        switch layer {
        case 3: return (12 * bitrate / rate + padding) * 4
        case 1 where !isMPEG1: return 72 * bitrate / rate + padding
        default: return 144 * bitrate / rate + padding
        }
    }

    private static func isInfoFrame(header: UInt32, body: UnsafeBufferPointer<UInt8>) -> Bool {
        let isMPEG1 = (header >> 19) & 3 == 3, isMono = (header >> 6) & 3 == 3
        let at = (isMPEG1 ? (isMono ? 17 : 32) : (isMono ? 9 : 17)) + ((header >> 16) & 1 == 0 ? 2 : 0)
        guard body.count >= at + 4 else { return false }
        let tag = Array(body[at..<at + 4])
        return tag == Array("Xing".utf8) || tag == Array("Info".utf8)
    }
}
