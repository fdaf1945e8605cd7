/// Walks the pages of an Ogg stream as its bytes are read, checking each page's CRC and
/// keeping what the pages promise (the last granule position, the end-of-stream flag), so that
/// audio lost to damage or truncation is reported rather than stored as if complete.
final class OggPageCheck {
    /// Pages read whole, good or damaged.
    private(set) var pages = 0
    private(set) var damagedPages = 0
    /// Page number (from 1) and byte offset of the first damaged page.
    private(set) var firstDamage: (page: Int, offset: Int64)?
    /// Bytes between pages that belong to none.
    private(set) var strayBytes: Int64 = 0
    private(set) var firstStrayOffset: Int64?
    /// Granule position of the last intact page of the first logical stream.
    private(set) var lastGranule: Int64?
    private(set) var sawEndOfStream = false
    /// The first page whose granule position is before an earlier page's: its number, offset,
    /// position, and the earlier position.
    private(set) var granuleWentBack: (page: Int, offset: Int64, granule: Int64, earlier: Int64)?
    /// Opus pre-skip (samples at 48 kHz), from the `OpusHead` packet.
    private(set) var opusPreSkip: Int64?

    private var offset: Int64 = 0
    private var header: [UInt8] = []
    private var pageStart: Int64 = 0
    private var bodyLeft = 0
    private var crc: UInt32 = 0
    private var firstSerial: UInt32?
    private var body: [UInt8] = []

    /// Takes the next bytes of the file, in order.
    func consume(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        while index < bytes.count {
            if bodyLeft > 0 {
                let take = min(bodyLeft, bytes.count - index)
                let part = UnsafeRawBufferPointer(rebasing: bytes[index..<index + take])
                crc = Self.crc(crc, part)
                if pages == 0, body.count < 32 { body += part.prefix(32 - body.count) }
                bodyLeft -= take
                index += take
                offset += Int64(take)
                if bodyLeft == 0 { endPage() }
                continue
            }
            header.append(bytes[index])
            index += 1
            offset += 1
            headerGrew()
        }
    }

    private func headerGrew() {
        let magic: [UInt8] = [0x4F, 0x67, 0x67, 0x53]
        if header.count <= 4 {
            if header.last != magic[header.count - 1] {
                // Not a page: count the byte as stray and look for a page start again.
                if firstStrayOffset == nil { firstStrayOffset = offset - Int64(header.count) }
                strayBytes += 1
                let keep = header.last == magic[0] ? [magic[0]] : []
                strayBytes += Int64(header.count - 1 - keep.count)
                header = keep
            }
            if header.count == 1 { pageStart = offset - 1 }
            return
        }
        guard header.count >= 27, header.count == 27 + Int(header[26]) else { return }
        var zeroed = header
        zeroed[22...25] = [0, 0, 0, 0]
        crc = zeroed.withUnsafeBytes { Self.crc(0, $0) }
        bodyLeft = header[27...].reduce(0) { $0 + Int($1) }
        if pages == 0 { body = [] }
        if bodyLeft == 0 { endPage() }
    }

    private func endPage() {
        pages += 1
        let stored = UInt32(header[22]) | UInt32(header[23]) << 8 | UInt32(header[24]) << 16 | UInt32(header[25]) << 24
        if stored != crc {
            damagedPages += 1
            if firstDamage == nil { firstDamage = (pages, pageStart) }
        } else {
            let serial = UInt32(header[14]) | UInt32(header[15]) << 8 | UInt32(header[16]) << 16 | UInt32(header[17]) << 24
            if firstSerial == nil { firstSerial = serial }
            if serial == firstSerial {
                let granule = (6..<14).reduce(Int64(0)) { $0 | Int64(header[$1]) << (8 * Int64($1 - 6)) }
                if granule != -1 {
                    if let earlier = lastGranule, granule < earlier, granuleWentBack == nil {
                        granuleWentBack = (pages, pageStart, granule, earlier)
                    }
                    lastGranule = granule
                }
                if header[5] & 0x04 != 0 { sawEndOfStream = true }
                if pages == 1, body.count >= 12, Array(body[0..<8]) == Array("OpusHead".utf8) {
                    opusPreSkip = Int64(body[10]) | Int64(body[11]) << 8
                }
            }
        }
        header = []
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var r = UInt32(index) << 24
        for _ in 0..<8 { r = r & 0x8000_0000 != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1 }
        return r
    }

    private static func crc(_ start: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = start
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = (crc << 8) ^ table[Int((crc >> 24) ^ UInt32(byte))] }
        }
        return crc
    }

    /// Sample frames the pages promise at `sampleRate`, or nil when no intact page gave a position.
    func promisedFrames(sampleRate: Int) -> Int64? {
        guard let lastGranule else { return nil }
        guard let opusPreSkip else { return lastGranule }
        // Opus counts granules at 48 kHz, pre-skip included, whatever rate it decodes at.
        return max(0, lastGranule - opusPreSkip) * Int64(sampleRate) / 48_000
    }

    /// What is wrong with the stream, in the user's words, given how many frames decoded.
    func problems(decodedFrames: Int64, sampleRate: Int) -> [String] {
        var problems: [String] = []
        if let firstDamage {
            problems.append("\(damagedPages) of \(pages) Ogg pages fail their checksum (the first is page \(firstDamage.page) at byte \(firstDamage.offset)); their audio is lost")
        }
        if let firstStrayOffset {
            problems.append("\(strayBytes) bytes that belong to no Ogg page, the first at byte \(firstStrayOffset)")
        }
        if let back = granuleWentBack {
            problems.append("Ogg page \(back.page) at byte \(back.offset) gives granule position \(back.granule), before the \(back.earlier) "
                + "of an earlier page, so the stream's length cannot be trusted (\(decodedFrames) sample frames decode)")
        }
        if !sawEndOfStream {
            problems.append("the Ogg stream has no last page (cut short after page \(pages))")
        }
        if let promised = promisedFrames(sampleRate: sampleRate), promised != decodedFrames {
            problems.append("the last intact Ogg page promises \(promised) sample frames (\(TimeFormat.clock(promised * 1000 / Int64(sampleRate)))) "
                + "but \(decodedFrames) decode (\(TimeFormat.clock(decodedFrames * 1000 / Int64(sampleRate))))")
        }
        return problems
    }
}
