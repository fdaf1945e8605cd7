import DialectArchive
import Foundation
import XCTest

/// A span of a 16- or 24-bit PCM WAV is cut by copying its frames' bytes, and is byte for byte
/// the WAV `clip` writes through libsndfile: at the file's start and end, with pad, mono and
/// stereo, plain and WAVE_FORMAT_EXTENSIBLE, with other chunks before the audio.
final class WAVSpanTests: XCTestCase {
    func testSpansOfPCMWAVAreTheBytesClipWrites() throws {
        let folder = try TestSupport.scratchFolder()
        var sources: [URL] = []
        // sox writes 16 bits as plain PCM and 24 bits as WAVE_FORMAT_EXTENSIBLE.
        for (bits, channels, rate) in [(16, 1, 44100), (16, 2, 48000), (24, 1, 44100), (24, 2, 48000)] {
            let source = folder.appendingPathComponent("sox-\(bits)-\(channels).wav")
            try TestSupport.run("sox", ["-n", "-r", "\(rate)", "-b", "\(bits)", "-c", "\(channels)", source.path,
                                        "synth", "2.0037", "sine", "440", "synth", "2.0037", "pinknoise", "mix", "vol", "0.4"])
            sources.append(source)
        }
        // ffmpeg puts a LIST chunk before the audio.
        for (codec, channels) in [("pcm_s16le", 2), ("pcm_s24le", 1)] {
            let source = folder.appendingPathComponent("ffmpeg-\(codec)-\(channels).wav")
            try TestSupport.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100:duration=2.0037",
                                    "-ac", "\(channels)", "-c:a", codec, source.path])
            sources.append(source)
        }
        let written = folder.appendingPathComponent("written.wav")
        for source in sources {
            for (start, end, pad) in [(0, 500, 250), (1000, 1333, 0), (1001, 1334, 17), (1700, 2003, 250), (1990, 2004, 10_000), (0, 2004, 0)] as [(Int64, Int64, Int64)] {
                let clip = try AudioClip.write(from: source, startMs: start, endMs: end, padMs: pad, to: written)
                let (bytes, copied) = try AudioClip.wav(from: source, startMs: start, endMs: end, padMs: pad)
                let name = "\(source.lastPathComponent) \(start)–\(end) pad \(pad)"
                XCTAssertEqual(copied, clip, name)
                XCTAssertEqual(Data(bytes), try Data(contentsOf: written), name)
            }
        }
    }

    func testSpansOfOtherFormatsAreTheBytesClipWrites() throws {
        let folder = try TestSupport.scratchFolder()
        let flac = folder.appendingPathComponent("tone.flac"), float = folder.appendingPathComponent("float.wav")
        try TestSupport.run("sox", ["-n", "-r", "48000", "-b", "24", "-c", "2", flac.path, "synth", "1.5", "sine", "220"])
        try TestSupport.run("sox", ["-n", "-r", "48000", "-e", "floating-point", "-b", "32", "-c", "1", float.path, "synth", "1.5", "sine", "220"])
        let written = folder.appendingPathComponent("written.wav")
        for source in [flac, float] {
            _ = try AudioClip.write(from: source, startMs: 700, endMs: 1200, padMs: 250, to: written)
            XCTAssertEqual(Data(try AudioClip.wav(from: source, startMs: 700, endMs: 1200, padMs: 250).bytes),
                           try Data(contentsOf: written), source.lastPathComponent)
        }
    }
}
