import BenchmarkSupport
@_spi(Benchmark) import DialectArchive
import Foundation
import GRDB

// Fingerprint benchmark: recall, offset error and false matches of `identify` on degraded
// excerpts of generated and real speech; index size; ingest overhead; `identify` latency
// against an index of many hours. Prints a Markdown report on stdout, progress on stderr.
//
//   fingerprint-benchmark [--quick] [--hours N] [--work DIR] [--seed N] [--per-cell N] [--corpus DIR]
//                         [--scale-queries N] [--words N] [--skip-accuracy] [--skip-word-list] [--skip-costs]
//                         [--skip-scale] [--only-identify] [--postgres ADDRESS] [--dump FILE] [--probe] [--reuse-index] [--keep]

struct Options {
    var quick = false
    var hours = 100.0
    var work: URL?
    var seed: UInt64 = 2024
    var perCell: Int?
    /// `../shared/corpus` from the package folder.
    var corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/corpus").standardized
    var scale = true
    var accuracy = true
    var costs = true
    var wordList = true
    var words: Int?
    var keep = false
    var scaleQueries = 60
    var dump: URL?
    var probe = false
    var reuseIndex = false
    var onlyIdentify = false
    var postgres: String?

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--quick": options.quick = true
            case "--hours": options.hours = number(value(), "--hours")
            case "--work": options.work = URL(fileURLWithPath: value())
            case "--seed": options.seed = number(value(), "--seed")
            case "--per-cell": options.perCell = number(value(), "--per-cell") as Int
            case "--corpus": options.corpus = URL(fileURLWithPath: value())
            case "--scale-queries": options.scaleQueries = number(value(), "--scale-queries")
            case "--skip-scale": options.scale = false
            case "--skip-accuracy": options.accuracy = false
            case "--skip-costs": options.costs = false
            case "--skip-word-list": options.wordList = false
            case "--words": options.words = number(value(), "--words") as Int
            case "--keep": options.keep = true
            case "--probe": options.probe = true
            case "--reuse-index": options.reuseIndex = true
            case "--only-identify": options.onlyIdentify = true
            case "--postgres": options.postgres = value()
            case "--dump": options.dump = URL(fileURLWithPath: value())
            case "-h", "--help":
                print("""
                    usage: fingerprint-benchmark [--quick] [--hours N] [--work DIR] [--seed N] [--per-cell N] [--corpus DIR]
                                                 [--scale-queries N] [--words N] [--skip-accuracy] [--skip-word-list]
                                                 [--skip-costs] [--skip-scale] [--only-identify] [--postgres ADDRESS]
                                                 [--dump FILE] [--probe] [--reuse-index] [--keep]
                      --quick          few recordings and queries, 1 hour index (unless --hours is given)
                      --hours N        hours of audio in the latency index (default 100)
                      --work DIR       keep generated audio and queries in DIR and reuse them on the next run
                      --per-cell N     positive queries per cell (default 40, quick 8)
                      --scale-queries N  excerpts timed against the many-hours index (default 60, at least 50)
                      --corpus DIR     real speech (default ../shared/corpus beside the package)
                      --words N        different short words of the word-list cell (default 2000, quick 300)
                      --dump FILE      write one tab-separated line per query to FILE (and per word-list match to FILE.words.tsv)
                      --probe          only measure how many landmarks of excerpts reappear (no archive)
                      --only-identify  against the many-hours index, time identify only (no duplicates, no ingest into copies)
                      --postgres ADDRESS  also load the many-hours index into PostgreSQL at ADDRESS (libpq's form; its
                                       landmarks are replaced) and time the same lookups there
                      --reuse-index    keep the many-hours index in --work and use it again next time
                                       (only while the fingerprint parameters stay the same)
                      --keep           keep the work folder (and the many-hours index)
                    """)
                exit(0)
            default: fail("unknown option \(arguments[i])")
            }
            i += 1
        }
        if options.quick, !arguments.contains("--hours") { options.hours = 1 }
        return options
    }
}

func number<T: LosslessStringConvertible>(_ text: String, _ option: String) -> T {
    guard let value = T(text) else { fail("\(option) takes a number") }
    return value
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(("fingerprint-benchmark: " + message + "\n").data(using: .utf8)!)
    exit(2)
}

func runBenchmark() throws {
    let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
    let fm = FileManager.default
    let work = options.work ?? fm.temporaryDirectory.appendingPathComponent("fingerprint-benchmark-\(getpid())")
    try fm.createDirectory(at: work, withIntermediateDirectories: true)
    defer { if options.work == nil && !options.keep { try? fm.removeItem(at: work) } }
    guard fm.fileExists(atPath: options.corpus.path) else { fail("no corpus at \(options.corpus.path); pass --corpus") }
    let started = now()

    var report: [String] = []
    report.append("### Fingerprints\n")
    report.append(String(format: "Landmark fingerprint version %d (%d Hz, FFT %d, hop %d = %.0f ms, fan-out %d); see `FingerprintParameters`.",
                         FingerprintParameters.version, FingerprintParameters.sampleRate, FingerprintParameters.fftSize,
                         FingerprintParameters.hop, FingerprintParameters.frameMs, FingerprintParameters.fanout))

    let set = try RecordingSet.make(in: work.appendingPathComponent(options.quick ? "set-quick" : "set"), corpus: options.corpus,
                                    quick: options.quick, seed: options.seed)
    let archivedSeconds = set.archived.reduce(0) { $0 + $1.seconds }
    // Long recordings as a field recorder writes them, made when first needed.
    let longCount = options.quick ? 2 : 3, longMinutes = options.quick ? 3.0 : 10.0
    func longRecordings() throws -> [Source] {
        try Costs.longRecordings(set.archived.filter { $0.kind == .generated }, folder: work.appendingPathComponent(
            options.quick ? "long-quick" : "long"), count: longCount, minutes: longMinutes)
    }
    let generated = set.archived.filter { $0.kind == .generated }
    report.append(String(format: "\nArchive: %d recordings, %.1f min — %d generated by espeak-ng in %d voices (%@), 30–120 s, WAV and FLAC; "
                         + "%d real (corpus: %@). Not in the archive: %d clips (%@).",
                         set.archived.count, archivedSeconds / 60, generated.count, Speech.archivedVoices.count,
                         Speech.archivedVoices.joined(separator: ", "), set.archived.count - generated.count,
                         set.archived.filter { $0.kind == .real }.map(\.name).joined(separator: ", "), set.negatives.count,
                         Array(Set(set.negatives.map(\.note))).sorted().joined(separator: "; ")))

    if options.probe {
        for seconds in [3.0, 5.0, 10.0] {
            print("\n" + (try Probe.run(set.archived, excerpts: options.quick ? 5 : 20, seconds: seconds, seed: options.seed)))
        }
        return
    }

    if options.accuracy || options.costs {
        let archiveURL = work.appendingPathComponent("archive")
        try? fm.removeItem(at: archiveURL)
        let archive = try Archive.create(at: archiveURL)
        log("ingesting \(set.archived.count) recordings")
        let cpuBefore = Costs.cpuSeconds()
        let (ingest, ingestSeconds) = try timed { try archive.ingest(IngestRequest(paths: [set.archivedFolder])) }
        let ingestCPU = Costs.cpuSeconds() - cpuBefore
        guard ingest.failed.isEmpty else { fail("ingest failed: \(ingest.failed)") }
        // All landmarks into the main index, as they are once an archive has grown (the queries
        // search both tables alike; the index is measured in one).
        try archive.mergeLandmarks()
        let ids = try archive.database!.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT original_name, id FROM recording").map { ($0[0] as String, $0[1] as Int64) })
        }

        if options.accuracy {
        let perCell = options.perCell ?? (options.quick ? 8 : 40)
        let perNegativeCell = options.quick ? 3 : 14
        let plan = QueryPlan(set: set, folder: work.appendingPathComponent("queries-\(options.quick ? "quick" : "full")-\(perCell)"),
                             perCell: perCell, perNegativeCell: perNegativeCell, seed: options.seed)
        try fm.createDirectory(at: plan.queries[0].url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try plan.materialise(babble: set.babble + set.negatives.filter { $0.kind == .real }, seed: options.seed)
        log("identifying \(plan.queries.count) queries")
        let outcomes = Accuracy.run(plan.queries, archive: archive, ids: ids)
        Accuracy.diagnose(outcomes)
        if let dump = options.dump { try Accuracy.dump(outcomes, to: dump) }
        report.append("\n" + Accuracy.report(outcomes))
        let verdict = Accuracy.verdict(outcomes)
        log(String(format: "verdict: overall %.2f%%, worst cell %.2f%%, false matches %d, offset p95 %.0f ms",
                   verdict.overall * 100, verdict.worstCell * 100, verdict.falseMatches, verdict.offsetP95))
        }

        if options.costs {
        log("measuring index size and ingest overhead")
        let index = try Costs.landmarkBytes(archive)
        let flac = try Costs.flacBytes(set.archived, folder: work.appendingPathComponent(options.quick ? "flac-quick" : "flac"))
        let flacTotal = flac.values.reduce(0, +)
        let flacGenerated = set.archived.filter { $0.kind == .generated }.reduce(Int64(0)) { $0 + flac[$1.name]! }
        let rowsGenerated = try archive.database!.read { db in
            try Int64.fetchOne(db, sql: "SELECT count(*) FROM landmark JOIN recording ON recording.id = landmark.recording_id WHERE original_name LIKE 'es-%'") ?? 0
        }
        let overhead = try Costs.overhead(set.archived, repeats: options.quick ? 1 : 3)
        var costs = MarkdownTable("Measure", "value", rightAligned: true)
        costs.add("landmark index (\(index.method))", String(format: "%@, %@ rows, %.1f bytes per row", megabytes(index.bytes), String(index.rows),
                                                          Double(index.bytes) / Double(max(1, index.rows))))
        costs.add("FLAC of the archived audio", megabytes(flacTotal))
        costs.add("**index / FLAC**", String(format: "**%.1f%%**", 100 * Double(index.bytes) / Double(flacTotal)))
        costs.add("index / FLAC, generated speech only (22.05 kHz mono)",
                  String(format: "%.1f%% (rows pro rata)", 100 * Double(index.bytes) * Double(rowsGenerated) / Double(max(1, index.rows)) / Double(flacGenerated)))
        costs.add("`AudioAnalyzer.analyze`, no fingerprints (decode, checksums)",
                  String(format: "%.2f s for %.0f s of audio", overhead.plain, overhead.audioSeconds))
        costs.add("`AudioAnalyzer.analyze`, landmarks + Chromaprint", String(format: "%.2f s", overhead.fingerprinted))
        let added = overhead.fingerprinted - overhead.plain
        costs.add("**fingerprinting adds to the analysis**", String(format: "**%.0f%%**", 100 * added / overhead.plain))
        costs.add("… landmarks alone (on decoded samples)", String(format: "%.2f s, %.0f× real time: %.0f%% of the analysis",
                                                                   overhead.landmarksOnly, overhead.audioSeconds / overhead.landmarksOnly,
                                                                   100 * overhead.landmarksOnly / overhead.plain))
        costs.add("… Chromaprint alone (on decoded samples)", String(format: "%.2f s, %.0f× real time: %.0f%% of the analysis",
                                                                      overhead.chromaprintOnly, overhead.audioSeconds / overhead.chromaprintOnly,
                                                                      100 * overhead.chromaprintOnly / overhead.plain))
        let fieldCopies = try Costs.fieldRecorderCopies(set.archived.filter { $0.kind == .generated },
                                                        folder: work.appendingPathComponent(options.quick ? "field-recorder-quick" : "field-recorder"))
        let field = try Costs.overhead(fieldCopies, repeats: options.quick ? 1 : 3, alone: false)
        costs.add("the generated speech as 48 kHz 24-bit stereo WAV: fingerprinting adds to the analysis",
                  String(format: "%.0f%% (%.2f s → %.2f s)", 100 * (field.fingerprinted - field.plain) / field.plain, field.plain, field.fingerprinted))
        let fieldIngests = try Costs.ingestOverhead(fieldCopies[0].url.deletingLastPathComponent(), scratch: work.appendingPathComponent("archive-timing"),
                                                    repeats: options.quick ? 2 : 5)
        costs.add("the same as 48 kHz 24-bit stereo WAV (\(fieldCopies.count) recordings of 30–120 s): **fingerprinting adds to the ingest**",
                  fieldIngests.summary)
        let ingests = try Costs.ingestOverhead(set.archivedFolder, scratch: work.appendingPathComponent("archive-timing"),
                                               repeats: options.quick ? 2 : 5)
        costs.add("whole ingest without fingerprints, 2 workers, each run in a fresh process (copy, fsync, analysis, database; median of \(options.quick ? 2 : 5))",
                  String(format: "%.2f s wall, %.2f s CPU", ingests.without.wall, ingests.without.cpu))
        costs.add("whole ingest with fingerprints (also storing the landmarks and looking for duplicates)",
                  String(format: "%.2f s wall, %.2f s CPU", ingests.with.wall, ingests.with.cpu))
        costs.add("**fingerprinting adds to the ingest**", String(format: "**%+.0f%% wall, %+.0f%% CPU**", 100 * ingests.addedWall, 100 * ingests.addedCPU))
        let long = try longRecordings()
        let longFolder = long[0].url.deletingLastPathComponent()
        let longAnalysis = try Costs.overhead(long, repeats: options.quick ? 1 : 3, alone: false)
        let longIngests = try Costs.ingestOverhead(longFolder, scratch: work.appendingPathComponent("archive-timing"),
                                                   repeats: options.quick ? 1 : 3)
        let longLabel = String(format: "%d recordings of %.0f min, 48 kHz 24-bit stereo WAV", longCount, longMinutes)
        costs.add("\(longLabel): fingerprinting adds to the analysis",
                  String(format: "%.0f%% (%.2f s → %.2f s)", 100 * (longAnalysis.fingerprinted - longAnalysis.plain) / longAnalysis.plain,
                         longAnalysis.plain, longAnalysis.fingerprinted))
        costs.add("\(longLabel): **fingerprinting adds to the ingest**", longIngests.summary)
        let words = options.quick ? 60 : 200
        let wordFolder = try Costs.wordList(folder: work.appendingPathComponent("words-\(words)"), count: words, seed: options.seed)
        let wordIngests = try Costs.ingestOverhead(wordFolder, scratch: work.appendingPathComponent("archive-timing"),
                                                   repeats: options.quick ? 2 : 5)
        costs.add("a word list: \(words) words of two syllables, a file each (1–2 s), 44.1 kHz 16-bit mono WAV: **fingerprinting adds to the ingest**",
                  wordIngests.summary)
        report.append("\n#### Index size and ingest time\n")
        report.append(costs.text)
        log(String(format: "costs: index %.1f%% of FLAC, analysis overhead %.0f%%, ingest overhead %+.0f%% wall, %+.0f%% CPU "
                   + "(first ingest %.2f s, %.2f s CPU); as 48 kHz 24-bit stereo: %+.0f%% wall, %+.0f%% CPU; "
                   + "long recordings: ingest overhead %+.0f%% wall, %+.0f%% CPU; word list: %+.0f%% wall, %+.0f%% CPU",
                   100 * Double(index.bytes) / Double(flacTotal), 100 * added / overhead.plain,
                   100 * ingests.addedWall, 100 * ingests.addedCPU, ingestSeconds, ingestCPU, 100 * fieldIngests.addedWall,
                   100 * fieldIngests.addedCPU, 100 * longIngests.addedWall, 100 * longIngests.addedCPU,
                   100 * wordIngests.addedWall, 100 * wordIngests.addedCPU))
        }
    }

    if options.wordList {
        let count = options.words ?? (options.quick ? 300 : 2000)
        let result = try WordList.run(count: count, seed: options.seed, folder: work.appendingPathComponent("word-list-\(count)"),
                                      archiveURL: work.appendingPathComponent("archive-words"),
                                      dump: options.dump.map { URL(fileURLWithPath: $0.path + ".words.tsv") })
        report.append("\n" + WordList.report(result))
        log("word list: \(result.falseWarnings) likely/certain matches in warnings, \(result.falseGroups) groups, "
            + "\(result.falseIdentified) likely/certain identified, re-encoded found \(result.reencodedFound)/\(result.reencoded)")
    }

    if options.scale {
        let real = RecordingSet.corpusArchived.map { options.corpus.appendingPathComponent($0) }
        let section = try Scale.run(Scale.Options(hours: options.hours, queries: max(50, options.scaleQueries), negatives: options.quick ? 10 : 30,
                                                  seed: options.seed, quick: options.quick, reuseIndex: options.reuseIndex,
                                                  keepIndex: options.keep || options.reuseIndex,
                                                  onlyIdentify: options.onlyIdentify, postgres: options.postgres,
                                                  ingest: options.onlyIdentify ? nil : try longRecordings()[0].url.deletingLastPathComponent()),
                                    folder: work.appendingPathComponent(options.quick ? "scale-quick" : "scale"), real: real, negatives: set.negatives)
        report.append("\n" + section)
    }
    report.append(String(format: "\n_Run took %.0f s on %d cores._", now() - started, ProcessInfo.processInfo.activeProcessorCount))
    print(report.joined(separator: "\n"))
}

do {
    let arguments = CommandLine.arguments
    if (5...6).contains(arguments.count), arguments[1] == "--time-ingest" {
        try Costs.timeIngest(URL(fileURLWithPath: arguments[2]), archive: URL(fileURLWithPath: arguments[3]), fingerprinting: arguments[4] == "on",
                             template: arguments.count == 6 ? URL(fileURLWithPath: arguments[5]) : nil)
    } else {
        try runBenchmark()
    }
} catch {
    fail("\(error)")
}
