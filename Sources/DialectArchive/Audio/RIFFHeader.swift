/// What the archive needs from a WAV file's chunk list before decoding: the format tag,
/// the `bext` chunk, and whether the `data` chunk really fits in the file.
struct RIFFHeader {
    var formatTag: UInt16 = 0
    var bext: BroadcastExtension?
    var chunkIDs: [String] = []

    static let extensible: UInt16 = 0xFFFE

    /// Walks the chunks up to and including `data`; throws when the header promises more
    /// audio than the file holds.
    static func read(from reader: HashingFileReader) throws -> RIFFHeader {
        var header = RIFFHeader()
        let top = try reader.bytes(at: 0, count: 12)
        let isRF64 = String(decoding: top.prefix(4), as: UTF8.self) != "RIFF"
        var ds64DataSize: UInt64?
        var offset: Int64 = 12
        while offset + 8 <= reader.size {
            let chunkHeader = try reader.bytes(at: offset, count: 8)
            guard chunkHeader.count == 8 else { break }
            let id = String(decoding: chunkHeader.prefix(4), as: UTF8.self)
            var size = UInt64(littleEndian32(chunkHeader, 4))
            header.chunkIDs.append(id)
            let body = offset + 8
            switch id {
            case "fmt ":
                let fmt = try reader.bytes(at: body, count: Int(min(size, 40)))
                guard fmt.count >= 16 else {
                    throw AudioError.truncated(path: reader.path, reason: "the fmt chunk is cut short")
                }
                header.formatTag = UInt16(fmt[0]) | UInt16(fmt[1]) << 8
                try checkFormat(fmt, at: offset, path: reader.path)
            case "bext":
                guard size < 1 << 20 else { break }
                header.bext = BroadcastExtension(chunk: try reader.bytes(at: body, count: Int(size)))
            case "ds64":
                let ds = try reader.bytes(at: body, count: 16)
                if ds.count == 16 { ds64DataSize = UInt64(littleEndian32(ds, 8)) | UInt64(littleEndian32(ds, 12)) << 32 }
            case "data":
                if isRF64, size == 0xFFFF_FFFF, let real = ds64DataSize { size = real }
                let available = UInt64(max(0, reader.size - body))
                if size > available {
                    throw AudioError.truncated(path: reader.path,
                        reason: "the header declares \(size) bytes of audio data but the file holds only \(available)")
                }
                return header
            default:
                break
            }
            offset = body + Int64(size) + Int64(size & 1)
        }
        throw AudioError.truncated(path: reader.path, reason: "no data chunk was found")
    }

    /// Refuses a fmt chunk whose rate or channels no recorder writes, or whose bit depth
    /// contradicts its block alignment (each frame holds `channels` samples of whole bytes).
    private static func checkFormat(_ fmt: [UInt8], at offset: Int64, path: String) throws {
        let source = "the fmt chunk at byte \(offset)"
        let channels = Int(littleEndian16(fmt, 2))
        try AudioLimits.check(sampleRate: Double(littleEndian32(fmt, 4)), channels: channels, path: path, source: source)
        var tag = littleEndian16(fmt, 0)
        if tag == extensible, fmt.count >= 26 { tag = littleEndian16(fmt, 24) }
        guard tag == pcm || tag == ieeeFloat else { return }
        let blockAlign = Int(littleEndian16(fmt, 12)), bits = Int(littleEndian16(fmt, 14))
        guard AudioLimits.bitDepths.contains(bits) else {
            throw AudioError.impossibleHeader(path: path, reason: "\(source) gives \(bits) bits per sample")
        }
        guard blockAlign == channels * ((bits + 7) / 8) else {
            throw AudioError.impossibleHeader(path: path, reason: "\(source) gives \(bits) bits per sample, which contradicts "
                + "its block alignment of \(blockAlign) bytes for \(channels) channel\(channels == 1 ? "" : "s")")
        }
    }

    static let pcm: UInt16 = 1
    static let ieeeFloat: UInt16 = 3

    private static func littleEndian16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func littleEndian32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
