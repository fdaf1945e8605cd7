import CChromaprint
@testable import DialectArchive
import Foundation
import XCTest

/// The archive recognises the same audio across formats and finds excerpts with their offset,
/// without confusing two speakers who read the same text.
final class FingerprintTests: XCTestCase {
    private func speech(_ text: String, voice: String, to url: URL) throws {
        let wav = url.deletingPathExtension().appendingPathExtension("espeak.wav")
        XCTAssertEqual(try TestSupport.run("espeak-ng", ["-v", voice, "-s", "150", "-w", wav.path, text]).status, 0)
        try TestSupport.ffmpeg(["-i", wav.path, "-ar", "22050", url.path])
        try FileManager.default.removeItem(at: wav)
    }

    private static let story = "北风跟太阳在那儿争论谁的本事大。争来争去就是分不出高低来。这时候路上来了个走道儿的，他身上穿着件厚大衣。他们俩就说好了，谁能先叫这个走道儿的脱下他的大衣，就算谁的本事大。"

    func testWAVAndItsFLACAreIdenticalSamplesAndAnMP3IsTheSameAudio() throws {
        let trip = try FieldFolder()
        let wav = trip.url.appendingPathComponent("story.wav")
        try speech(Self.story, voice: "cmn", to: wav)
        try TestSupport.ffmpeg(["-i", wav.path, trip.url.appendingPathComponent("story.flac").path])
        try TestSupport.ffmpeg(["-i", wav.path, "-c:a", "libmp3lame", "-b:a", "48k", trip.url.appendingPathComponent("story.mp3").path])
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(report.failed, [])
        // Files are analysed in parallel, so whichever is stored second carries the warning.
        XCTAssertTrue(report.warnings.contains { $0.message.hasPrefix("same audio as recording") }, "\(report.warnings)")
        let groups = try archive.duplicates()
        let identical = try XCTUnwrap(groups.first { $0.kind == .identicalSamples })
        XCTAssertEqual(identical.members.map(\.file).sorted(), ["story.flac", "story.wav"])
        let same = groups.filter { $0.kind == .sameAudio }
        XCTAssertFalse(same.isEmpty)
        XCTAssertTrue(same.allSatisfy { $0.members.contains { $0.file == "story.mp3" } }, "\(same)")
        XCTAssertTrue(same.allSatisfy { abs($0.members[1].offsetMs ?? 999) <= 25 })
    }

    func testAnExcerptIsFoundWithItsOffset() throws {
        let trip = try FieldFolder()
        let wav = trip.url.appendingPathComponent("story.wav")
        try speech(Self.story, voice: "cmn", to: wav)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [wav])).failed, [])
        let excerpt = try TestSupport.scratchFolder().appendingPathComponent("excerpt.opus")
        try TestSupport.ffmpeg(["-ss", "4.321", "-t", "5", "-i", wav.path, "-c:a", "libopus", "-b:a", "16k", excerpt.path])
        let match = try XCTUnwrap(try archive.identify(excerpt).first)
        XCTAssertEqual(match.recordingFile, "story.wav")
        XCTAssertEqual(Double(match.offsetMs), 4321, accuracy: 25)
        XCTAssertEqual(match.confidence, "certain")
    }

    func testTwoSpeakersReadingTheSameTextAreNotMatched() throws {
        let trip = try FieldFolder()
        try speech(Self.story, voice: "cmn", to: trip.url.appendingPathComponent("speaker-a.wav"))
        let other = try TestSupport.scratchFolder().appendingPathComponent("speaker-b.wav")
        try speech(Self.story, voice: "cmn+f3", to: other)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [trip.url])).failed, [])
        XCTAssertEqual(try archive.identify(other).filter { $0.confidence != "possible" }, [])
    }

    func testLandmarkTimesDoNotWrapInRecordingsOfManyHours() {
        let hasher = LandmarkHasher()
        let tenHours = Int(10 * 3600 * 1000 / FingerprintParameters.frameMs)
        hasher.add(SpectralPeak(frame: tenHours, bin: 40, power: 1))
        hasher.add(SpectralPeak(frame: tenHours + 5, bin: 60, power: 1))
        let landmarks = hasher.finish()
        XCTAssertEqual(landmarks, [Landmark(hash: Landmark.hash(f1: 40, f2: 60, dt: 5), frame: Int32(tenHours))])
    }

    private func fpcalc(_ file: URL) throws -> String {
        let fpcalc = try TestSupport.run("fpcalc", [file.path])
        return String(try XCTUnwrap(fpcalc.stdout.split(separator: "\n").first { $0.hasPrefix("FINGERPRINT=") }?.dropFirst("FINGERPRINT=".count)))
    }

    func testChromaprintIsWhatFpcalcPrints() throws {
        // A 16-bit file: fpcalc reduces 24-bit audio to 16 bits through ffmpeg's converter, which
        // rounds differently from a plain conversion, so deeper files differ in a few values.
        let file = TestSupport.corpus.appendingPathComponent("polyglotdb__fave_stereo.wav")
        let fingerprint = try XCTUnwrap(try AudioAnalyzer.analyze(file, fingerprinting: true).fingerprint?.chromaprint)
        XCTAssertEqual(fingerprint, try fpcalc(file))
    }

    func testChromaprintOfALongRecordingIsWhatFpcalcPrintsForItsFirstTwoMinutes() throws {
        // 202 s of 16-bit stereo at 44.1 kHz (the reading twice): fpcalc fingerprints the first
        // 120 s, and so does the archive. As with 24-bit audio, fpcalc's own conversions can
        // change a bit or two in a thousand values elsewhere: ffmpeg's resampler takes another
        // path from 48 kHz, and it mixes channels that differ with other rounding.
        let reading = TestSupport.corpus.appendingPathComponent("speach__fables_01_03_aesop_64kb.ogg")
        let long = try TestSupport.scratchFolder().appendingPathComponent("long.wav")
        try TestSupport.ffmpeg(["-i", reading.path, "-i", reading.path, "-filter_complex", "[0:a][1:a]concat=n=2:v=0:a=1",
                                "-ac", "2", "-c:a", "pcm_s16le", long.path])
        let analysis = try AudioAnalyzer.analyze(long, fingerprinting: true)
        XCTAssertGreaterThan(analysis.facts.durationMs, 200_000)
        let fingerprint = try XCTUnwrap(analysis.fingerprint?.chromaprint)
        XCTAssertEqual(fingerprint, try fpcalc(long))
    }

    /// Chromaprint fed the original samples at their own rate, resampling them itself.
    private func chromaprintResamplingItself(_ samples: [Int16], sampleRate: Int, channels: Int) -> String? {
        guard let context = chromaprint_new(Int32(CHROMAPRINT_ALGORITHM_DEFAULT.rawValue)) else { return nil }
        defer { chromaprint_free(context) }
        guard chromaprint_start(context, Int32(sampleRate), Int32(channels)) == 1 else { return nil }
        var start = 0
        while start < samples.count {
            // Blocks of 8192 frames, as the decoders deliver them.
            let count = min(8192 * channels, samples.count - start)
            samples[start..<(start + count)].withUnsafeBufferPointer { _ = chromaprint_feed(context, $0.baseAddress, Int32(count)) }
            start += count
        }
        guard chromaprint_finish(context) == 1 else { return nil }
        var pointer: UnsafeMutablePointer<CChar>?
        guard chromaprint_get_fingerprint(context, &pointer) == 1, let pointer else { return nil }
        defer { chromaprint_dealloc(pointer) }
        return String(cString: pointer)
    }

    func testChromaprintResamplerGivesWhatChromaprintComputesItself() {
        // A rising tone over a chord with noise, different in each channel.
        var random = SystemRandomNumberGenerator()
        for (sampleRate, channels, seconds) in [(48000, 2, 20.0), (44100, 1, 15.0), (22050, 1, 15.0), (16000, 3, 12.0),
                                                (11025, 2, 10.0), (8000, 1, 20.0), (96000, 2, 5.0), (32000, 1, 1.5)] {
            let frames = Int(seconds * Double(sampleRate))
            var floats = [Float](repeating: 0, count: frames * channels)
            for frame in 0..<frames {
                let t = Double(frame) / Double(sampleRate)
                let tone = sin(2 * .pi * (200 + 150 * t) * t) * 0.3 + sin(2 * .pi * 440 * t) * 0.1 * sin(2 * .pi * 0.5 * t)
                for channel in 0..<channels {
                    floats[frame * channels + channel] = Float(tone * (1 - 0.2 * Double(channel))) + Float.random(in: -0.05...0.05, using: &random)
                }
            }
            var ints = [Int16](repeating: 0, count: floats.count)
            floats.withUnsafeBufferPointer { ChromaprintFingerprinter.convert($0, into: &ints) }
            let fingerprinter = ChromaprintFingerprinter(sampleRate: sampleRate, channels: channels)
            var start = 0
            while start < floats.count {
                let count = min(8192 * channels, floats.count - start)
                floats[start..<(start + count)].withUnsafeBufferPointer { fingerprinter.feed($0) }
                start += count
            }
            XCTAssertEqual(fingerprinter.finish(), chromaprintResamplingItself(ints, sampleRate: sampleRate, channels: channels),
                           "\(sampleRate) Hz, \(channels) channels")
        }
    }

    func testSamplesAreRoundedToSixteenBitsHalfAwayFromZero() {
        let cases: [(Float, Int16)] = [(0, 0), (-0.0, 0), (0.5 / 32768, 1), (-0.5 / 32768, -1), (1.5 / 32768, 2), (2.5 / 32768, 3),
                                       (-2.5 / 32768, -3), (0.49 / 32768, 0), (1, 32767), (-1, -32768), (32766.5 / 32768, 32767),
                                       (1.5, 32767), (-1.5, -32768), (.infinity, 32767), (-.infinity, -32768), (.nan, 32767)]
        var output = [Int16](repeating: 99, count: cases.count)
        cases.map(\.0).withUnsafeBufferPointer { ChromaprintFingerprinter.convert($0, into: &output) }
        XCTAssertEqual(output, cases.map(\.1))
    }
}
