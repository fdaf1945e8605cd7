import Foundation

/// Seeded damage to real recordings, as a demanding archivist would bring it: cut files, bytes
/// flipped in headers and in audio, impossible rates, channels and bit depths, chunk sizes that
/// lie, Ogg pages with wrong granules or checksums, MPEG frames of random bytes, a FLAC whose
/// MD5 does not match. Each mutant is named after its source and its damage.
struct AudioMutants {
    private var random: SeededBytes

    init(seed: UInt64) { random = SeededBytes(seed: seed) }

    /// Writes `perSource` mutants of each source into `folder`; returns their names.
    mutating func write(from sources: [URL], perSource: Int, into folder: URL) throws -> [String] {
        var names: [String] = []
        for source in sources {
            let original = try AudioBytes(source)
            let stem = source.deletingPathExtension().lastPathComponent, ext = source.pathExtension
            for index in 0..<perSource {
                var bytes = original
                let damage = mutate(&bytes, format: ext.lowercased(), round: index)
                let name = "\(stem)-\(index)-\(damage).\(ext)"
                try bytes.write(to: folder.appendingPathComponent(name))
                names.append(name)
            }
        }
        return names
    }

    /// Applies one damage, chosen by `round` so that every kind is made for every source.
    private mutating func mutate(_ bytes: inout AudioBytes, format: String, round: Int) -> String {
        let generic = ["cut", "header-flip", "data-flip"]
        let specific: [String]
        switch format {
        case "wav": specific = ["rate", "channels", "bits", "data-size", "riff-size"]
        case "aiff", "aif": specific = ["rate", "channels", "frames"]
        case "flac": specific = ["rate", "md5", "total"]
        case "ogg", "opus": specific = ["granule", "page-crc", "rate", "channels"]
        case "mp3": specific = ["garbage-frames", "all-garbage", "xing-frames"]
        default: specific = []
        }
        let kinds = generic + specific
        let kind = kinds[round % kinds.count]
        let size = bytes.data.count
        switch kind {
        case "cut":
            bytes.data.removeLast(size - max(1, size * (5 + random.below(90)) / 100))
        case "header-flip":
            for _ in 0...random.below(4) { bytes.data[random.below(min(size, 256))] ^= UInt8(1 + random.below(255)) }
        case "data-flip":
            for _ in 0...random.below(8) { bytes.data[size / 5 + random.below(size - size / 5)] ^= UInt8(1 + random.below(255)) }
        case "rate": setRate(&bytes, format: format)
        case "channels": setChannels(&bytes, format: format)
        case "bits":
            bytes.putLE([0, 12, 24, 32, 7][random.below(5)], at: bytes.find("fmt ")! + 22, bytes: 2)
        case "data-size":
            let data = bytes.find("data")!
            let declared = bytes.readLE(at: data + 4, bytes: 4)
            bytes.putLE([0, declared * 2, declared + 1, 0xFFFF_FFFF][random.below(4)], at: data + 4, bytes: 4)
        case "riff-size":
            bytes.putLE(UInt64(random.below(Int(UInt32.max))), at: 4, bytes: 4)
        case "frames":
            let comm = bytes.find("COMM")!
            bytes.putBE(UInt64(random.below(Int(UInt32.max))), at: comm + 10, bytes: 4)
        case "md5":
            bytes.data[26 + random.below(16)] ^= UInt8(1 + random.below(255))
        case "total":
            bytes.data[25] ^= UInt8(1 + random.below(255))
        case "granule":
            let last = bytes.findLast("OggS")!
            let granule = bytes.readLE(at: last + 6, bytes: 8)
            bytes.putLE([granule * 2, granule / 2, granule + 48_000, 0][random.below(4)], at: last + 6, bytes: 8)
            bytes.fixOggChecksum(at: last)
        case "page-crc":
            var pages: [Int] = []
            var at = 0
            while let next = bytes.find("OggS", from: at) { pages.append(next); at = next + 4 }
            bytes.data[pages[random.below(pages.count)] + 22] ^= UInt8(1 + random.below(255))
        case "garbage-frames", "all-garbage":
            let frames = bytes.mpegFrames()
            let first = kind == "all-garbage" ? 1 : 1 + random.below(max(1, frames.count - 1))
            let count = kind == "all-garbage" ? frames.count : 1 + random.below(20)
            for frame in frames.dropFirst(first).prefix(count) {
                for i in (frame.offset + 4)..<min(size, frame.offset + frame.length) { bytes.data[i] = random.next() }
            }
        case "xing-frames":
            if let xing = bytes.find("Xing") ?? bytes.find("Info") {
                let frames = bytes.data[(xing + 8)..<(xing + 12)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                bytes.putBE([frames * 2, frames / 2, frames + 100][random.below(3)], at: xing + 8, bytes: 4)
            }
        default:
            break
        }
        return kind
    }

    private mutating func setRate(_ bytes: inout AudioBytes, format: String) {
        let rates: [UInt64] = [0, 1, 999, 768_001, 2_147_483_647, 4_294_967_295]
        let rate = rates[random.below(rates.count)]
        switch format {
        case "wav": bytes.putLE(rate, at: bytes.find("fmt ")! + 12, bytes: 4)
        case "aiff", "aif":
            let comm = bytes.find("COMM")!
            let extended: [[UInt8]] = [[0x7F, 0xFF, 0xC0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                                       [0x3F, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0], [0x40, 0x3C, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]]
            bytes.data.replaceSubrange((comm + 16)..<(comm + 26), with: extended[random.below(extended.count)])
        case "flac":
            // A 20-bit rate: 1 Hz, 999 Hz, or a real rate the frames contradict.
            let flacRate = [1, 999, 44_100, 655_350][random.below(4)]
            bytes.data[18] = UInt8(flacRate >> 12)
            bytes.data[19] = UInt8((flacRate >> 4) & 0xFF)
            bytes.data[20] = UInt8((flacRate & 0xF) << 4) | (bytes.data[20] & 0x0F)
        case "ogg":
            bytes.putLE(rate, at: bytes.find("\u{01}vorbis")! + 12, bytes: 4)
            bytes.fixOggChecksum(at: 0)
        case "opus":
            bytes.putLE(rate, at: bytes.find("OpusHead")! + 12, bytes: 4)
            bytes.fixOggChecksum(at: 0)
        default: break
        }
    }

    private mutating func setChannels(_ bytes: inout AudioBytes, format: String) {
        let channels = [0, 65, 255][random.below(3)]
        switch format {
        case "wav": bytes.putLE(UInt64(channels), at: bytes.find("fmt ")! + 10, bytes: 2)
        case "aiff", "aif": bytes.putBE(UInt64(channels), at: bytes.find("COMM")! + 8, bytes: 2)
        case "ogg":
            bytes.data[bytes.find("\u{01}vorbis")! + 11] = UInt8(channels)
            bytes.fixOggChecksum(at: 0)
        case "opus":
            bytes.data[bytes.find("OpusHead")! + 9] = UInt8(channels)
            bytes.fixOggChecksum(at: 0)
        default: break
        }
    }
}
