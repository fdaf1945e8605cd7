// Fixity audit speed: builds an archive of at least 4 GB of audio (generated with ffmpeg),
// then times `Archive.verify()` against `sha256sum` over the same stored files.
//
//     swift run -c release verify-benchmark [--gigabytes 4] [--keep]
import BenchmarkSupport
import DialectArchive
import Foundation

let arguments = CommandLine.arguments
let gigabytes = Double(option("--gigabytes") ?? "4") ?? 4
let keep = arguments.contains("--keep")
let root = FileManager.default.temporaryDirectory.appendingPathComponent("verify-benchmark-\(UUID().uuidString.prefix(8))")
let source = root.appendingPathComponent("field")
try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
defer { if !keep { try? FileManager.default.removeItem(at: root) } }

@discardableResult
func run(_ program: String, _ args: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + args
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

// 48 kHz stereo 24-bit WAV: 288,000 bytes a second; files of 20 minutes (≈ 346 MB).
let bytesPerFile = 288_000.0 * 1200
let files = Int((gigabytes * 1e9 / bytesPerFile).rounded(.up))
print("generating \(files) recordings of 20 minutes (48 kHz, stereo, 24-bit) in \(source.path)")
for index in 0..<files {
    let file = source.appendingPathComponent(String(format: "take-%02d.wav", index))
    try run("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "anoisesrc=d=1200:c=pink:r=48000:a=0.2:s=\(index + 1)",
                       "-ac", "2", "-c:a", "pcm_s24le", file.path])
}
let archive = try Archive.create(at: root.appendingPathComponent("archive"))
var ingest: IngestReport!
let ingestSeconds = try seconds { ingest = try archive.ingest(IngestRequest(paths: [source])) }
let total = ingest.bytesRead
print(String(format: "ingest: %d files, %.2f GB in %.1f s (%.0f MB/s, fingerprints included)",
             ingest.added.count, Double(total) / 1e9, ingestSeconds, Double(total) / 1e6 / ingestSeconds))

let stored = try archive.recordings().map { archive.absolute($0.recording.storedPath).path }
// Both runs read from the page cache: warm it once so neither is charged for the first read.
for path in stored {
    guard let handle = FileHandle(forReadingAtPath: path) else { continue }
    while !handle.readData(ofLength: 1 << 20).isEmpty {}
    handle.closeFile()
}
let shaSeconds = try seconds { try run("sha256sum", stored) }
var report: FixityReport!
let verifySeconds = try seconds { report = try archive.verify() }
precondition(report.intact, "the archive should verify intact")

let megabytes = Double(total) / 1e6
print("")
print("| what | time | throughput |")
print("|---|---|---|")
print(String(format: "| `sha256sum` (one core) | %.1f s | %.0f MB/s |", shaSeconds, megabytes / shaSeconds))
print(String(format: "| `dialect-archive verify` (%d cores) | %.1f s | %.0f MB/s |", ProcessInfo.processInfo.activeProcessorCount, verifySeconds, megabytes / verifySeconds))
print(String(format: "\nverify took %.2f× the time of sha256sum on %.2f GB (target: at most 1.3×)", verifySeconds / shaSeconds, Double(total) / 1e9))
