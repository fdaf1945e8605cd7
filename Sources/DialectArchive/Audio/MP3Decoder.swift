import CMpg123
import Foundation

/// Decodes MPEG audio with libmpg123 in feed mode, counting every decoded frame, so that a
/// VBR file without a Xing/Info header still gets its true length.
enum MP3Decoder {
    private static let initialised: Bool = { mpg123_init() == MPG123_OK.rawValue }()
    static let rates = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000]

    static func decode(_ reader: HashingFileReader) throws -> DecodedAudio {
        guard initialised else { throw AudioError.undecodable(path: reader.path, reason: "libmpg123 failed to start") }
        var status: Int32 = 0
        guard let handle = mpg123_new(nil, &status) else {
            throw AudioError.undecodable(path: reader.path, reason: String(cString: mpg123_plain_strerror(status)))
        }
        defer { mpg123_close(handle); mpg123_delete(handle) }
        mpg123_param2(handle, Int32(MPG123_ADD_FLAGS.rawValue), Int(MPG123_QUIET.rawValue), 0)
        mpg123_format_none(handle)
        for rate in rates {
            mpg123_format(handle, rate, Int32(MPG123_MONO.rawValue | MPG123_STEREO.rawValue), Int32(MPG123_ENC_FLOAT_32.rawValue))
        }
        guard mpg123_open_feed(handle) == MPG123_OK.rawValue else {
            throw AudioError.undecodable(path: reader.path, reason: String(cString: mpg123_strerror(handle)))
        }

        var input = [UInt8](repeating: 0, count: 1 << 16)
        var output = [UInt8](repeating: 0, count: 1 << 18)
        var rate = 0, channels = 0
        var hasher: SampleHasher?
        var decodedBytes: Int64 = 0
        var endOfInput = false

        while true {
            var fed = 0
            if !endOfInput {
                fed = try input.withUnsafeMutableBytes { try reader.readSequential(into: $0.baseAddress!, count: $0.count) }
                if fed == 0 { endOfInput = true }
            }
            var firstCall = true
            decodeLoop: while true {
                var done = 0
                let result = input.withUnsafeBufferPointer { inBuf in
                    output.withUnsafeMutableBufferPointer { outBuf in
                        mpg123_decode(handle, firstCall && fed > 0 ? inBuf.baseAddress : nil, firstCall ? fed : 0,
                                      outBuf.baseAddress, outBuf.count, &done)
                    }
                }
                firstCall = false
                if result == MPG123_NEW_FORMAT.rawValue {
                    var r = 0, c: Int32 = 0, e: Int32 = 0
                    mpg123_getformat(handle, &r, &c, &e)
                    if hasher != nil, r != rate || Int(c) != channels {
                        throw AudioError.undecodable(path: reader.path, reason: "the stream changes format midway (\(rate) Hz → \(r) Hz)")
                    }
                    rate = r; channels = Int(c)
                    if hasher == nil { hasher = SampleHasher(sampleRate: rate, channels: channels, sampleKind: "f32") }
                }
                if done > 0 {
                    decodedBytes += Int64(done)
                    output.withUnsafeBytes { raw in
                        hasher?.update(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: Float.self), count: done / 4))
                    }
                }
                switch result {
                case MPG123_NEED_MORE.rawValue, MPG123_DONE.rawValue: break decodeLoop
                case MPG123_OK.rawValue, MPG123_NEW_FORMAT.rawValue: continue
                default:
                    throw AudioError.undecodable(path: reader.path, reason: String(cString: mpg123_strerror(handle)))
                }
            }
            if endOfInput { break }
        }
        guard let hasher, rate > 0, channels > 0 else {
            throw AudioError.notAudio(path: reader.path, reason: "no MPEG audio frames were found")
        }
        return DecodedAudio(container: "mp3", codec: "mp3", sampleRate: rate, channels: channels,
                            bitsPerSample: nil, frames: decodedBytes / Int64(4 * channels), audioSHA256: hasher.finish())
    }
}
