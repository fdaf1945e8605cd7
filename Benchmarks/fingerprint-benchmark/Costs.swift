@_spi(Benchmark) import DialectArchive
import BenchmarkSupport
import Foundation
import GRDB

/// What the fingerprints cost: disk beside the audio, and time during ingest.
enum Costs {
    /// Bytes of the landmark table: from `dbstat` when SQLite has it, else by measuring the
    /// database with and without the table (on a copy).
    static func landmarkBytes(_ archive: Archive) throws -> (bytes: Int64, rows: Int64, method: String) {
        let rows = try archive.database!.read { try Int64.fetchOne($0, sql: "SELECT count(*) FROM landmark") ?? 0 }
        let viaDbstat: Int64?? = try? archive.database!.read { db in
            try Int64.fetchOne(db, sql: "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'landmark%'")
        }
        if let bytes = viaDbstat ?? nil {
            return (bytes, rows, "dbstat")
        }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("fp-size-\(getpid()).sqlite")
        defer { try? FileManager.default.removeItem(at: copy) }
        try archive.database!.read { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy.path]) }
        let with = FileManager.default.size(copy)
        let queue = try DatabaseQueue(path: copy.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DELETE FROM landmark")
            try db.execute(sql: "VACUUM")
        }
        return (with - FileManager.default.size(copy), rows, "database size with and without landmarks")
    }

    /// FLAC size of each file's audio at its own rate, channels and depth (ffmpeg's default level).
    static func flacBytes(_ sources: [Source], folder: URL) throws -> [String: Int64] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var result: [String: Int64] = [:]
        for source in sources {
            let flac = folder.appendingPathComponent(source.name + ".flac")
            if !FileManager.default.fileExists(atPath: flac.path) { try Tool.ffmpeg(["-i", source.url.path, "-c:a", "flac", flac.path]) }
            result[source.name] = FileManager.default.size(flac)
        }
        return result
    }

    struct Overhead {
        var plain = 0.0
        var fingerprinted = 0.0
        var landmarksOnly = 0.0
        var chromaprintOnly = 0.0
        var audioSeconds = 0.0
    }

    /// The same recordings as a field recorder writes them: 48 kHz, 24-bit, stereo WAV.
    static func fieldRecorderCopies(_ sources: [Source], folder: URL) throws -> [Source] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try sources.map { source in
            let copy = folder.appendingPathComponent((source.name as NSString).deletingPathExtension + "-48k24.wav")
            if !FileManager.default.fileExists(atPath: copy.path) {
                try Tool.ffmpeg(["-i", source.url.path, "-ar", "48000", "-ac", "2", "-c:a", "pcm_s24le", copy.path])
            }
            var result = source
            result.url = copy
            return result
        }
    }

    /// Long recordings as a field recorder writes them: the generated speech read one file after
    /// another into `count` files of `minutes` each, 48 kHz, 24-bit, stereo WAV (the right channel
    /// a second microphone: 0.5 ms later and 2 dB quieter).
    static func longRecordings(_ sources: [Source], folder: URL, count: Int, minutes: Double) throws -> [Source] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rate = 48000, frames = Int(minutes * 60) * rate, delay = 24
        var next = 0
        var result: [Source] = []
        for index in 0..<count {
            let name = String(format: "long-%02d-%.0fmin-48k24.wav", index + 1, minutes)
            let url = folder.appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: url.path) {
                var mono: [Float] = []
                mono.reserveCapacity(frames + rate)
                while mono.count < frames {
                    mono += try Mono.decode(sources[next % sources.count].url, rate: rate).samples
                    next += 1
                }
                var stereo = [Float](repeating: 0, count: 2 * frames)
                for frame in 0..<frames {
                    stereo[2 * frame] = mono[frame]
                    stereo[2 * frame + 1] = frame >= delay ? 0.794 * mono[frame - delay] : 0
                }
                let raw = folder.appendingPathComponent(name + ".f32")
                try stereo.withUnsafeBytes { try Data($0).write(to: raw) }
                defer { try? FileManager.default.removeItem(at: raw) }
                try Tool.ffmpeg(["-f", "f32le", "-ar", String(rate), "-ac", "2", "-i", raw.path, "-c:a", "pcm_s24le", url.path])
            }
            result.append(Source(name: name, url: url, kind: .generated, seconds: minutes * 60))
        }
        return result
    }

    /// A word list as a dialect survey records it: one speaker reads `count` words of two
    /// syllables, each into a file of its own (a second or two), 44.1 kHz 16-bit mono WAV.
    static func wordList(folder: URL, count: Int, seed: UInt64) throws -> URL {
        let characters = Array("天地人日月山水火木金土风雨云雪花草鸟鱼虫牛羊马鸡狗猪米面饭茶酒油盐糖菜肉蛋父母兄弟姐妹儿女朋友东西南北上下左右前后大小多少长短高低新旧冷热")
        var random = SeededRandom(seed: seed)
        let speed = random.int(in: 140...170), pitch = random.int(in: 35...60)
        let words = (0..<count).map { _ in String([random.pick(characters), random.pick(characters)]) }
        return try speak(words, voice: "cmn", speed: speed, pitch: pitch, folder: folder)
    }

    /// Reads each of `words` into a file of its own in `folder` (`word-0001.wav` and on), 44.1 kHz
    /// 16-bit mono WAV; files already there are kept.
    static func speak(_ words: [String], voice: String, speed: Int, pitch: Int, folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, word) in words.enumerated() {
            let url = folder.appendingPathComponent(String(format: "word-%04d.wav", index + 1))
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            let raw = folder.appendingPathComponent("raw.wav")
            try Tool.run("espeak-ng", ["-v", voice, "-s", String(speed), "-p", String(pitch), "-w", raw.path, word])
            // sox rather than ffmpeg: a hundredth of the time to start, for thousands of files.
            try Tool.run("sox", [raw.path, "-r", "44100", "-c", "1", "-b", "16", url.path])
            try FileManager.default.removeItem(at: raw)
        }
        return folder
    }

    /// CPU seconds (user and system, all threads) used by the process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Wall and CPU seconds of whole ingests of the same folder into fresh archives, the median of each.
    struct IngestTimes {
        var wall = 0.0
        var cpu = 0.0
    }

    /// Ingests of one folder with fingerprints and without.
    struct IngestComparison {
        var with: IngestTimes
        var without: IngestTimes
        var repeats: Int

        /// What fingerprinting adds, as a fraction of the ingest without them.
        var addedWall: Double { with.wall / without.wall - 1 }
        var addedCPU: Double { with.cpu / without.cpu - 1 }

        /// The benchmark's table cell: added shares in bold, then the times they come from.
        var summary: String {
            String(format: "**%+.0f%% wall, %+.0f%% CPU** (%.2f s → %.2f s wall, %.2f s → %.2f s CPU; median of %d)",
                   100 * addedWall, 100 * addedCPU, without.wall, with.wall, without.cpu, with.cpu, repeats)
        }
    }

    /// Ingests `folder` into fresh archives `repeats` times with fingerprints and as many times
    /// without, alternating, so both see the same page cache and the same load on the machine.
    /// Each ingest runs in a fresh process of this program (`--time-ingest`), as an `ingest`
    /// command does, so that neither inherits the heap and threads of the runs before it.
    /// With `into`, each ingest goes into a fresh copy of that archive instead of an empty one.
    static func ingestOverhead(_ folder: URL, scratch: URL, repeats: Int, into template: URL? = nil) throws -> IngestComparison {
        var walls: [Bool: [Double]] = [:], cpus: [Bool: [Double]] = [:]
        let program = executableURL().path
        for _ in 0..<repeats {
            for fingerprinting in [true, false] {
                let output = try Tool.run(program, ["--time-ingest", folder.path, scratch.path, fingerprinting ? "on" : "off"]
                                          + (template.map { [$0.path] } ?? []))
                let measured = fields(String(decoding: output, as: UTF8.self))
                walls[fingerprinting, default: []].append(measured["wall"].flatMap(Double.init) ?? 0)
                cpus[fingerprinting, default: []].append(measured["cpu"].flatMap(Double.init) ?? 0)
            }
        }
        try? FileManager.default.removeItem(at: scratch)
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        return IngestComparison(with: IngestTimes(wall: median(walls[true]!), cpu: median(cpus[true]!)),
                                without: IngestTimes(wall: median(walls[false]!), cpu: median(cpus[false]!)), repeats: repeats)
    }

    /// The child's side of `ingestOverhead`: one ingest into a fresh archive (or a fresh copy of
    /// `template`); prints `wall=` and `cpu=` (seconds of the ingest alone, after the archive is made).
    static func timeIngest(_ folder: URL, archive scratch: URL, fingerprinting: Bool, template: URL?) throws {
        try? FileManager.default.removeItem(at: scratch)
        let archive: Archive
        if let template {
            try FileManager.default.copyItem(at: template, to: scratch)
            archive = try Archive.open(at: scratch)
        } else {
            archive = try Archive.create(at: scratch)
        }
        // The copy and the removal of the last run's archive are written out first, so that the
        // disk is not still busy with them while this run is timed.
        sync()
        var request = IngestRequest(paths: [folder])
        request.fingerprinting = fingerprinting
        let cpuBefore = cpuSeconds()
        let (report, wall) = try timed { try archive.ingest(request) }
        let cpu = cpuSeconds() - cpuBefore
        guard report.failed.isEmpty else { throw ToolError(description: "ingest failed: \(report.failed)") }
        print("wall=\(wall)")
        print("cpu=\(cpu)")
    }

    /// Times `AudioAnalyzer.analyze` without and with fingerprints over the archived files
    /// (best of `repeats` per file, alternating), and the landmark fingerprint alone on decoded samples.
    static func overhead(_ sources: [Source], repeats: Int, alone: Bool = true) throws -> Overhead {
        var result = Overhead()
        for source in sources {
            var plain = Double.infinity, printed = Double.infinity
            for _ in 0..<repeats {
                plain = min(plain, try timed { _ = try AudioAnalyzer.analyze(source.url, fingerprinting: false) }.1)
                printed = min(printed, try timed { _ = try AudioAnalyzer.analyze(source.url, fingerprinting: true) }.1)
            }
            result.plain += plain
            result.fingerprinted += printed
            result.audioSeconds += source.seconds
            guard alone else { continue }
            let audio = try Mono.decode(source.url)
            var best = Double.infinity, chroma = Double.infinity
            for _ in 0..<repeats {
                best = min(best, timed {
                    let fingerprinter = LandmarkFingerprinter(sampleRate: audio.rate, channels: 1)
                    audio.samples.withUnsafeBufferPointer { fingerprinter.feed($0) }
                    _ = fingerprinter.finish()
                }.1)
                chroma = min(chroma, timed {
                    let fingerprinter = ChromaprintFingerprinter(sampleRate: audio.rate, channels: 1)
                    audio.samples.withUnsafeBufferPointer { fingerprinter.feed($0) }
                    _ = fingerprinter.finish()
                }.1)
            }
            result.landmarksOnly += best
            result.chromaprintOnly += chroma
        }
        return result
    }
}
