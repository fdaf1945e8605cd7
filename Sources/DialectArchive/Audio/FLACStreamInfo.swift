/// The facts a FLAC file promises in its STREAMINFO block, checked against its first frame
/// header before decoding and against the decoded samples after.
struct FLACStreamInfo {
    var sampleRate: Int
    var channels: Int
    var bitsPerSample: Int
    /// Total sample frames, or nil when the encoder did not know them.
    var totalFrames: Int64?
    /// MD5 of the unencoded samples, or nil when the encoder left it blank.
    var md5: [UInt8]?

    /// Reads STREAMINFO and the first frame header; throws when either is impossible or
    /// they contradict each other.
    static func read(from reader: HashingFileReader) throws -> FLACStreamInfo {
        let path = reader.path
        let block = try reader.bytes(at: 4, count: 4 + 34)
        guard block.count == 38, block[0] & 0x7F == 0 else {
            throw AudioError.damaged(path: path, reason: "the FLAC stream has no STREAMINFO block at byte 4")
        }
        let s = Array(block[4...])
        let rate = Int(s[10]) << 12 | Int(s[11]) << 4 | Int(s[12]) >> 4
        let channels = Int((s[12] >> 1) & 0x7) + 1
        let bits = (Int(s[12] & 0x1) << 4 | Int(s[13] >> 4)) + 1
        let total = Int64(s[13] & 0x0F) << 32 | Int64(s[14]) << 24 | Int64(s[15]) << 16 | Int64(s[16]) << 8 | Int64(s[17])
        let md5 = Array(s[18..<34])
        let source = "the STREAMINFO block at byte 8"
        try AudioLimits.check(sampleRate: Double(rate), channels: channels, path: path, source: source)
        guard bits >= 4 else {
            throw AudioError.impossibleHeader(path: path, reason: "\(source) gives \(bits) bits per sample")
        }
        let info = FLACStreamInfo(sampleRate: rate, channels: channels, bitsPerSample: bits,
                                  totalFrames: total > 0 ? total : nil, md5: md5.allSatisfy { $0 == 0 } ? nil : md5)
        try info.checkFirstFrame(at: try firstFrameOffset(reader), reader: reader)
        return info
    }

    /// Offset just past the last metadata block.
    private static func firstFrameOffset(_ reader: HashingFileReader) throws -> Int64 {
        var offset: Int64 = 4
        while true {
            let header = try reader.bytes(at: offset, count: 4)
            guard header.count == 4 else {
                throw AudioError.damaged(path: reader.path, reason: "the FLAC metadata block at byte \(offset) runs past the end of the file")
            }
            offset += 4 + (Int64(header[1]) << 16 | Int64(header[2]) << 8 | Int64(header[3]))
            if header[0] & 0x80 != 0 { return offset }
        }
    }

    /// Rates a frame header may name by code (0: see STREAMINFO; 12–14: given after the header).
    private static let rateCodes = [1: 88_200, 2: 176_400, 3: 192_000, 4: 8_000, 5: 16_000, 6: 22_050, 7: 24_000,
                                    8: 32_000, 9: 44_100, 10: 48_000, 11: 96_000]

    private func checkFirstFrame(at offset: Int64, reader: HashingFileReader) throws {
        let h = try reader.bytes(at: offset, count: 16)
        guard h.count == 16 else { return }
        guard h[0] == 0xFF, h[1] & 0xFE == 0xF8 else {
            throw AudioError.damaged(path: reader.path, reason: "no FLAC frame begins at byte \(offset), where the metadata ends")
        }
        let source = "the first frame header at byte \(offset)"
        let blockCode = Int(h[2] >> 4), rateCode = Int(h[2] & 0x0F)
        // Skip the UTF-8 coded frame number and any explicit block size to reach an explicit rate.
        var at = 5 + max(0, (~h[4]).leadingZeroBitCount - 1)
        if blockCode == 6 { at += 1 } else if blockCode == 7 { at += 2 }
        let frameRate: Int?
        switch rateCode {
        case 0: frameRate = nil
        case 12: frameRate = at < h.count ? Int(h[at]) * 1000 : nil
        case 13: frameRate = at + 1 < h.count ? Int(h[at]) << 8 | Int(h[at + 1]) : nil
        case 14: frameRate = at + 1 < h.count ? (Int(h[at]) << 8 | Int(h[at + 1])) * 10 : nil
        case 15: throw AudioError.damaged(path: reader.path, reason: "\(source) has an invalid sample rate code")
        default: frameRate = Self.rateCodes[rateCode]
        }
        if let frameRate, frameRate != sampleRate {
            throw AudioError.impossibleHeader(path: reader.path,
                reason: "STREAMINFO gives a sample rate of \(sampleRate) Hz but \(source) says \(frameRate) Hz")
        }
        let sizes = [1: 8, 2: 12, 4: 16, 5: 20, 6: 24, 7: 32]
        if let frameBits = sizes[Int((h[3] >> 1) & 0x7)], frameBits != bitsPerSample {
            throw AudioError.impossibleHeader(path: reader.path,
                reason: "STREAMINFO gives \(bitsPerSample) bits per sample but \(source) says \(frameBits)")
        }
    }
}
