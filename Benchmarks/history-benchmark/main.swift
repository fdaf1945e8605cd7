// What provenance costs at ingest: two `dialect-archive` builds, the current one and the one
// before the audit trail's hash chain, change sets and revisions, run alternately on the same
// generated input, each run in a fresh archive:
//   - re-ingest of an unchanged metadata folder (1,000 sessions) into an archive that has it;
//   - ingest of 1,000 short recordings with transcripts and metadata into a new archive.
//
//     swift run -c release history-benchmark --current PATH --baseline PATH
//         [--sessions 1000] [--recordings 1000] [--runs 3] [--reingests 10] [--work DIR]
//
// scripts/history-benchmark.sh builds both binaries and runs this.
import BenchmarkSupport
import Foundation

guard let current = option("--current"), let baseline = option("--baseline") else {
    fail("usage: history-benchmark --current DIALECT_ARCHIVE --baseline DIALECT_ARCHIVE [--sessions N] [--recordings N] [--runs N] [--reingests N] [--work DIR]")
}
for binary in [current, baseline] where !FileManager.default.isExecutableFile(atPath: binary) {
    fail("\(binary) is not an executable")
}
let sessionCount = Int(option("--sessions") ?? "1000") ?? 1_000
let recordingCount = Int(option("--recordings") ?? "1000") ?? 1_000
let runs = Int(option("--runs") ?? "3") ?? 3
let reingests = Int(option("--reingests") ?? "10") ?? 10
let work = URL(fileURLWithPath: option("--work") ?? FileManager.default.temporaryDirectory.appendingPathComponent("history-benchmark").path)
guard sessionCount > 0, recordingCount > 0, runs > 0, reingests > 0 else { fail("--sessions, --recordings, --runs and --reingests take a positive number") }

func progress(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

progress("generating (or reusing) \(sessionCount) sessions and \(recordingCount) recordings in \(work.path)")
let workload = try Workload(work: work, sessions: sessionCount, recordings: recordingCount)
let archives = work.appendingPathComponent("archives")
let logs = work.appendingPathComponent("logs")
try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)

/// The measures of one build.
struct Costs {
    var metadataIngest: [ChildCost] = []
    var metadataReingest: [ChildCost] = []
    var recordingsIngest: [ChildCost] = []
}
/// The two builds, by name.
let binaries = ["baseline": baseline, "current": current]
var costs = ["baseline": Costs(), "current": Costs()]

func freshArchive(_ name: String, _ kind: String) -> String {
    let url = archives.appendingPathComponent("\(name)-\(kind)")
    try? FileManager.default.removeItem(at: url)
    try? FileManager.default.createDirectory(at: archives, withIntermediateDirectories: true)
    _ = run(binaries[name]!, ["init", "--archive", url.path], log: logs.appendingPathComponent("\(name)-\(kind)-init.log"))
    return url.path
}
func log(_ name: String, _ step: String, _ index: Int) -> URL { logs.appendingPathComponent("\(name)-\(step)-run\(index + 1).log") }

for index in 0..<runs {
    // Alternate which build goes first, so that neither always meets a warmer cache or a quieter machine.
    let order = index % 2 == 0 ? ["baseline", "current"] : ["current", "baseline"]
    var metadataArchives: [String: String] = [:]
    for name in order {
        metadataArchives[name] = freshArchive(name, "metadata")
        costs[name]!.metadataIngest.append(run(binaries[name]!, ["ingest", "--archive", metadataArchives[name]!, workload.metadata.path],
                                               log: log(name, "metadata-ingest", index)))
    }
    // A re-ingest takes well under a second, so each run takes several, the two builds taking turns.
    for _ in 0..<reingests {
        for name in order {
            costs[name]!.metadataReingest.append(run(binaries[name]!, ["ingest", "--archive", metadataArchives[name]!, workload.metadata.path],
                                                     log: log(name, "metadata-reingest", index)))
        }
    }
    for name in order {
        try FileManager.default.removeItem(atPath: metadataArchives[name]!)
        let archive = freshArchive(name, "recordings")
        costs[name]!.recordingsIngest.append(run(binaries[name]!, ["ingest", "--archive", archive, workload.recordings.path],
                                                 log: log(name, "recordings-ingest", index)))
        try FileManager.default.removeItem(atPath: archive)
        let last = costs[name]!
        progress(String(format: "  run %d, %@: metadata re-ingest %.2f s, recordings ingest %.2f s (processor %.2f s)", index + 1, name,
                        median(last.metadataReingest.suffix(reingests).map(\.wall)), last.recordingsIngest.last!.wall,
                        last.recordingsIngest.last!.processor))
    }
}
let baselineCosts = costs["baseline"]!, currentCosts = costs["current"]!

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
func grouped(_ n: Int) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.groupingSeparator = ","
    return formatter.string(from: NSNumber(value: n)) ?? String(n)
}

var table = MarkdownTable("measure (median)", "baseline", "current", "difference", "target", rightAligned: true)
@MainActor func row(_ measure: String, _ base: [Double], _ cur: [Double], target: Bool) {
    let b = median(base), c = median(cur)
    let difference = (c - b) / b * 100
    let verdict = !target ? "" : difference <= 10 ? "≤ 10 %: met" : "≤ 10 %: not met"
    table.add(measure, String(format: "%.2f s", b), String(format: "%.2f s", c), String(format: "%+.1f %%", difference), verdict)
}
let sessionsText = "\(grouped(sessionCount)) sessions", recordingsText = "\(grouped(recordingCount)) recordings"
row("first ingest of the metadata folder (\(sessionsText)), wall", baselineCosts.metadataIngest.map(\.wall), currentCosts.metadataIngest.map(\.wall), target: false)
row("re-ingest of the unchanged metadata folder (\(runs) × \(reingests)), wall", baselineCosts.metadataReingest.map(\.wall), currentCosts.metadataReingest.map(\.wall), target: true)
row("re-ingest of the unchanged metadata folder, processor", baselineCosts.metadataReingest.map(\.processor),
    currentCosts.metadataReingest.map(\.processor), target: true)
row("ingest of \(recordingsText) with transcripts and metadata (\(runs) runs), wall", baselineCosts.recordingsIngest.map(\.wall),
    currentCosts.recordingsIngest.map(\.wall), target: true)
row("ingest of \(recordingsText), processor", baselineCosts.recordingsIngest.map(\.processor),
    currentCosts.recordingsIngest.map(\.processor), target: true)

let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
print("## history-benchmark: \(ISO8601DateFormatter().string(from: Date()).prefix(10)), \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(load)")
print("")
print("- baseline: \(baseline)")
print("- current: \(current)")
print("- \(sessionsText) over \(Workload.localityCount) localities and \(grouped(Workload.speakerCount)) speakers; "
      + "\(recordingsText) of \(Workload.seconds) s (16 kHz mono 16-bit WAV) with a WebVTT transcript each; processor time is the child's user + system")
print("")
print(table.text)
print("")
func list(_ costs: [ChildCost]) -> String { costs.map { String(format: "%.2f", $0.wall) }.joined(separator: ", ") }
print("Each run, wall seconds: recordings ingest baseline \(list(baselineCosts.recordingsIngest)), current \(list(currentCosts.recordingsIngest)).")
