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
    private var output = [Float](repeating: 0, count: 1 << 16)
    private var pendingInput = 0
    private var endOfInput = false
    /// libmpg123 has said it needs more input; feeding before that would grow its buffer.
    private var needsInput = true
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

    /// The next block of interleaved samples, or nil at the end of the stream.
    func next() throws -> UnsafeBufferPointer<Float>? {
        while true {
            if needsInput && !endOfInput {
                pendingInput = try input.withUnsafeMutableBytes { try reader.readSequential(into: $0.baseAddress!, count: $0.count) }
                if pendingInput == 0 { endOfInput = true }
            }
            needsInput = false
            var done = 0
            let fed = pendingInput
            pendingInput = 0
            let result = input.withUnsafeBufferPointer { inBuf in
                output.withUnsafeMutableBytes { outBuf in
                    mpg123_decode(handle, fed > 0 ? inBuf.baseAddress : nil, fed,
                                  outBuf.baseAddress!.assumingMemoryBound(to: UInt8.self), outBuf.count, &done)
                }
            }
            if result == MPG123_NEW_FORMAT.rawValue {
                var rate = 0, count: Int32 = 0, encoding: Int32 = 0
                mpg123_getformat(handle, &rate, &count, &encoding)
                if sampleRate != 0, rate != sampleRate || Int(count) != channels {
                    throw AudioError.undecodable(path: reader.path, reason: "the stream changes format midway (\(sampleRate) Hz → \(rate) Hz)")
                }
                sampleRate = rate
                channels = Int(count)
            } else if result == MPG123_NEED_MORE.rawValue {
                needsInput = true
            } else if result != MPG123_OK.rawValue && result != MPG123_DONE.rawValue {
                throw AudioError.undecodable(path: reader.path, reason: String(cString: mpg123_strerror(handle)))
            }
            if done > 0 {
                return output.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[0..<(done / 4)]) }
            }
            if (result == MPG123_NEED_MORE.rawValue && endOfInput) || result == MPG123_DONE.rawValue { return nil }
        }
    }
}

/// Analyses MPEG audio: format and exact length from one decoding pass.
enum MP3Decoder {
    static func decode(_ reader: HashingFileReader, fingerprint: FingerprintBuilder? = nil) throws -> DecodedAudio {
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
        return DecodedAudio(container: "mp3", codec: "mp3", sampleRate: stream.sampleRate, channels: stream.channels,
                            bitsPerSample: nil, frames: samples / Int64(stream.channels), audioSHA256: hasher.finish())
    }
}
