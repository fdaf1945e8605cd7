import CSndFile
import Foundation

/// Decodes WAV, RF64, W64, AIFF, FLAC, Ogg Vorbis and Opus through libsndfile, reading the
/// file through a `HashingFileReader` so that the bytes are hashed in the same pass.
enum SndFileDecoder {
    static let framesPerBlock = 8192

    static func decode(_ reader: HashingFileReader, kind: AudioFormatSniffer.Kind, formatTag: UInt16?,
                       fingerprint: FingerprintBuilder? = nil) throws -> DecodedAudio {
        // What the container promises, checked before libsndfile sizes anything from it.
        var flac: FLACStreamInfo?, aiff: AIFFHeader?, ogg: OggPageCheck?
        switch kind {
        case .flac: flac = try FLACStreamInfo.read(from: reader)
        case .aiff: aiff = try AIFFHeader.read(from: reader)
        case .ogg:
            let check = OggPageCheck()
            try reader.observe { check.consume($0) }
            ogg = check
        default: break
        }
        var io = SF_VIRTUAL_IO(
            get_filelen: { user in Unmanaged<HashingFileReader>.fromOpaque(user!).takeUnretainedValue().size },
            seek: { offset, whence, user in
                let reader = Unmanaged<HashingFileReader>.fromOpaque(user!).takeUnretainedValue()
                switch whence {
                case SEEK_SET: reader.position = offset
                case SEEK_CUR: reader.position += offset
                case SEEK_END: reader.position = reader.size + offset
                default: return -1
                }
                return reader.position
            },
            read: { buffer, count, user in
                let reader = Unmanaged<HashingFileReader>.fromOpaque(user!).takeUnretainedValue()
                return (try? reader.readSequential(into: buffer!, count: Int(count))).map(sf_count_t.init) ?? 0
            },
            write: { _, _, _ in 0 },
            tell: { user in Unmanaged<HashingFileReader>.fromOpaque(user!).takeUnretainedValue().position })
        var info = SF_INFO()
        let user = Unmanaged.passUnretained(reader).toOpaque()
        guard let file = sf_open_virtual(&io, Int32(SFM_READ), &info, user) else {
            throw SndFileMessage.openFailure(reader, kind: kind, code: sf_error(nil))
        }
        defer { sf_close(file) }

        let major = Int(info.format) & Int(SF_FORMAT_TYPEMASK)
        let minor = Int(info.format) & Int(SF_FORMAT_SUBMASK)
        let channels = Int(info.channels)
        try AudioLimits.check(sampleRate: Double(info.samplerate), channels: channels, path: reader.path, source: "the header")
        let isFloat = minor == Int(SF_FORMAT_FLOAT) || minor == Int(SF_FORMAT_DOUBLE)
        let isLossy = minor == Int(SF_FORMAT_VORBIS) || minor == Int(SF_FORMAT_OPUS)
        var hasher = SampleHasher(sampleRate: Int(info.samplerate), channels: channels,
                                  sampleKind: isFloat || isLossy ? "f32" : "s32")
        var flacMD5 = flac?.md5 == nil ? nil : flac.flatMap { FLACSampleMD5(bitsPerSample: $0.bitsPerSample) }
        var frames: Int64 = 0
        if isFloat || isLossy {
            var buffer = [Float](repeating: 0, count: framesPerBlock * channels)
            while true {
                let n = buffer.withUnsafeMutableBufferPointer { sf_readf_float(file, $0.baseAddress, sf_count_t(framesPerBlock)) }
                if n <= 0 { break }
                buffer.withUnsafeBufferPointer { block in
                    let samples = UnsafeBufferPointer(rebasing: block[0..<Int(n) * channels])
                    hasher.update(samples)
                    fingerprint?.feed(samples, sampleRate: Int(info.samplerate), channels: channels)
                }
                frames += Int64(n)
            }
        } else {
            var buffer = [Int32](repeating: 0, count: framesPerBlock * channels)
            while true {
                let n = buffer.withUnsafeMutableBufferPointer { sf_readf_int(file, $0.baseAddress, sf_count_t(framesPerBlock)) }
                if n <= 0 { break }
                buffer.withUnsafeBufferPointer { block in
                    let samples = UnsafeBufferPointer(rebasing: block[0..<Int(n) * channels])
                    hasher.update(samples)
                    flacMD5?.update(samples)
                    fingerprint?.feed(samples, sampleRate: Int(info.samplerate), channels: channels)
                }
                frames += Int64(n)
            }
        }
        let rate = Int(info.samplerate)
        if sf_error(file) != 0 {
            throw AudioError.damaged(path: reader.path, reason: "decoding stopped near byte \(reader.position) after \(frames) sample frames "
                + "(\(SndFileMessage.plain(sf_strerror(file))))")
        }
        guard frames > 0 else { throw AudioError.damaged(path: reader.path, reason: "it holds no audio (0 sample frames decode)") }
        let promised = aiff?.frames ?? flac?.totalFrames ?? (major == Int(SF_FORMAT_OGG) ? nil : Int64(info.frames))
        if let promised, frames < promised {
            throw SndFileMessage.shortfall(path: reader.path, promised: promised, decoded: frames, sampleRate: rate,
                                           stoppedAt: reader.position, size: reader.size)
        }
        if let expected = flac?.md5, let found = flacMD5?.finish(), found != expected {
            throw AudioError.damaged(path: reader.path, reason: "the decoded samples do not match the MD5 signature in STREAMINFO "
                + "(\(Checksum.hex(expected)) expected, \(Checksum.hex(found)) decoded): some frames decode to other audio than was encoded")
        }
        return DecodedAudio(
            container: containerName(major),
            codec: codecName(major: major, minor: minor, formatTag: formatTag),
            sampleRate: rate, channels: channels,
            bitsPerSample: bits(minor), frames: frames, audioSHA256: hasher.finish(),
            warnings: ogg?.problems(decodedFrames: frames, sampleRate: rate) ?? [])
    }

    static func containerName(_ major: Int) -> String {
        switch major {
        case Int(SF_FORMAT_WAV), Int(SF_FORMAT_WAVEX): return "wav"
        case Int(SF_FORMAT_RF64): return "rf64"
        case Int(SF_FORMAT_W64): return "w64"
        case Int(SF_FORMAT_AIFF): return "aiff"
        case Int(SF_FORMAT_FLAC): return "flac"
        case Int(SF_FORMAT_OGG): return "ogg"
        default: return String(format: "sndfile-0x%06x", major)
        }
    }

    static func bits(_ minor: Int) -> Int? {
        switch minor {
        case Int(SF_FORMAT_PCM_S8), Int(SF_FORMAT_PCM_U8): return 8
        case Int(SF_FORMAT_PCM_16): return 16
        case Int(SF_FORMAT_PCM_24): return 24
        case Int(SF_FORMAT_PCM_32), Int(SF_FORMAT_FLOAT): return 32
        case Int(SF_FORMAT_DOUBLE): return 64
        default: return nil
        }
    }

    static func codecName(major: Int, minor: Int, formatTag: UInt16?) -> String {
        if major == Int(SF_FORMAT_FLAC) { return "flac" }
        if minor == Int(SF_FORMAT_VORBIS) { return "vorbis" }
        if minor == Int(SF_FORMAT_OPUS) { return "opus" }
        let endian = major == Int(SF_FORMAT_AIFF) ? "be" : "le"
        switch minor {
        case Int(SF_FORMAT_PCM_U8): return "pcm_u8"
        case Int(SF_FORMAT_PCM_S8): return "pcm_s8"
        case Int(SF_FORMAT_PCM_16): return "pcm_s16" + endian
        case Int(SF_FORMAT_PCM_24): return "pcm_s24" + endian
        case Int(SF_FORMAT_PCM_32): return "pcm_s32" + endian
        case Int(SF_FORMAT_FLOAT): return "pcm_f32" + endian
        case Int(SF_FORMAT_DOUBLE): return "pcm_f64" + endian
        case Int(SF_FORMAT_ULAW): return "pcm_mulaw"
        case Int(SF_FORMAT_ALAW): return "pcm_alaw"
        case Int(SF_FORMAT_IMA_ADPCM): return "adpcm_ima_wav"
        case Int(SF_FORMAT_MS_ADPCM): return "adpcm_ms"
        default: return String(format: "sndfile-0x%04x", minor)
        }
    }
}
