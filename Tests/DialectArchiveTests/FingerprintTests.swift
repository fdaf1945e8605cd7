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
        let archive = try Archive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
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
        let archive = try Archive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
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
        let archive = try Archive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
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

    func testChromaprintIsWhatFpcalcPrints() throws {
        // A 16-bit file: fpcalc reduces 24-bit audio to 16 bits through ffmpeg's converter, which
        // rounds differently from a plain conversion, so deeper files differ in a few values.
        let file = TestSupport.corpus.appendingPathComponent("polyglotdb__fave_stereo.wav")
        let fpcalc = try TestSupport.run("fpcalc", [file.path])
        let expected = try XCTUnwrap(fpcalc.stdout.split(separator: "\n").first { $0.hasPrefix("FINGERPRINT=") }?.dropFirst("FINGERPRINT=".count))
        let fingerprint = try XCTUnwrap(try AudioAnalyzer.analyze(file, fingerprinting: true).fingerprint?.chromaprint)
        XCTAssertEqual(fingerprint, String(expected))
    }
}
