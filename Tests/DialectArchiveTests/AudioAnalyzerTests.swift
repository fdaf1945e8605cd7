import DialectArchive
import Foundation
import XCTest

/// The audio facts `inspect` reports agree with independently computed expectations and
/// with the tools archivists already trust (sha256sum, ffprobe).
final class AudioAnalyzerTests: XCTestCase {
    func testEveryCorpusAudioFileAgreesWithItsSidecar() throws {
        let files = try FileManager.default.contentsOfDirectory(at: TestSupport.corpus, includingPropertiesForKeys: nil)
            .filter { AudioAnalyzer.fileExtensions.contains($0.pathExtension.lowercased()) }
        XCTAssertGreaterThanOrEqual(files.count, 9)
        for file in files {
            let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: file.appendingPathExtension("expected.json"))) as! [String: Any]
            let facts = try AudioAnalyzer.analyze(file)
            let name = file.lastPathComponent
            XCTAssertEqual(facts.sampleRate, expected["sample_rate"] as? Int, name)
            XCTAssertEqual(facts.channels, expected["channels"] as? Int, name)
            XCTAssertEqual(facts.bitsPerSample, expected["bits_per_sample"] as? Int, name)
            XCTAssertEqual(facts.container, expected["container"] as? String, name)
            XCTAssertEqual(facts.codec, expected["codec"] as? String, name)
            if expected["exact"] as? Bool == true {
                XCTAssertEqual(facts.frames, (expected["frames"] as! NSNumber).int64Value, name)
                XCTAssertEqual(facts.durationMs, (expected["duration_ms"] as! NSNumber).int64Value, name)
            } else {
                // The sidecar's MP3 length is ffprobe's header estimate (frames in the LAME Info tag × 1152),
                // which includes the encoder delay and padding. We report the decoded length with that
                // gapless trimming applied, which is what ffmpeg itself decodes; the two differ by less
                // than two MP3 frames.
                let mp3FrameMs = 1152.0 * 1000 / Double(facts.sampleRate)
                XCTAssertEqual(Double(facts.durationMs), (expected["duration_ms"] as! NSNumber).doubleValue, accuracy: 2 * mp3FrameMs, name)
                let decoded = try TestSupport.run("ffmpeg", ["-nostdin", "-v", "error", "-i", file.path, "-f", "f32le", "-"])
                XCTAssertEqual(facts.frames, Int64(decoded.output.count) / Int64(4 * facts.channels), name)
            }
            XCTAssertEqual(facts.sha256, try TestSupport.sha256sum(file), name)
        }
    }

    func testInspectJSONHasTheDocumentedShape() throws {
        let file = TestSupport.corpus.appendingPathComponent("mfa__cold_corpus_24bit.wav")
        let result = try TestSupport.run(TestSupport.cli.path, ["inspect", file.path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(json["kind"] as? String, "audio")
        XCTAssertEqual(json["file"] as? String, "mfa__cold_corpus_24bit.wav")
        XCTAssertEqual(json["container"] as? String, "wav")
        XCTAssertEqual(json["codec"] as? String, "pcm_s24le")
        XCTAssertEqual(json["sample_rate"] as? Int, 16000)
        XCTAssertEqual(json["bits_per_sample"] as? Int, 24)
        XCTAssertEqual(json["frames"] as? Int, 411481)
        XCTAssertEqual(json["duration_ms"] as? Int, 25718)
        XCTAssertEqual((json["sha256"] as? String)?.count, 64)
        XCTAssertEqual((json["audio_sha256"] as? String)?.count, 64)
        XCTAssertTrue(json.keys.contains("bext") && json["bext"] is NSNull)
    }

    func testVBRMP3WithoutXingHeaderHasTheLengthFFmpegDecodes() throws {
        let folder = try TestSupport.scratchFolder()
        let source = TestSupport.corpus.appendingPathComponent("mfa__cold_corpus_24bit.wav")
        let mp3 = folder.appendingPathComponent("no-xing.mp3")
        try TestSupport.ffmpeg(["-i", source.path, "-c:a", "libmp3lame", "-q:a", "4", "-write_xing", "0", mp3.path])
        let decoded = try TestSupport.run("ffmpeg", ["-nostdin", "-v", "error", "-i", mp3.path, "-f", "f32le", "-"])
        let ffmpegFrames = Int64(decoded.output.count) / 4
        let facts = try AudioAnalyzer.analyze(mp3)
        XCTAssertEqual(facts.sampleRate, 16000)
        XCTAssertEqual(facts.channels, 1)
        XCTAssertNil(facts.bitsPerSample)
        XCTAssertLessThanOrEqual(abs(facts.frames - ffmpegFrames), 1152, "ffmpeg decodes \(ffmpegFrames) frames, we counted \(facts.frames)")
        XCTAssertGreaterThan(facts.durationMs, 25_000)
    }

    func testWAVAndTheFLACMadeFromItHaveTheSameAudioChecksum() throws {
        let folder = try TestSupport.scratchFolder()
        let wav = TestSupport.corpus.appendingPathComponent("praatio__bobby.wav")
        let flac = folder.appendingPathComponent("bobby.flac")
        let aiff = folder.appendingPathComponent("bobby.aiff")
        try TestSupport.ffmpeg(["-i", wav.path, flac.path])
        try TestSupport.ffmpeg(["-i", wav.path, aiff.path])
        let wavFacts = try AudioAnalyzer.analyze(wav)
        let flacFacts = try AudioAnalyzer.analyze(flac)
        let aiffFacts = try AudioAnalyzer.analyze(aiff)
        XCTAssertNotEqual(wavFacts.sha256, flacFacts.sha256)
        XCTAssertEqual(wavFacts.audioSHA256, flacFacts.audioSHA256)
        XCTAssertEqual(wavFacts.audioSHA256, aiffFacts.audioSHA256)
        XCTAssertEqual(aiffFacts.container, "aiff")
        XCTAssertEqual(aiffFacts.codec, "pcm_s16be")
        XCTAssertEqual(flacFacts.frames, wavFacts.frames)
    }

    func testWAVSampleFormatsAndContainers() throws {
        let folder = try TestSupport.scratchFolder()
        let source = TestSupport.corpus.appendingPathComponent("praatio__mary.wav")
        let cases: [(name: String, args: [String], container: String, codec: String, bits: Int?, rate: Int)] = [
            ("u8.wav", ["-c:a", "pcm_u8"], "wav", "pcm_u8", 8, 48000),
            ("s16.wav", ["-c:a", "pcm_s16le"], "wav", "pcm_s16le", 16, 48000),
            ("s24.wav", ["-c:a", "pcm_s24le"], "wav", "pcm_s24le", 24, 48000),
            ("s32.wav", ["-c:a", "pcm_s32le"], "wav", "pcm_s32le", 32, 48000),
            ("f32.wav", ["-c:a", "pcm_f32le"], "wav", "pcm_f32le", 32, 48000),
            ("ext24.wav", ["-c:a", "pcm_s24le", "-ac", "3"], "wav", "pcm_s24le", 24, 48000),
            ("rf64.wav", ["-c:a", "pcm_s16le", "-rf64", "always"], "rf64", "pcm_s16le", 16, 48000),
            ("vorbis.ogg", ["-c:a", "libvorbis"], "ogg", "vorbis", nil, 48000),
            ("speech.opus", ["-c:a", "libopus", "-b:a", "24k"], "ogg", "opus", nil, 48000),
        ]
        for item in cases {
            let url = folder.appendingPathComponent(item.name)
            try TestSupport.ffmpeg(["-i", source.path] + item.args + [url.path])
            let facts = try AudioAnalyzer.analyze(url)
            XCTAssertEqual(facts.container, item.container, item.name)
            XCTAssertEqual(facts.codec, item.codec, item.name)
            XCTAssertEqual(facts.bitsPerSample, item.bits, item.name)
            XCTAssertEqual(facts.sampleRate, item.rate, item.name)
            if item.bits != nil { XCTAssertEqual(facts.frames, 89745, item.name) }
            else { XCTAssertEqual(Double(facts.frames), 89745, accuracy: 2000, item.name) }
            XCTAssertEqual(facts.sha256, try TestSupport.sha256sum(url), item.name)
        }
    }

    func testBroadcastWAVBextFieldsAreRead() throws {
        let folder = try TestSupport.scratchFolder()
        let bwf = folder.appendingPathComponent("field.wav")
        try TestSupport.ffmpeg(["-i", TestSupport.corpus.appendingPathComponent("rpraat__H.wav").path, "-write_bext", "1",
                                "-metadata", "description=老男 词汇 0001-0100", "-metadata", "originator=ZOOM H5",
                                "-metadata", "origination_date=2024-05-06", "-metadata", "origination_time=10:15:00",
                                "-metadata", "time_reference=96000", bwf.path])
        let bext = try XCTUnwrap(try AudioAnalyzer.analyze(bwf).bext)
        XCTAssertEqual(bext.description, "老男 词汇 0001-0100")
        XCTAssertEqual(bext.originator, "ZOOM H5")
        XCTAssertEqual(bext.originationDate, "2024-05-06")
        XCTAssertEqual(bext.originationTime, "10:15:00")
        XCTAssertEqual(bext.timeReference, 96000)
    }

    func testCopyWrittenWhileReadingIsByteForByte() throws {
        let folder = try TestSupport.scratchFolder()
        let source = TestSupport.corpus.appendingPathComponent("rpraat__H.wav")
        let copy = folder.appendingPathComponent("copy.wav")
        XCTAssertTrue(FileManager.default.createFile(atPath: copy.path, contents: nil))
        let handle = try FileHandle(forWritingTo: copy)
        let facts = try AudioAnalyzer.analyze(source, copyingTo: handle)
        try handle.close()
        XCTAssertEqual(try Data(contentsOf: copy), try Data(contentsOf: source))
        XCTAssertEqual(facts.sha256, try TestSupport.sha256sum(copy))
    }
}
