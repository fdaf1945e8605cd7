import BenchmarkSupport
@_spi(Benchmark) import DialectArchive
import Foundation
import GRDB

/// A word list of many short words read by one voice, a file each: the duplicate check at
/// ingest and `duplicates` must not take one word for another, and `identify` must still find
/// a word re-encoded.
enum WordList {
    /// Toned pinyin syllables of different sounds; every word joins two different ones.
    static let syllables = """
        ma1 ba3 di4 tian1 shan1 shui3 huo3 mu4 jin1 tu3 feng1 yu3 yun2 xue3 hua1 cao3 niao3 chong2 niu2 yang2 \
        gou3 zhu1 mi3 mian4 fan4 cha2 jiu3 you2 yan2 tang2 cai4 rou4 dan4 fu4 xiong1 jie3 mei4 er2 peng2 dong1 \
        xi1 nan2 bei3 shang4 xia4 zuo3 qian2 hou4 da4 xiao3 duo1 shao3 chang2 duan3 gao1 xin1 leng3 re4 kou3 zhi3
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// `count` different words (pairs of syllables), in an order fixed by `seed`.
    static func words(count: Int, seed: UInt64) -> [String] {
        var pairs = syllables.flatMap { first in syllables.filter { $0 != first }.map { first + $0 } }
        var random = SeededRandom(seed: seed)
        random.shuffle(&pairs)
        precondition(count <= pairs.count, "at most \(pairs.count) words")
        return Array(pairs.prefix(count))
    }

    /// Mandarin read from pinyin; fast enough that a word of two syllables takes about half a second.
    static let voice = "cmn-latn-pinyin", speed = 230, pitch = 50

    struct Result {
        var words = 0
        var meanSeconds = 0.0
        var ingestSeconds = 0.0
        /// Likely or certain matches named in the ingest's warnings, all between different words.
        var falseWarnings = 0
        /// Groups `duplicates` found beyond identical bytes and samples, all false.
        var falseGroups = 0
        /// Ordered pairs of different words that `identify(landmarks:)` rates likely or certain, and possible.
        var falseIdentified = 0
        var possible = 0
        var mostAligned = 0
        /// Words re-encoded as MP3 found as themselves, likely or certain; as their top match at
        /// any confidence; and how many were tried.
        var reencodedFound = 0
        var reencodedFirst = 0
        var reencoded = 0
        var examples: [String] = []
    }

    /// Generates the words once into `folder`, ingests them into a fresh archive at `archiveURL`,
    /// and looks every word up against the others. With `dump`, one line per match found.
    static func run(count: Int, seed: UInt64, folder: URL, archiveURL: URL, dump: URL?) throws -> Result {
        let fm = FileManager.default
        let words = Self.words(count: count, seed: seed)
        let wordFolder = try Costs.speak(words, voice: voice, speed: speed, pitch: pitch, folder: folder.appendingPathComponent("words"))
        let files = (1...count).map { wordFolder.appendingPathComponent(String(format: "word-%04d.wav", $0)) }
        var result = Result(words: count)
        try? fm.removeItem(at: archiveURL)
        let archive = try Archive.create(at: archiveURL)
        log("word list: ingesting \(count) words")
        let (report, seconds) = try timed { try archive.ingest(IngestRequest(paths: [wordFolder])) }
        guard report.failed.isEmpty else { throw ToolError(description: "word list ingest failed: \(report.failed.prefix(3))") }
        result.ingestSeconds = seconds
        for warning in report.warnings where warning.message.contains("(likely)") || warning.message.contains("(certain)") {
            // One warning per word, naming the first few of its matches and counting them all.
            let counted = warning.message.hasPrefix("matches ") ? Int(warning.message.split(separator: " ")[1]) : nil
            let named = counted ?? 1
            result.falseWarnings += named
            if result.examples.count < 5 { result.examples.append("\(URL(fileURLWithPath: warning.file).lastPathComponent): \(warning.message)") }
        }
        result.falseGroups = try archive.duplicates().filter { ![.identicalBytes, .identicalSamples].contains($0.kind) }.count

        let ids = try archive.database!.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT original_name, id, duration_ms FROM recording")
                .map { ($0[0] as String, (id: $0[1] as Int64, durationMs: $0[2] as Int64)) })
        }
        result.meanSeconds = Double(ids.values.map(\.durationMs).reduce(0, +)) / Double(max(1, ids.count)) / 1000
        var lines = ["word\tduration_ms\tother\tother_duration_ms\tconfidence\taligned\tquery_hashes\tquery_start_ms\tquery_end_ms\toffset_ms\tquery_frames"]
        let lock = NSLock()
        parallelFor(files.count) { index in
            let name = files[index].lastPathComponent
            guard let own = ids[name], let landmarks = try? AudioAnalyzer.analyze(files[index], fingerprinting: true).fingerprint?.landmarks,
                  let matches = try? archive.identify(landmarks: landmarks, excluding: own.id) else { return }
            let frames = landmarks.map { String($0.frame) }.joined(separator: ",")
            lock.withLock {
                for match in matches {
                    if Accuracy.isConfident(match) { result.falseIdentified += 1 } else { result.possible += 1 }
                    result.mostAligned = max(result.mostAligned, match.alignedHashes)
                    lines.append("\(name)\t\(own.durationMs)\t\(match.recordingFile)\t\(match.recordingDurationMs)\t\(match.confidence)\t"
                                 + "\(match.alignedHashes)\t\(match.queryHashes)\t\(match.queryStartMs)\t\(match.queryEndMs)\t\(match.offsetMs)\t\(frames)")
                }
            }
        }

        // The first words again as MP3 at 32 kbps: each must be found as itself.
        let mp3Folder = folder.appendingPathComponent("mp3")
        try fm.createDirectory(at: mp3Folder, withIntermediateDirectories: true)
        let tried = Array(files.prefix(min(100, count)))
        result.reencoded = tried.count
        for file in tried {
            let mp3 = mp3Folder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".mp3")
            if !fm.fileExists(atPath: mp3.path) { try Tool.ffmpeg(["-i", file.path, "-c:a", "libmp3lame", "-b:a", "32k", mp3.path]) }
            let landmarks = try AudioAnalyzer.analyze(mp3, fingerprinting: true).fingerprint?.landmarks ?? []
            let matches = try archive.identify(landmarks: landmarks)
            let frames = landmarks.map { String($0.frame) }.joined(separator: ",")
            for match in matches {
                lines.append("\(mp3.lastPathComponent)\t0\t\(match.recordingFile)\t\(match.recordingDurationMs)\t\(match.confidence)\t"
                             + "\(match.alignedHashes)\t\(match.queryHashes)\t\(match.queryStartMs)\t\(match.queryEndMs)\t\(match.offsetMs)\t\(frames)")
            }
            if let top = matches.first, top.recordingFile == file.lastPathComponent {
                result.reencodedFirst += 1
                if Accuracy.isConfident(top) { result.reencodedFound += 1 }
            } else {
                log("word list: MISS \(mp3.lastPathComponent): top \(matches.first.map { "\($0.recordingFile) \($0.confidence) \($0.alignedHashes)/\($0.queryHashes)" } ?? "none")")
            }
        }
        if let dump { try (lines.joined(separator: "\n") + "\n").write(to: dump, atomically: true, encoding: .utf8) }
        for example in result.examples { log("word list: FALSE \(example)") }
        return result
    }

    /// The Markdown section of the word-list cell.
    static func report(_ result: Result) -> String {
        var table = MarkdownTable("Word list (\(result.words) different words of two syllables, one voice: espeak-ng `\(voice)`, a file each)", "value", rightAligned: true)
        table.add("mean length of a word", String(format: "%.2f s", result.meanSeconds))
        table.add("ingest, fingerprints and duplicate check included", String(format: "%.1f s", result.ingestSeconds))
        table.add("**likely/certain matches named in the ingest's warnings**", "**\(result.falseWarnings)**")
        table.add("groups `duplicates` finds (beyond identical bytes or samples)", String(result.falseGroups))
        table.add("`identify(landmarks:)` of each word against the others: likely/certain matches", String(result.falseIdentified))
        table.add("… possible matches; most aligned hashes on another word", "\(result.possible); \(result.mostAligned)")
        table.add("the first \(result.reencoded) words as MP3 32 kbps: found as themselves, likely or certain",
                  "\(result.reencodedFound)/\(result.reencoded)")
        table.add("… found as their top match at any confidence", "\(result.reencodedFirst)/\(result.reencoded)")
        return "#### Word list\n\n" + table.text
    }
}
