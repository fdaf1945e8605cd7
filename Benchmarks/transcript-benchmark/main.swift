// Reads large generated transcripts and reports throughput and peak memory against the
// targets: at least 30 MB/s, and peak resident memory under 4× the file size; then
// reads ELAN files with one part made enormous (attributes, nesting, a value), which
// must stay linear.
//
//     swift run -c release --scratch-path .build-transcripts transcript-benchmark [size-in-MB]
//
// Files are generated in a temporary directory (see ELANFile.swift, TextGridFile.swift,
// HostileXML.swift). Every read runs in a fresh process of this program (`--read FILE`),
// because a process's peak memory cannot be reset; the figure is that process's VmHWM,
// the whole process, runtime and mapped file included. MB here means 1,000,000 bytes.

import BenchmarkSupport
import Foundation
import Transcripts

let targetMBPerSecond = 30.0
let targetMemoryFactor = 4.0
let runs = 3

/// A field of /proc/self/status in KiB (Linux reports kB).
func processStatus(_ field: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
          let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kilobytes
}

func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("transcript-benchmark: \(message)\n".utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "--read", arguments.count == 2 {
    let rssBefore = processStatus("VmRSS")
    let started = now()
    let transcript: Transcript
    do { transcript = try Transcript.read(contentsOf: URL(fileURLWithPath: arguments[1])) } catch { fail("\(error)") }
    print("seconds=\(now() - started)")
    print("annotations=\(transcript.tiers.reduce(0) { $0 + $1.annotations.count })")
    print("rss_before_kib=\(rssBefore)")
    print("hwm_kib=\(processStatus("VmHWM"))")
    exit(0)
}

/// One read of `url` in a fresh process.
struct Reading {
    var seconds: Double
    var annotations: Int
    var peakBytes: Int
    var baselineBytes: Int

    init(_ url: URL) {
        let process = Process()
        process.executableURL = executableURL()
        process.arguments = ["--read", url.path]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch { fail("cannot run a reading process: \(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fail("reading \(url.lastPathComponent) failed") }
        let values = fields(String(decoding: data, as: UTF8.self))
        seconds = Double(values["seconds"] ?? "") ?? .nan
        annotations = Int(values["annotations"] ?? "") ?? 0
        peakBytes = (Int(values["hwm_kib"] ?? "") ?? 0) * 1024
        baselineBytes = (Int(values["rss_before_kib"] ?? "") ?? 0) * 1024
    }
}

let sizeMB = arguments.first.flatMap(Double.init) ?? 50
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("transcript-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

var met = true
var large = MarkdownTable("file", "size", "annotations", "median time", "throughput", "peak memory", "× file", rightAligned: true)
let elan = directory.appendingPathComponent("benchmark.eaf")
let textGrid = directory.appendingPathComponent("benchmark.TextGrid")
FileHandle.standardError.write(Data("generating \(sizeMB) MB files in \(directory.path)\n".utf8))
let elanSize = try generateELAN(at: elan, targetBytes: Int(sizeMB * 1_000_000)).bytes
let textGridSize = try generateTextGrid(at: textGrid, targetBytes: Int(sizeMB * 1_000_000)).bytes
for (url, size) in [(elan, elanSize), (textGrid, textGridSize)] {
    let readings = (1...runs).map { _ in Reading(url) }
    let median = readings.map(\.seconds).sorted()[runs / 2]
    let peak = readings.map(\.peakBytes).max() ?? 0
    let throughput = Double(size) / 1_000_000 / median
    let factor = Double(peak) / Double(size)
    met = met && throughput >= targetMBPerSecond && factor < targetMemoryFactor
    large.add(url.pathExtension, megabytes(size), "\(readings[0].annotations)", String(format: "%.2f s", median),
              String(format: "%.1f MB/s", throughput), megabytes(peak), String(format: "%.2f×", factor))
}
print("\(runs) reads of each in a fresh process; peak memory is the process's VmHWM (before reading: \(megabytes(Reading(elan).baselineBytes))).\n")
print(large.text)
print(String(format: "\ntargets: throughput ≥ %.0f MB/s, peak memory < %.0f× the file\n", targetMBPerSecond, targetMemoryFactor))

var hostile = MarkdownTable("ELAN file with", "size", "time", "peak memory", rightAligned: true)
for kind in HostileXML.allCases {
    let url = directory.appendingPathComponent("hostile.eaf")
    let size = try kind.write(to: url)
    let reading = Reading(url)
    hostile.add(kind.rawValue, megabytes(size), String(format: "%.2f s", reading.seconds), megabytes(reading.peakBytes))
    met = met && reading.seconds < 10 && Double(reading.peakBytes) < targetMemoryFactor * Double(max(size, 50_000_000))
}
print(hostile.text)
print(met ? "\ntargets met" : "\nTARGETS MISSED")
// Removed here, not in a `defer`: `exit` runs no defers. A failed read leaves the files
// for a look.
try? FileManager.default.removeItem(at: directory)
exit(met ? 0 : 1)
