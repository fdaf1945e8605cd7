import BenchmarkSupport
import DialectArchive
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress and diagnostics go to stderr; the report goes to stdout.
func log(_ message: String) {
    FileHandle.standardError.write(("[fp] " + message + "\n").data(using: .utf8)!)
}

struct ToolError: Error, CustomStringConvertible {
    var description: String
}

/// External tools (espeak-ng, ffmpeg, sox).
enum Tool {
    /// Runs `tool` with `arguments`; returns stdout. Throws with stderr when it fails.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain stderr concurrently so neither pipe fills up and blocks the tool.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData.suffix(2000), as: UTF8.self)
            throw ToolError(description: "\(tool) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(message)")
        }
        return data
    }

    static func ffmpeg(_ arguments: [String]) throws {
        try run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"] + arguments)
    }
}

/// Mono float audio at some sample rate.
struct Mono {
    var samples: [Float]
    var rate: Int

    var seconds: Double { Double(samples.count) / Double(rate) }

    /// Decodes any file ffmpeg reads, mixed to mono, at `rate` (the file's own rate when nil).
    static func decode(_ url: URL, rate: Int? = nil) throws -> Mono {
        let rate = try rate ?? nativeRate(url)
        let data = try Tool.run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", url.path,
                                           "-ac", "1", "-ar", String(rate), "-f", "f32le", "-"])
        let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        return Mono(samples: samples, rate: rate)
    }

    static func nativeRate(_ url: URL) throws -> Int {
        let out = try Tool.run("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate",
                                           "-of", "csv=p=0", url.path])
        guard let rate = Int(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ToolError(description: "no sample rate for \(url.path)")
        }
        return rate
    }

    /// Samples from `start` (in samples) for `count` samples.
    func slice(_ start: Int, _ count: Int) -> Mono {
        Mono(samples: Array(samples[start..<min(samples.count, start + count)]), rate: rate)
    }

    /// Mean power over the whole clip.
    var power: Double {
        guard !samples.isEmpty else { return 0 }
        var sum = 0.0
        for s in samples { sum += Double(s) * Double(s) }
        return sum / Double(samples.count)
    }

    /// Writes a 16-bit PCM WAV, scaled down first if it would clip.
    func writeWAV(_ url: URL, sampleRate: Int? = nil) throws {
        let peak = samples.reduce(Float(0)) { max($0, abs($1)) }
        let scale: Float = peak > 0.99 ? 0.99 / peak : 1
        var data = Data()
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        let rate = UInt32(sampleRate ?? self.rate)
        data.append(contentsOf: Array("RIFF".utf8)); u32(UInt32(36 + samples.count * 2))
        data.append(contentsOf: Array("WAVE".utf8))
        data.append(contentsOf: Array("fmt ".utf8)); u32(16); u16(1); u16(1); u32(rate); u32(rate * 2); u16(2); u16(16)
        data.append(contentsOf: Array("data".utf8)); u32(UInt32(samples.count * 2))
        var pcm = [Int16](repeating: 0, count: samples.count)
        for (i, s) in samples.enumerated() { pcm[i] = Int16(max(-32767, min(32767, (s * scale * 32767).rounded()))) }
        pcm.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: url)
    }
}

/// Nearest-rank percentile of `values` (0–100).
func percentile(_ values: [Double], _ p: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[max(0, min(sorted.count - 1, rank - 1))]
}

func percent(_ part: Int, _ whole: Int) -> String {
    whole == 0 ? "–" : String(format: "%.1f%%", 100 * Double(part) / Double(whole))
}

func ms(_ value: Double?) -> String {
    guard let value else { return "–" }
    return String(format: "%.0f ms", value)
}

func ms1(_ value: Double?) -> String {
    guard let value else { return "–" }
    return String(format: "%.1f ms", value)
}

func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

extension FileManager {
    func size(_ url: URL) -> Int64 {
        ((try? attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}

/// Runs `body` for every index on all cores, as the library's ingest does; what `body`
/// shares, it guards with a lock.
func parallelFor(_ count: Int, _ body: (Int) -> Void) {
    ParallelWork.forEach(count, body)
}
