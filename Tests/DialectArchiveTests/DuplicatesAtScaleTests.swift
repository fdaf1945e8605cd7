@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// `duplicates` reads the landmark table once, taking an evenly spread sample of each long
/// recording (the sample ingest looks up for a new recording), and still finds an excerpt
/// inside a long recording with its offset.
final class DuplicatesAtScaleTests: XCTestCase {
    func testAnExcerptOfALongRecordingIsFoundFromASample() throws {
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [TestSupport.repository.appendingPathComponent("recordings")])).failed, [])
        // A 20-minute recording's landmarks (1.4 per 16-ms frame, as speech gives) and a minute of
        // it from 5:00 on, stored as two further recordings.
        let frames: Int32 = 75_000, excerptStart: Int32 = 18_750, excerptFrames: Int32 = 3_750
        // Evenly over the frames, so the sample's size is exact; random hashes.
        var generator = SystemRandomNumberGenerator()
        let count = Int(Double(frames) * 1.4)
        let long = (0..<count).map { index in
            Landmark(hash: Int32.random(in: .min ... .max, using: &generator), frame: Int32(index * Int(frames) / count))
        }
        let excerpt = long.filter { $0.frame >= excerptStart && $0.frame < excerptStart + excerptFrames }
            .map { Landmark(hash: $0.hash, frame: $0.frame - excerptStart) }
        try archive.store.write { db in
            let template = try XCTUnwrap(try db.value("SELECT min(id) FROM recording", as: Int64.self))
            for (id, name, durationMs) in [(Int64(900_001), "long.wav", Int64(frames) * 16), (900_002, "excerpt.wav", Int64(excerptFrames) * 16)] {
                try db.execute("""
                    INSERT INTO recording (id, session_id, stored_path, original_name, source_path, size, sha256, audio_sha256, container,
                        codec, sample_rate, channels, bits_per_sample, frames, duration_ms, ingested_at, fingerprint_version)
                    SELECT ?, session_id, ?, ?, ?, 1, ?, ?, container, codec, sample_rate, channels, bits_per_sample, frames, ?, ingested_at, ?
                    FROM recording WHERE id = ?
                    """, [id, name, name, name, name, name, durationMs, FingerprintParameters.version, template])
            }
            try LandmarkRecords.store(AudioFingerprint(landmarks: long, chromaprint: nil), recordingId: 900_001, db)
            try LandmarkRecords.store(AudioFingerprint(landmarks: excerpt, chromaprint: nil), recordingId: 900_002, db)
        }
        // Into the main index, with the sample recordings' own.
        try archive.mergeLandmarks()
        XCTAssertEqual(try StoredLandmarks.counts(archive).recent, 0)

        let limit = FingerprintParameters.duplicateSample
        let samples = try archive.store.read { db in try LandmarkRecords.samples(limit: limit, db) }
        let sample = try XCTUnwrap(samples[900_001])
        XCTAssertTrue((limit...(2 * limit)).contains(sample.count), "\(sample.count) landmarks sampled")
        // Ingest takes the same sample of a new recording's landmarks as `duplicates` reads from the archive.
        XCTAssertEqual(Set(Landmark.sample(long, durationMs: Int64(frames) * 16, limit: limit)), Set(sample))
        XCTAssertLessThan(sample.map(\.frame).min()!, frames / 100)
        XCTAssertGreaterThan(sample.map(\.frame).max()!, frames - frames / 100)
        let excerptCount = try StoredLandmarks.all(archive)[900_002]?.count
        XCTAssertEqual(excerptCount, Set(excerpt).count)
        XCTAssertEqual(samples[900_002]?.count, excerptCount, "a short recording is taken whole")

        let group = try XCTUnwrap(try archive.duplicates().first { $0.members.contains { $0.recordingId == 900_002 } })
        XCTAssertEqual(group.kind, .contains)
        XCTAssertEqual(group.members.map(\.recordingId), [900_001, 900_002])
        XCTAssertEqual(group.members[1].offsetMs, Int64(excerptStart) * 16)
        XCTAssertEqual(group.confidence, "certain")
    }
}
