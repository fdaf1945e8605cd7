import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Receives progress while an ingest runs; called from several threads.
public protocol IngestProgress: AnyObject {
    func begin(files: Int, bytes: Int64)
    func fileDone(_ file: String, bytes: Int64, outcome: String)
    func end()
}

/// Progress that says nothing (library use, tests).
public final class SilentProgress: IngestProgress {
    public init() {}
    public func begin(files: Int, bytes: Int64) {}
    public func fileDone(_ file: String, bytes: Int64, outcome: String) {}
    public func end() {}
}

/// Counts files and bytes and estimates the time left; shared by the two renderings.
public class ProgressCounter {
    let lock = NSLock()
    var totalFiles = 0, doneFiles = 0
    var totalBytes: Int64 = 0, doneBytes: Int64 = 0
    var started = Date()

    var rate: Double {
        let elapsed = Date().timeIntervalSince(started)
        return elapsed > 0 ? Double(doneBytes) / elapsed : 0
    }

    var timeLeft: String {
        guard rate > 0, doneBytes > 0 else { return "--:--" }
        let seconds = Int(Double(totalBytes - doneBytes) / rate)
        return String(format: "%d:%02d", seconds / 60, seconds % 60)
    }

    func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A one-line progress bar on a terminal: files, bytes, rate and time left.
public final class TerminalProgress: ProgressCounter, IngestProgress {
    private var lastDraw = Date.distantPast
    public override init() {}

    public func begin(files: Int, bytes: Int64) {
        lock.withLock { totalFiles = files; totalBytes = bytes; started = Date() }
        draw(force: true)
    }

    public func fileDone(_ file: String, bytes: Int64, outcome: String) {
        lock.withLock { doneFiles += 1; doneBytes += bytes }
        draw(force: false)
    }

    public func end() {
        draw(force: true)
        write("\n")
    }

    private func draw(force: Bool) {
        lock.withLock {
            guard force || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = Date()
            let width = 30
            let fraction = totalBytes > 0 ? Double(doneBytes) / Double(totalBytes) : (totalFiles > 0 ? Double(doneFiles) / Double(totalFiles) : 1)
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            write("\r\u{1B}[K\(bar) \(doneFiles)/\(totalFiles) files  \(ByteCount.human(doneBytes))/\(ByteCount.human(totalBytes))  \(ByteCount.human(Int64(rate)))/s  \(timeLeft) left")
        }
    }
}

/// Plain lines, one per file, for logs and pipes.
public final class LineProgress: ProgressCounter, IngestProgress {
    public override init() {}

    public func begin(files: Int, bytes: Int64) {
        lock.withLock { totalFiles = files; totalBytes = bytes; started = Date() }
        write("ingesting \(files) audio files (\(ByteCount.human(bytes)))\n")
    }

    public func fileDone(_ file: String, bytes: Int64, outcome: String) {
        lock.withLock {
            doneFiles += 1; doneBytes += bytes
            write("[\(doneFiles)/\(totalFiles)] \(outcome): \(TerminalText.escaped(file))\n")
        }
    }

    public func end() {}
}
