import CSndFile
import Foundation

/// Cuts a stretch of an archived recording into a WAV file with the original's sample rate,
/// channels and (for PCM) sample format, sample for sample.
///
/// ```swift
/// let clip = try AudioClip.write(from: original, startMs: 1200, endMs: 1850, padMs: 250, to: out)
/// print(clip.frames)
/// ```
public enum AudioClip {
    /// What was written.
    public struct Written: Equatable {
        public var firstFrame: Int64
        public var frames: Int64
        public var sampleRate: Int
        public var channels: Int
    }

    public static func write(from source: URL, startMs: Int64, endMs: Int64, padMs: Int64 = 0, to destination: URL) throws -> Written {
        guard endMs >= startMs else {
            throw AudioError.undecodable(path: source.path, reason: "a clip must end after it starts (\(startMs)–\(endMs) ms)")
        }
        let reader = try SampleReader(source)
        let (first, last) = try frames(startMs, endMs, padMs, rate: reader.sampleRate, of: reader.frames, in: source)
        try reader.seek(to: first)
        var info = SF_INFO()
        info.samplerate = Int32(reader.sampleRate)
        info.channels = Int32(reader.channels)
        info.format = Int32(SF_FORMAT_WAV | reader.wavSubformat)
        if reader.channels > 2 { info.format = Int32(SF_FORMAT_WAVEX | reader.wavSubformat) }
        guard let output = sf_open(destination.path, Int32(SFM_WRITE), &info) else {
            throw AudioError.unreadable(path: destination.path, reason: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(output) }
        var remaining = last - first
        while remaining > 0 {
            let want = Int(min(remaining, 8192))
            let got = try reader.read(frames: want) { block, count in
                switch block {
                case .int(let samples): _ = sf_writef_int(output, samples, sf_count_t(count))
                case .float(let samples): _ = sf_writef_float(output, samples, sf_count_t(count))
                }
            }
            if got == 0 { break }
            remaining -= Int64(got)
        }
        return Written(firstFrame: first, frames: last - first - remaining, sampleRate: reader.sampleRate, channels: reader.channels)
    }

    /// The WAV `write` writes, as bytes. A 16- or 24-bit integer PCM WAV, mono or stereo, is cut
    /// by copying its frames' bytes after a seek; anything else through `write` and a temporary file.
    public static func wav(from source: URL, startMs: Int64, endMs: Int64, padMs: Int64 = 0) throws -> (bytes: [UInt8], written: Written) {
        if endMs >= startMs, let file = try? FileHandle(forReadingFrom: source) {
            defer { try? file.close() }
            if let plain = try? WAVSpan(file) {
                let (first, last) = try frames(startMs, endMs, padMs, rate: plain.sampleRate, of: plain.frames, in: source)
                let bytes = try plain.wav(first: first, count: last - first, from: file, path: source.path)
                return (bytes, Written(firstFrame: first, frames: last - first, sampleRate: plain.sampleRate, channels: plain.channels))
            }
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("dialect-archive-clip-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let written = try write(from: source, startMs: startMs, endMs: endMs, padMs: padMs, to: temporary)
        return (Array(try Data(contentsOf: temporary)), written)
    }

    /// The first frame of a span with its pad and the frame after its last, within the recording.
    private static func frames(_ startMs: Int64, _ endMs: Int64, _ padMs: Int64, rate sampleRate: Int, of frames: Int64,
                               in source: URL) throws -> (first: Int64, last: Int64) {
        let rate = Int64(sampleRate)
        func frame(_ ms: Int64) -> Int64 { (ms * rate + (ms >= 0 ? 500 : -500)) / 1000 }
        let first = max(0, frame(startMs - padMs))
        let last = min(frames, frame(endMs + padMs))
        guard first < last else {
            throw AudioError.undecodable(path: source.path, reason: "\(startMs)–\(endMs) ms lies outside the recording (\(frames * 1000 / max(rate, 1)) ms long)")
        }
        return (first, last)
    }
}
