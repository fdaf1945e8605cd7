import CMpg123
import Foundation

/// Decodes MPEG audio with libmpg123 in feed mode, block by block, counting every decoded
/// frame, so that a VBR file without a Xing/Info header still gets its true length.
final class MP3Stream {
    private static let initialised: Bool = { mpg123_init() == MPG123_OK.rawValue }()
    static let rates = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000]

    private let reader: HashingFileReader
    private let handle: OpaquePointer
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var endOfInput = false
    private(set) var sampleRate = 0
    private(set) var channels = 0

    init(_ reader: HashingFileReader) throws {
        self.reader = reader
        guard Self.initialised else { throw AudioError.undecodable(path: reader.path, reason: "libmpg123 failed to start") }
        var status: Int32 = 0
        guard let handle = mpg123_new(nil, &status) else {
            throw AudioError.undecodable(path: reader.path, reason: String(cString: mpg123_plain_strerror(status)))
        }
        self.handle = handle
        mpg123_param2(handle, Int32(MPG123_ADD_FLAGS.rawValue), Int(MPG123_QUIET.rawValue), 0)
        mpg123_format_none(handle)
        for rate in Self.rates {
            mpg123_format(handle, rate, Int32(MPG123_MONO.rawValue | MPG123_STEREO.rawValue), Int32(MPG123_ENC_FLOAT_32.rawValue))
        }
        guard mpg123_open_feed(handle) == MPG123_OK.rawValue else {
            throw AudioError.undecodable(path: reader.path, reason: String(cString: mpg123_strerror(handle)))
        }
    }

    deinit {
        mpg123_close(handle)
        mpg123_delete(handle)
    }

    /// The next frame's interleaved samples (possibly none, where gapless trimming drops them),
    /// or nil at the end of the stream.
    func next() throws -> UnsafeBufferPointer<Float>? {
        while true {
            var number: off_t = 0
            var audio: UnsafeMutablePointer<UInt8>?
            var bytes = 0
            let result = mpg123_decode_frame(handle, &number, &audio, &bytes)
            if result == MPG123_NEW_FORMAT.rawValue {
                var rate = 0, count: Int32 = 0, encoding: Int32 = 0
                mpg123_getformat(handle, &rate, &count, &encoding)
                if sampleRate != 0, rate != sampleRate || Int(count) != channels {
                    throw AudioError.damaged(path: reader.path, reason: "the stream changes format midway (\(sampleRate) Hz → \(rate) Hz) near byte \(mpg123_framepos(handle))")
                }
                sampleRate = rate
                channels = Int(count)
            } else if result == MPG123_OK.rawValue {
                if let audio, bytes > 0 {
                    return UnsafeBufferPointer(start: UnsafeRawPointer(audio).assumingMemoryBound(to: Float.self), count: bytes / 4)
                }
            } else if result == MPG123_NEED_MORE.rawValue {
                if endOfInput { return nil }
                let count = try input.withUnsafeMutableBytes { try reader.readSequential(into: $0.baseAddress!, count: $0.count) }
                if count == 0 { endOfInput = true; continue }
                let fed = input.withUnsafeBufferPointer { mpg123_feed(handle, $0.baseAddress, count) }
                guard fed == MPG123_OK.rawValue else {
                    throw AudioError.damaged(path: reader.path, reason: "the MPEG stream cannot be read near byte \(reader.position)")
                }
            } else if result == MPG123_DONE.rawValue {
                return nil
            } else {
                throw AudioError.damaged(path: reader.path, reason: "the MPEG stream cannot be decoded near byte \(mpg123_framepos(handle)) "
                    + "(\(SndFileMessage.plain(mpg123_strerror(handle))))")
            }
        }
    }
}

/// Analyses MPEG audio: format and exact length from one decoding pass, and what the stream's
/// Xing/Info header and its frames' side information say about damage.
enum MP3Decoder {
    static func decode(_ reader: HashingFileReader, fingerprint: FingerprintBuilder? = nil) throws -> DecodedAudio {
        let info = try MP3InfoHeader.find(in: reader)
        let walker = MP3FrameWalker()
        try reader.observe { walker.consume($0) }
        let stream = try MP3Stream(reader)
        var hasher: SampleHasher?
        var samples: Int64 = 0
        while let block = try stream.next() {
            if hasher == nil { hasher = SampleHasher(sampleRate: stream.sampleRate, channels: stream.channels, sampleKind: "f32") }
            hasher?.update(block)
            fingerprint?.feed(block, sampleRate: stream.sampleRate, channels: stream.channels)
            samples += Int64(block.count)
        }
        guard let hasher, stream.sampleRate > 0, stream.channels > 0 else {
            throw AudioError.notAudio(path: reader.path, reason: "no MPEG audio frames were found")
        }
        let frames = samples / Int64(stream.channels)
        _ = try reader.finish()
        if walker.frames > 0, walker.damagedFrames == walker.frames {
            throw AudioError.damaged(path: reader.path, reason: "none of its \(walker.frames) MPEG frames holds audio an encoder could have written")
        }
        return DecodedAudio(container: "mp3", codec: "mp3", sampleRate: stream.sampleRate, channels: stream.channels,
                            bitsPerSample: nil, frames: frames, audioSHA256: hasher.finish(),
                            warnings: problems(walker, info: info, frames: frames, sampleRate: stream.sampleRate))
    }

    private static func problems(_ walker: MP3FrameWalker, info: MP3InfoHeader?, frames: Int64, sampleRate: Int) -> [String] {
        if let tagDamage = walker.tagDamage { return [tagDamage] }
        if walker.frames == 0 {
            return ["no MPEG frame begins where the ID3v2 tag says the audio does (byte \(walker.tagSize ?? 0)), yet \(frames) sample frames decode"]
        }
        var problems: [String] = []
        if walker.leadingStray > 0 {
            problems.append("\(walker.leadingStray) bytes from byte \(walker.leadingStrayOffset), where the audio should begin, belong to no MPEG frame")
        }
        if let first = walker.firstDamageOffset {
            problems.append("\(walker.damagedFrames) of \(walker.frames) MPEG frames hold data no encoder writes (the first at byte \(first)); "
                + "they decode as silence")
        }
        if let info, info.frames != walker.frames || info.promisedFrames != frames {
            let clock = { (frames: Int64) in TimeFormat.clock(frames * 1000 / Int64(sampleRate)) }
            problems.append("the Xing/Info header at byte \(info.offset) promises \(info.frames) MPEG frames "
                + "(\(info.promisedFrames) sample frames, \(clock(info.promisedFrames))) but the file holds \(walker.frames) frames "
                + "and \(frames) sample frames decode (\(clock(frames)))")
        }
        return problems
    }
}
