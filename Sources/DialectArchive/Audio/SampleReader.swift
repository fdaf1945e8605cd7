import CMpg123
import CSndFile
import Foundation

/// Reads decoded samples from any audio file the archive holds, from a given frame on:
/// integers for PCM and FLAC (exact), floats for lossy codecs.
final class SampleReader {
    enum Block {
        case int(UnsafePointer<Int32>)
        case float(UnsafePointer<Float>)
    }

    let sampleRate: Int
    let channels: Int
    let frames: Int64
    /// The WAV subformat that keeps these samples unchanged.
    let wavSubformat: Int
    private var sndfile: OpaquePointer?
    private var mp3: MP3Stream?
    /// Samples of the current MP3 block not yet handed out.
    private var mp3Pending: [Float] = []
    /// Samples to drop before the first one handed out (MP3 has no random access).
    private var mp3Skip = 0
    private var intBuffer: [Int32] = []
    private var floatBuffer: [Float] = []
    private let path: String

    init(_ url: URL) throws {
        path = url.path
        let header = try HashingFileReader(path: url.path).bytes(at: 0, count: 64)
        if AudioFormatSniffer.kind(of: header) == .mpeg {
            let stream = try MP3Stream(try HashingFileReader(path: url.path))
            guard let first = try stream.next() else {
                throw AudioError.notAudio(path: url.path, reason: "no MPEG audio frames were found")
            }
            mp3Pending = Array(first)
            mp3 = stream
            sampleRate = stream.sampleRate
            channels = stream.channels
            frames = Int64.max
            wavSubformat = Int(SF_FORMAT_FLOAT)
            return
        }
        var info = SF_INFO()
        guard let file = sf_open(url.path, Int32(SFM_READ), &info) else {
            throw AudioError.undecodable(path: url.path, reason: String(cString: sf_strerror(nil)))
        }
        sndfile = file
        sampleRate = Int(info.samplerate)
        channels = Int(info.channels)
        frames = Int64(info.frames)
        let minor = Int(info.format) & Int(SF_FORMAT_SUBMASK)
        switch minor {
        case Int(SF_FORMAT_PCM_U8), Int(SF_FORMAT_PCM_S8): wavSubformat = Int(SF_FORMAT_PCM_U8)
        case Int(SF_FORMAT_PCM_16), Int(SF_FORMAT_PCM_24), Int(SF_FORMAT_PCM_32), Int(SF_FORMAT_FLOAT), Int(SF_FORMAT_DOUBLE):
            wavSubformat = minor
        default: wavSubformat = Int(SF_FORMAT_FLOAT)
        }
    }

    deinit { if let sndfile { sf_close(sndfile) } }

    private var readsFloats: Bool {
        wavSubformat == Int(SF_FORMAT_FLOAT) || wavSubformat == Int(SF_FORMAT_DOUBLE)
    }

    func seek(to frame: Int64) throws {
        if let sndfile {
            guard sf_seek(sndfile, sf_count_t(frame), SEEK_SET) == frame else {
                throw AudioError.undecodable(path: path, reason: "cannot seek to frame \(frame)")
            }
        } else {
            mp3Skip = Int(frame) * channels
        }
    }

    /// Reads up to `count` frames and hands them to `body`; returns the number read (0 at the end).
    func read(frames count: Int, _ body: (Block, Int) throws -> Void) throws -> Int {
        if let sndfile {
            if readsFloats {
                if floatBuffer.count < count * channels { floatBuffer = [Float](repeating: 0, count: count * channels) }
                let n = Int(floatBuffer.withUnsafeMutableBufferPointer { sf_readf_float(sndfile, $0.baseAddress, sf_count_t(count)) })
                if n > 0 { try floatBuffer.withUnsafeBufferPointer { try body(.float($0.baseAddress!), n) } }
                return max(0, n)
            }
            if intBuffer.count < count * channels { intBuffer = [Int32](repeating: 0, count: count * channels) }
            let n = Int(intBuffer.withUnsafeMutableBufferPointer { sf_readf_int(sndfile, $0.baseAddress, sf_count_t(count)) })
            if n > 0 { try intBuffer.withUnsafeBufferPointer { try body(.int($0.baseAddress!), n) } }
            return max(0, n)
        }
        while mp3Pending.count <= mp3Skip || mp3Pending.count - mp3Skip < channels {
            mp3Skip -= mp3Pending.count
            guard let block = try mp3?.next() else { return 0 }
            mp3Pending = Array(block)
        }
        let available = min(count, (mp3Pending.count - mp3Skip) / channels)
        try mp3Pending.withUnsafeBufferPointer { try body(.float($0.baseAddress! + mp3Skip), available) }
        mp3Skip += available * channels
        return available
    }
}
