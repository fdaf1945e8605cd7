import BenchmarkSupport
import DialectArchive
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// ingest-benchmark: how fast recordings are analysed and ingested, and that memory does not
// grow with the length of a recording.
//
//   swift run -c release ingest-benchmark [--dir PATH] [--keep] [--minutes 1,10,60]
//       [--files 20] [--file-minutes 2] [--runs 2]
//
// Every measurement runs in a fresh subprocess of this binary (`--one FILE`, `--ingest DIR`),
// because a process's peak resident set (VmHWM) cannot be reset: each child reports its own.

// MARK: Helpers


/// A field of /proc/self/status in KiB (VmHWM, VmRSS).
func procStatus(_ field: String) -> Int64 {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int64(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) ?? -1
    }
    return -1
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ingest-benchmark: \(message)\n".utf8))
    exit(2)
}

func progress(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Runs a program; returns its stdout, or fails with its stderr.
@discardableResult
func run(_ program: String, _ arguments: [String]) -> (output: String, seconds: Double) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let start = now()
    do { try process.run() } catch { fail("cannot run \(program): \(error)") }
    // Read both pipes while the child runs, so a chatty child cannot block on a full pipe.
    final class Box: @unchecked Sendable { var data = Data() }
    let errorBox = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { errorBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let outputData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    group.wait()
    let errorData = errorBox.data
    let seconds = now() - start
    guard process.terminationStatus == 0 else {
        fail("\(program) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus): \(String(decoding: errorData, as: UTF8.self).suffix(2000))")
    }
    return (String(decoding: outputData, as: UTF8.self), seconds)
}

func which(_ name: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

func fileSize(_ url: URL) -> Int64 {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.int64Value ?? 0
}

func mb(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
func mbps(_ bytes: Int64, _ seconds: Double) -> String { String(format: "%.0f MB/s", Double(bytes) / 1e6 / seconds) }
func mib(kib: Int64) -> String { String(format: "%.1f MiB", Double(kib) / 1024) }

// MARK: Child modes

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "--one", arguments.count == 2 {
    // Analyse one file; report time and memory.
    let url = URL(fileURLWithPath: arguments[1])
    let rssBefore = procStatus("VmRSS"), hwmBefore = procStatus("VmHWM")
    let start = now()
    let facts: AudioFacts
    do { facts = try AudioAnalyzer.analyze(url) } catch { fail("\(url.path): \(error)") }
    let seconds = now() - start
    print("seconds=\(seconds)")
    print("bytes=\(facts.size)")
    print("frames=\(facts.frames)")
    print("duration_ms=\(facts.durationMs)")
    print("codec=\(facts.codec)")
    print("rss_before_kib=\(rssBefore)")
    print("hwm_before_kib=\(hwmBefore)")
    print("hwm_after_kib=\(procStatus("VmHWM"))")
    print("rss_after_kib=\(procStatus("VmRSS"))")
    exit(0)
}

if arguments.first == "--ingest", arguments.count == 3 {
    // Ingest a folder into a fresh archive; report time and memory.
    let source = URL(fileURLWithPath: arguments[1])
    let archiveURL = URL(fileURLWithPath: arguments[2])
    let rssBefore = procStatus("VmRSS")
    do {
        let archive = try Archive.create(at: archiveURL)
        let start = now()
        let report = try archive.ingest(IngestRequest(paths: [source], collection: "bench"))
        let seconds = now() - start
        print("seconds=\(seconds)")
        print("added=\(report.added.filter { $0.kind == .recording }.count)")
        print("failed=\(report.failed.count)")
        print("failures=\(report.failed.prefix(3).map { "\($0.file): \($0.message ?? "")" }.joined(separator: " | "))")
        print("bytes_read=\(report.bytesRead)")
        print("rss_before_kib=\(rssBefore)")
        print("hwm_after_kib=\(procStatus("VmHWM"))")
    } catch {
        fail("ingest: \(error)")
    }
    exit(0)
}

// MARK: Options

var folder: String?
var keep = false
var minutes = [1, 10, 60]
var fileCount = 20
var fileMinutes = 2
var runs = 2
do {
    var iterator = arguments.makeIterator()
    func value(_ name: String) -> String {
        guard let next = iterator.next() else { fail("\(name) needs a value") }
        return next
    }
    func number(_ name: String) -> Int {
        let text = value(name)
        guard let n = Int(text), n > 0 else { fail("\(name) needs a positive number, not \(text)") }
        return n
    }
    while let argument = iterator.next() {
        switch argument {
        case "--dir": folder = value(argument)
        case "--keep": keep = true
        case "--minutes":
            let list = value(argument).split(separator: ",").compactMap { Int($0) }
            guard !list.isEmpty, list.allSatisfy({ $0 > 0 }) else { fail("--minutes takes numbers like 1,10,60") }
            minutes = list
        case "--files": fileCount = number(argument)
        case "--file-minutes": fileMinutes = number(argument)
        case "--runs": runs = number(argument)
        case "-h", "--help":
            print("""
            usage: ingest-benchmark [--dir PATH] [--keep] [--minutes 1,10,60] [--files 20] [--file-minutes 2] [--runs 2]
              --dir PATH        generate the audio here (default: a temporary folder, removed afterwards)
              --keep            keep the generated audio and the archive
              --minutes LIST    lengths of the single files: WAV (48 kHz stereo 24-bit), and the same
                                encoded as FLAC and as MP3 (192 kbit/s)
              --files N         files in the ingest batch (default 20)
              --file-minutes M  length of each batch file (default 2)
              --runs N          fresh processes per file for AudioAnalyzer (the fastest is reported)
            """)
            exit(0)
        default: fail("unknown argument \(argument) (see --help)")
        }
    }
}

guard let ffmpeg = which("ffmpeg") else { fail("ffmpeg is needed to generate the test audio (apt-get install ffmpeg)") }
let sha256sum = which("sha256sum")
let fm = FileManager.default
let work = folder.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? fm.temporaryDirectory.appendingPathComponent("ingest-benchmark-\(getpid())")
try fm.createDirectory(at: work, withIntermediateDirectories: true)
let startedAt = Date()

// MARK: Generate audio

/// Pink noise with a tone over it, 48 kHz stereo 24-bit (a field recording's format and roughly
/// its compressibility). Each seed gives different samples, so no two batch files are duplicates.
func generateWAV(_ url: URL, seconds: Int, seed: Int) {
    if fm.fileExists(atPath: url.path), fileSize(url) > 0 { return }
    let graph = "anoisesrc=d=\(seconds):c=pink:r=48000:a=0.08:s=\(seed)[n];"
        + "sine=f=\(110 + seed % 400):r=48000:d=\(seconds)[t];"
        + "[n][t]amix=inputs=2,aformat=sample_fmts=s32:channel_layouts=stereo,volume=0.8[out]"
    run(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", "-filter_complex", graph, "-map", "[out]",
                 "-c:a", "pcm_s24le", "-ar", "48000", "-ac", "2", url.path])
}

var singles: [(label: String, url: URL, seconds: Int)] = []
var encoded: [(label: String, url: URL, seconds: Int)] = []
for m in minutes.sorted() {
    let wav = work.appendingPathComponent("tone-\(m)min.wav")
    progress("generating \(wav.lastPathComponent)")
    generateWAV(wav, seconds: m * 60, seed: 1000 + m)
    singles.append(("WAV \(m) min", wav, m * 60))
    // The same recording as FLAC and MP3, to see whether memory grows with length in every decoder.
    let flac = work.appendingPathComponent("tone-\(m)min.flac")
    let mp3 = work.appendingPathComponent("tone-\(m)min.mp3")
    if !fm.fileExists(atPath: flac.path) {
        progress("encoding \(flac.lastPathComponent)")
        run(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", "-i", wav.path, "-c:a", "flac", "-sample_fmt", "s32", flac.path])
    }
    if !fm.fileExists(atPath: mp3.path) {
        progress("encoding \(mp3.lastPathComponent)")
        run(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", "-i", wav.path, "-c:a", "libmp3lame", "-b:a", "192k", mp3.path])
    }
    encoded.append(("FLAC \(m) min", flac, m * 60))
    encoded.append(("MP3 \(m) min (192 kbit/s)", mp3, m * 60))
}
singles += encoded.filter { $0.label.hasPrefix("FLAC") } + encoded.filter { $0.label.hasPrefix("MP3") }

let batch = work.appendingPathComponent("batch")
try fm.createDirectory(at: batch, withIntermediateDirectories: true)
var batchFiles: [URL] = []
progress("generating \(fileCount) files of \(fileMinutes) min for the ingest")
for i in 1...fileCount {
    let url = batch.appendingPathComponent(String(format: "field-%02d.wav", i))
    generateWAV(url, seconds: fileMinutes * 60, seed: i)
    batchFiles.append(url)
}

// MARK: Measure

let me = executableURL().path
struct SingleResult {
    var label: String
    var bytes: Int64
    var seconds: Double
    var audioSeconds: Int
    var durationMs: Int64
    var rssBefore: Int64
    var hwm: Int64
    var sha256sumSeconds: Double?
}
var results: [SingleResult] = []
for (label, url, audioSeconds) in singles {
    progress("analysing \(url.lastPathComponent) (\(runs) fresh processes)")
    var best: SingleResult?
    for _ in 0..<runs {
        let f = fields(run(me, ["--one", url.path]).output)
        let result = SingleResult(label: label, bytes: Int64(f["bytes"]!)!, seconds: Double(f["seconds"]!)!, audioSeconds: audioSeconds,
                                  durationMs: Int64(f["duration_ms"]!)!, rssBefore: Int64(f["rss_before_kib"]!)!,
                                  hwm: Int64(f["hwm_after_kib"]!)!)
        if best == nil || result.seconds < best!.seconds { best = SingleResult(label: label, bytes: result.bytes, seconds: result.seconds,
            audioSeconds: audioSeconds, durationMs: result.durationMs, rssBefore: result.rssBefore, hwm: max(result.hwm, best?.hwm ?? 0)) }
        else { best!.hwm = max(best!.hwm, result.hwm) }
    }
    if let sha256sum {
        best!.sha256sumSeconds = (0..<runs).map { _ in run(sha256sum, [url.path]).seconds }.min()
    }
    results.append(best!)
}

progress("ingesting the batch into a fresh archive")
let archiveURL = work.appendingPathComponent("archive")
try? fm.removeItem(at: archiveURL)
let ingest = fields(run(me, ["--ingest", batch.path, archiveURL.path]).output)
let batchBytes = batchFiles.reduce(Int64(0)) { $0 + fileSize($1) }
var shaSequential: Double?, shaParallel: Double?
if let sha256sum {
    shaSequential = run(sha256sum, batchFiles.map(\.path)).seconds
    // As many sha256sum processes as cores, each on its share of the files, started by one shell.
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let script = (0..<cores).map { core in
        let share = batchFiles.enumerated().filter { $0.offset % cores == core }.map { "'" + $0.element.path + "'" }
        return share.isEmpty ? "" : "\(sha256sum) \(share.joined(separator: " ")) > /dev/null &"
    }.joined(separator: " ") + " wait"
    shaParallel = run("/bin/sh", ["-c", script]).seconds
}

// MARK: Report

let cores = ProcessInfo.processInfo.activeProcessorCount
print("")
print("## ingest-benchmark: \(ISO8601DateFormatter().string(from: startedAt).prefix(10)), \(cores) cores, files in the page cache")
print("")
print("`AudioAnalyzer.analyze` (decode, frame count, SHA-256 of bytes and of samples), each file in a fresh process; fastest of \(runs). "
      + "MB = 10⁶ bytes. Peak RSS is the child's VmHWM; growth is VmHWM minus VmRSS just before the analysis.")
print("")
var rows = MarkdownTable("file", "size", "time", "throughput", "× real time", "peak RSS (VmHWM)", "growth during analysis", "`sha256sum` same file")
for r in results {
    rows.add([r.label, mb(r.bytes), String(format: "%.2f s", r.seconds), mbps(r.bytes, r.seconds),
                 String(format: "%.0f×", Double(r.audioSeconds) / r.seconds), mib(kib: r.hwm), mib(kib: r.hwm - r.rssBefore),
                 r.sha256sumSeconds.map { String(format: "%.2f s, %@", $0, mbps(r.bytes, $0)) } ?? "n/a"])
}
let seconds = Double(ingest["seconds"]!)!
let added = Int(ingest["added"]!)!
print(rows.text)
print("")
var ingestRows = MarkdownTable("ingest", "files", "data", "time", "files/s", "throughput", "peak RSS (VmHWM)")
ingestRows.add(["`Archive.ingest` of \(fileCount) WAV × \(fileMinutes) min (48 kHz stereo 24-bit) into a fresh archive",
                   "\(added) added, \(ingest["failed"]!) failed", mb(batchBytes), String(format: "%.2f s", seconds),
                   String(format: "%.2f", Double(added) / seconds), mbps(batchBytes, seconds), mib(kib: Int64(ingest["hwm_after_kib"]!)!)])
if let shaSequential {
    ingestRows.add(["`sha256sum` of the same files, one process", "\(fileCount)", mb(batchBytes), String(format: "%.2f s", shaSequential),
                       String(format: "%.2f", Double(fileCount) / shaSequential), mbps(batchBytes, shaSequential), ""])
}
if let shaParallel {
    ingestRows.add(["`sha256sum` of the same files, \(cores) processes", "\(fileCount)", mb(batchBytes), String(format: "%.2f s", shaParallel),
                       String(format: "%.2f", Double(fileCount) / shaParallel), mbps(batchBytes, shaParallel), ""])
}
print(ingestRows.text)
if let failures = ingest["failures"], !failures.isEmpty { print("\nfailures: \(failures)") }
for r in results where abs(r.durationMs - Int64(r.audioSeconds) * 1000) > 100 {
    print("\nnote: \(r.label) analysed as \(r.durationMs) ms, generated as \(r.audioSeconds * 1000) ms")
}

if keep || folder != nil {
    print("\naudio and archive kept in \(work.path)")
} else {
    try? fm.removeItem(at: work)
}
