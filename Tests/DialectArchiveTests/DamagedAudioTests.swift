import DialectArchive
import Foundation
import XCTest

/// A damaged or impossible audio file is never taken for a good one: impossible headers fail
/// with the reason, streams that lose audio are stored with a warning that says how much.
final class DamagedAudioTests: XCTestCase {
    private var sample: URL { TestSupport.repository.appendingPathComponent("recordings") }

    private func damaged(_ source: String, as name: String, _ change: (inout AudioBytes) throws -> Void) throws -> URL {
        var bytes = try AudioBytes(sample.appendingPathComponent(source))
        try change(&bytes)
        let url = try TestSupport.scratchFolder(name).appendingPathComponent(name)
        try bytes.write(to: url)
        return url
    }

    private func assertImpossible(_ file: URL, _ expected: String, line: UInt = #line) {
        XCTAssertThrowsError(try AudioAnalyzer.analyze(file), line: line) { error in
            guard case .impossibleHeader(let path, let reason)? = error as? AudioError else { return XCTFail("\(error)", line: line) }
            XCTAssertEqual(path, file.path, line: line)
            XCTAssertTrue(reason.contains(expected), reason, line: line)
        }
    }

    func testWAVSampleRatesNoRecorderWritesAreFailuresNotRecordings() throws {
        for (rate, shown) in [(1, "1 Hz"), (0, "0 Hz"), (999, "999 Hz"), (768_001, "768001 Hz"), (2_147_483_647, "2147483647 Hz")] {
            let file = try damaged("bj-lm-danzi.wav", as: "rate\(rate).wav") { bytes in
                bytes.putLE(UInt64(rate), at: bytes.find("fmt ")! + 12, bytes: 4)
            }
            assertImpossible(file, "the fmt chunk at byte 12 gives a sample rate of \(shown)")
        }
    }

    func testWAVWithMoreThan64ChannelsOrABitDepthItsBlockAlignContradictsIsRefused() throws {
        let channels = try damaged("bj-lm-danzi.wav", as: "ch65.wav") { $0.putLE(65, at: $0.find("fmt ")! + 10, bytes: 2) }
        assertImpossible(channels, "gives 65 channels")
        let bits = try damaged("bj-lm-danzi.wav", as: "bits24.wav") { $0.putLE(24, at: $0.find("fmt ")! + 22, bytes: 2) }
        assertImpossible(bits, "24 bits per sample, which contradicts its block alignment of 2 bytes for 1 channel")
    }

    /// The sample's word list as AIFF, written by sox, ready for damage.
    private func sampleAIFF(_ name: String) throws -> (url: URL, bytes: AudioBytes) {
        let aiff = try TestSupport.scratchFolder(name).appendingPathComponent(name)
        try TestSupport.run("sox", [sample.appendingPathComponent("bj-lm-danzi.wav").path, aiff.path])
        return (aiff, try AudioBytes(aiff))
    }

    func testAIFFWhoseRateIsNaNOrZeroIsRefused() throws {
        let (nan, original) = try sampleAIFF("nan.aiff")
        var bytes = original
        let comm = bytes.find("COMM")!
        bytes.data[comm + 16] = 0x7F
        bytes.data[comm + 17] = 0xFF
        try bytes.write(to: nan)
        assertImpossible(nan, "sample rate of NaN")
        bytes.data.replaceSubrange((comm + 16)..<(comm + 26), with: [UInt8](repeating: 0, count: 10))
        try bytes.write(to: nan)
        assertImpossible(nan, "sample rate of 0 Hz")
    }

    func testAIFFWhoseCOMMChunkPromisesMoreThanDecodesIsCutShort() throws {
        let (aiff, original) = try sampleAIFF("cut.aiff")
        var bytes = original
        bytes.data.removeLast(bytes.data.count / 2)
        try bytes.write(to: aiff)
        XCTAssertThrowsError(try AudioAnalyzer.analyze(aiff)) { error in
            guard case .truncated(_, let reason)? = error as? AudioError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("promises 94848 sample frames (00:05.928)"), reason)
        }
    }

    func testVorbisAndOpusHeadersWithImpossibleRatesAreRefused() throws {
        // The rate sits in the identification packet of the first page, whose CRC is made right again.
        let vorbis = try damaged("gz-yf-yufa.ogg", as: "rate1.ogg") { bytes in
            bytes.putLE(1, at: bytes.find("\u{01}vorbis")! + 12, bytes: 4)
            bytes.fixOggChecksum(at: 0)
        }
        assertImpossible(vorbis, "the header gives a sample rate of 1 Hz")
        let opus = try damaged("mx-lf-koutou-2.opus", as: "channels.opus") { bytes in
            bytes.data[bytes.find("OpusHead")! + 9] = 200
            bytes.fixOggChecksum(at: 0)
        }
        XCTAssertThrowsError(try AudioAnalyzer.analyze(opus)) { error in
            XCTAssertFalse("\(error)".contains("SF_INFO"), "\(error)")
            XCTAssertTrue("\(error)".contains(opus.path), "\(error)")
        }
    }

    func testFLACWhoseSTREAMINFORateItsFramesContradictIsRefused() throws {
        let file = try damaged("mx-lf-cihui.flac", as: "rate.flac") { bytes in
            // STREAMINFO's 20-bit rate starts at byte 18: 22,050 Hz instead of the frames' 16,000.
            let rest = bytes.data[20] & 0x0F
            bytes.data[18] = UInt8(22_050 >> 12)
            bytes.data[19] = UInt8((22_050 >> 4) & 0xFF)
            bytes.data[20] = UInt8((22_050 & 0xF) << 4) | rest
        }
        assertImpossible(file, "STREAMINFO gives a sample rate of 22050 Hz but the first frame header at byte")
    }

    func testFLACWhoseSamplesDoNotMatchItsMD5IsAFailure() throws {
        let file = try damaged("mx-lf-cihui.flac", as: "md5.flac") { bytes in bytes.data[8 + 18] ^= 0xFF }
        XCTAssertThrowsError(try AudioAnalyzer.analyze(file)) { error in
            guard case .damaged(_, let reason)? = error as? AudioError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("do not match the MD5 signature in STREAMINFO"), reason)
        }
    }

    func testAFileWithZeroFramesIsAFailure() throws {
        let file = try damaged("bj-lm-danzi.wav", as: "empty-data.wav") { bytes in
            let data = bytes.find("data")!
            bytes.putLE(0, at: data + 4, bytes: 4)
            bytes.data.removeSubrange((data + 8)...)
        }
        XCTAssertThrowsError(try AudioAnalyzer.analyze(file)) { error in
            XCTAssertTrue("\(error)".contains("holds no audio (0 sample frames"), "\(error)")
        }
    }

    func testTruncatedMP3IsStoredWithTheXingLengthItPromised() throws {
        let file = try damaged("bj-huayu.mp3", as: "cut.mp3") { bytes in bytes.data.removeLast(bytes.data.count / 2) }
        let facts = try AudioAnalyzer.analyze(file)
        XCTAssertEqual(facts.warnings.count, 1, "\(facts.warnings)")
        XCTAssertTrue(facts.warnings[0].contains("promises 271 MPEG frames (154480 sample frames, 00:09.655) but the file holds 138 frames"), facts.warnings[0])
    }

    func testMP3WhoseID3TagHidesWhereTheAudioBeginsIsReported() throws {
        // A footer flag the tag does not have moves the tag's end ten bytes into the first frame.
        let flags = try damaged("bj-huayu.mp3", as: "flags.mp3") { bytes in bytes.data[5] = 0xD0 }
        XCTAssertTrue(try AudioAnalyzer.analyze(flags).warnings.contains { $0.contains("bytes from byte 205, where the audio should begin, belong to no MPEG frame") })
        let size = try damaged("bj-huayu.mp3", as: "size.mp3") { bytes in bytes.data[7] = 0xFF }
        XCTAssertTrue(try AudioAnalyzer.analyze(size).warnings.contains { $0.contains("the ID3v2 tag's size at byte 6 is not a valid size") })
    }

    func testMP3FramesOfRandomBytesAfterValidSyncWordsAreReported() throws {
        var random = SeededBytes(seed: 7)
        let some = try damaged("bj-huayu.mp3", as: "some.mp3") { bytes in
            for frame in bytes.mpegFrames()[20..<30] {
                for i in (frame.offset + 4)..<(frame.offset + frame.length) { bytes.data[i] = random.next() }
            }
        }
        let facts = try AudioAnalyzer.analyze(some)
        XCTAssertTrue(facts.warnings.contains { $0.contains("of 271 MPEG frames hold data no encoder writes") }, "\(facts.warnings)")
        let all = try damaged("bj-huayu.mp3", as: "all.mp3") { bytes in
            for frame in bytes.mpegFrames().dropFirst() {
                // Side information no encoder writes: big_values above 288 in every granule.
                for i in (frame.offset + 4)..<(frame.offset + frame.length) { bytes.data[i] = 0xFF }
            }
        }
        XCTAssertThrowsError(try AudioAnalyzer.analyze(all)) { error in
            XCTAssertTrue("\(error)".contains("none of its 271 MPEG frames holds audio an encoder could have written"), "\(error)")
        }
    }

    func testOggWithADamagedPageOrAWrongLastGranuleIsStoredWithAWarning() throws {
        let flipped = try damaged("gz-yf-yufa.ogg", as: "flip.ogg") { bytes in bytes.data[bytes.data.count / 2] ^= 0xFF }
        let facts = try AudioAnalyzer.analyze(flipped)
        XCTAssertTrue(facts.warnings.contains { $0.contains("of 12 Ogg pages fail their checksum (the first is page 6 at byte") }, "\(facts.warnings)")
        XCTAssertTrue(facts.warnings.contains { $0.contains("promises 152944 sample frames (00:09.559) but") }, "\(facts.warnings)")
        let granule = try damaged("gz-yf-yufa.ogg", as: "granule.ogg") { bytes in
            let last = bytes.findLast("OggS")!
            bytes.putLE(bytes.readLE(at: last + 6, bytes: 8) + 16_000, at: last + 6, bytes: 8)
            bytes.fixOggChecksum(at: last)
        }
        let late = try AudioAnalyzer.analyze(granule)
        XCTAssertEqual(late.warnings.count, 1, "\(late.warnings)")
        XCTAssertTrue(late.warnings[0].hasPrefix("the last intact Ogg page promises 168944 sample frames (00:10.559) but 15"), late.warnings[0])
        let cut = try damaged("mx-lf-koutou-2.opus", as: "cut.opus") { bytes in bytes.data.removeLast(bytes.data.count / 2) }
        XCTAssertTrue(try AudioAnalyzer.analyze(cut).warnings.contains { $0.contains("the Ogg stream has no last page") })
    }

    func testIntactFilesOfEveryFormatCarryNoWarning() throws {
        let files = try FileManager.default.contentsOfDirectory(at: sample, includingPropertiesForKeys: nil)
            .filter { AudioAnalyzer.fileExtensions.contains($0.pathExtension.lowercased()) }
            + (try FileManager.default.contentsOfDirectory(at: TestSupport.corpus, includingPropertiesForKeys: nil))
                .filter { AudioAnalyzer.fileExtensions.contains($0.pathExtension.lowercased()) }
        XCTAssertGreaterThan(files.count, 12)
        for file in files {
            XCTAssertEqual(try AudioAnalyzer.analyze(file).warnings, [], file.lastPathComponent)
        }
    }

    func testDamageIsShownByIngestShowAndJSON() throws {
        let trip = try FieldFolder()
        var random = SeededBytes(seed: 3)
        var bytes = try AudioBytes(sample.appendingPathComponent("bj-huayu.mp3"))
        for frame in bytes.mpegFrames()[40..<44] {
            for i in (frame.offset + 4)..<(frame.offset + frame.length) { bytes.data[i] = random.next() }
        }
        try bytes.write(to: trip.url.appendingPathComponent("garbled.mp3"))
        let archive = trip.url.deletingLastPathComponent().appendingPathComponent("archive")
        try TestSupport.cli(["init"], archive: archive)
        let ingest = try TestSupport.cli(["ingest", trip.url.path], archive: archive)
        XCTAssertTrue(ingest.stdout.contains("garbled.mp3: stored, but damaged: "), ingest.stdout)
        let show = try TestSupport.cli(["show", "1"], archive: archive)
        XCTAssertTrue(show.stdout.contains("  damaged    "), show.stdout)
        let json = try JSONSerialization.jsonObject(with: try TestSupport.cli(["show", "1", "--json"], archive: archive).output) as! [String: Any]
        let warnings = (json["recording"] as! [String: Any])["warnings"] as! [String]
        XCTAssertTrue(warnings[0].contains("MPEG frames hold data no encoder writes"), "\(warnings)")
    }
}

/// A small seeded generator, so that every run damages the same bytes.
struct SeededBytes {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt8 { UInt8(truncatingIfNeeded: next64()) }

    mutating func below(_ bound: Int) -> Int { Int(next64() % UInt64(max(1, bound))) }
}
