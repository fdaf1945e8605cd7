@testable import DialectArchive
import Foundation
import XCTest

/// Fingerprints do not depend on how decoded samples arrive: in blocks of any size, as floats
/// or as integers, fingerprinted in the decoder's thread or on a thread of its own.
final class FingerprintBuilderTests: XCTestCase {
    /// 20 s of stereo at 22,050 Hz: gliding tones in both channels and a little noise, as integers.
    private func stereoSignal() -> [Int32] {
        let rate = 22050.0, frames = 20 * 22050
        var state: UInt32 = 12345
        var samples = [Int32](repeating: 0, count: 2 * frames)
        for frame in 0..<frames {
            let t = Double(frame) / rate
            let glide = 300 + 900 * (0.5 + 0.5 * sin(2 * .pi * 0.37 * t))
            let syllable = max(0, sin(2 * .pi * 3.1 * t))
            state = state &* 1_664_525 &+ 1_013_904_223
            let noise = (Double(state >> 8) / Double(1 << 24) - 0.5) * 0.02
            let left = syllable * (0.4 * sin(2 * .pi * glide * t) + 0.2 * sin(2 * .pi * 2.7 * glide * t)) + noise
            let right = syllable * 0.5 * sin(2 * .pi * (glide * 1.5) * t) + noise
            samples[2 * frame] = Int32(left * 2_000_000_000)
            samples[2 * frame + 1] = Int32(right * 2_000_000_000)
        }
        return samples
    }

    /// Feeds `samples` in chunks of the given frame counts, cycling through them.
    private func fingerprint(_ samples: [Int32], chunks: [Int], ownThread: Bool, asFloats: Bool) -> AudioFingerprint {
        let builder = FingerprintBuilder(ownThread: ownThread)
        var start = 0, chunk = 0
        while start < samples.count {
            let end = min(samples.count, start + 2 * chunks[chunk % chunks.count])
            chunk += 1
            if asFloats {
                let floats = samples[start..<end].map { Float($0) * (1 / 2_147_483_648) }
                floats.withUnsafeBufferPointer { builder.feed($0, sampleRate: 22050, channels: 2) }
            } else {
                samples[start..<end].withUnsafeBufferPointer { builder.feed($0, sampleRate: 22050, channels: 2) }
            }
            start = end
        }
        return builder.finish()
    }

    func testBlockSizesAndThreadsGiveTheSameFingerprint() {
        let samples = stereoSignal()
        let floats = samples.map { Float($0) * (1 / 2_147_483_648) }
        let direct = LandmarkFingerprinter(sampleRate: 22050, channels: 2)
        floats.withUnsafeBufferPointer { direct.feed($0) }
        let expected = direct.finish()
        XCTAssertGreaterThan(expected.count, 500)

        let reference = fingerprint(samples, chunks: [8192], ownThread: false, asFloats: false)
        XCTAssertEqual(reference.landmarks, expected)
        XCTAssertNotNil(reference.chromaprint)
        // Chunks that straddle the builder's blocks (MP3 frames are 1,152 samples), odd sizes, both threads.
        for (chunks, ownThread, asFloats) in [([8192], true, false), ([1152], true, true), ([1152], false, true),
                                              ([7, 40_000, 1, 16_383, 16_385], true, false), ([65_537, 3], false, true)] {
            let fingerprint = fingerprint(samples, chunks: chunks, ownThread: ownThread, asFloats: asFloats)
            XCTAssertEqual(fingerprint, reference, "chunks \(chunks), own thread \(ownThread), floats \(asFloats)")
        }
    }

    func testAnAnalysisStoppedHalfWayEndsItsThread() throws {
        let samples = stereoSignal()
        weak var abandoned: FingerprintBuilder?
        do {
            let builder = FingerprintBuilder(ownThread: true)
            abandoned = builder
            samples[..<(2 * 100_000)].withUnsafeBufferPointer { builder.feed($0, sampleRate: 22050, channels: 2) }
        }
        XCTAssertNil(abandoned, "a builder dropped without finish() is released")
        // The next analysis is unaffected.
        XCTAssertEqual(fingerprint(samples, chunks: [8192], ownThread: true, asFloats: false),
                       fingerprint(samples, chunks: [8192], ownThread: false, asFloats: false))
    }

    func testAFingerprintDoesNotDependOnWhatWasAnalysedBefore() {
        // Resamplers and Chromaprint contexts are reused from one analysis to the next; one left
        // half-way through another signal must start the next recording afresh.
        let samples = stereoSignal()
        let first = fingerprint(samples, chunks: [8192], ownThread: false, asFloats: false)
        do {
            let abandoned = FingerprintBuilder(ownThread: false)
            let other = samples[(2 * 50_000)..<(2 * 150_000)].map { $0 / 3 }
            other.withUnsafeBufferPointer { abandoned.feed($0, sampleRate: 22050, channels: 2) }
        }
        let mono = [Int32](repeating: 0, count: 1000) + samples.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        _ = { let builder = FingerprintBuilder(ownThread: false)
              mono.withUnsafeBufferPointer { builder.feed($0, sampleRate: 48000, channels: 1) }
              return builder.finish() }()
        XCTAssertEqual(fingerprint(samples, chunks: [8192], ownThread: false, asFloats: false), first)
        // Many at once, as ingest analyses files in parallel.
        var results = [AudioFingerprint?](repeating: nil, count: 6)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: results.count) { index in
            let result = fingerprint(samples, chunks: [4096 + index], ownThread: index % 2 == 0, asFloats: false)
            lock.withLock { results[index] = result }
        }
        XCTAssertEqual(results, Array(repeating: first, count: results.count))
    }
}
