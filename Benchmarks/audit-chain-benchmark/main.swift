// Audit trail hash chain cost: fills an archive's trail with a million events, appended through
// the chain, times checking the whole chain, and compares the cost of appending an event with
// and without the chain.
//
//     swift run -c release audit-chain-benchmark [--events 1000000] [--change-sets-every 10] [--keep]
import BenchmarkSupport
@_spi(Benchmark) import DialectArchive
import Foundation
import GRDB

let arguments = CommandLine.arguments
let count = Int(option("--events") ?? "1000000") ?? 1_000_000
let keep = arguments.contains("--keep")
/// Every this many events, one carries a change set, as an `edit` or a re-read metadata row does.
let changeSetsEvery = max(1, Int(option("--change-sets-every") ?? "10") ?? 10)
let root = FileManager.default.temporaryDirectory.appendingPathComponent("audit-chain-benchmark-\(UUID().uuidString.prefix(8))")
defer { if !keep { try? FileManager.default.removeItem(at: root) } }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

/// An event shaped like an ingest's: a summary line and details with counts and file names
/// (stamped once, so that the timings are of storing events, not of making them).
let stamped = AuditEvent(kind: "ingest", summary: "", details: [:])
func event(_ index: Int) -> AuditEvent {
    var event = stamped
    event.kind = index % 3 == 0 ? "verify" : "ingest"
    event.summary = "ingest: \(index % 17) recordings added, \(index % 5) transcripts, 0 failed"
    event.details = """
        {"added":\(index % 17),"bytes":\(index * 4096),"collection":"吴语调查 \(index % 40)","failed":[],\
        "sources":["/field/2023/HZ-\(index).wav","/field/2023/HZ-\(index).eaf"]}
        """
    return event
}

/// A change set as a corrected speakers.csv row leaves: two fields before and after.
func changeSet(_ index: Int) -> ChangeSet {
    ChangeSet(recordKind: .speaker, recordId: "HZ-S\(index % 2000)", action: .changed, source: "speakers.csv line \(index % 2000 + 2)",
              fields: [.init(field: "birth_year", before: "19\(40 + index % 50)", after: "19\(41 + index % 50)"),
                       .init(field: "occupation", before: "退休工人", after: "退休教师")])
}

let batch = 10_000
/// Appends `count` events in transactions of `batch`, through the chain or as plain rows.
func fill(_ archive: Archive, chained: Bool) throws {
    var index = 0
    while index < count {
        try archive.database!.write { db in
            for i in index..<min(count, index + batch) {
                let e = event(i)
                if chained {
                    try AuditChain.append(db, kind: e.kind, at: e.at, user: e.user, host: e.host, workingDirectory: e.workingDirectory,
                                          arguments: e.arguments, summary: e.summary, details: e.details,
                                          changeSets: i % changeSetsEvery == 0 ? [changeSet(i)] : [])
                } else {
                    // The same row as the chain's, through the same kind of statement, without the hashes.
                    try db.cachedStatement(sql: """
                        INSERT INTO event (kind, at, user, host, working_directory, arguments, summary, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [e.kind, e.at, e.user, e.host, e.workingDirectory, e.arguments, e.summary, e.details])
                }
            }
        }
        index += batch
    }
}

print("appending \(count) events (one in \(changeSetsEvery) with a change set) to two archives in \(root.path), with and without the chain")
let chained = try Archive.create(at: root.appendingPathComponent("chained"))
let plain = try Archive.create(at: root.appendingPathComponent("plain"))
let chainedSeconds = try seconds { try fill(chained, chained: true) }
let plainSeconds = try seconds { try fill(plain, chained: false) }

/// Processor time used by this process so far, all threads, user and system.
func processorSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

var trail: AuditTrailReport!
let processorBefore = processorSeconds()
let checkSeconds = try seconds { trail = try chained.checkAuditTrail() }
let checkProcessorSeconds = processorSeconds() - processorBefore
precondition(trail.unbroken && trail.events == count + 1, "the chain should be unbroken over every event")

let perEvent = { (s: Double) in s / Double(count) * 1e6 }
print("")
print("| what | time | per event |")
print("|---|---|---|")
print(String(format: "| append %d events without the chain | %.1f s | %.1f µs |", count, plainSeconds, perEvent(plainSeconds)))
print(String(format: "| append %d events with the chain | %.1f s | %.1f µs |", count, chainedSeconds, perEvent(chainedSeconds)))
print(String(format: "| check the chain over %d events (%d cores) | %.2f s | %.2f µs |", trail.events,
             ProcessInfo.processInfo.activeProcessorCount, checkSeconds, perEvent(checkSeconds)))
print(String(format: "| processor time of the check, all cores | %.2f s | %.2f µs |", checkProcessorSeconds, perEvent(checkProcessorSeconds)))
print(String(format: "\nthe chain adds %.1f µs to each appended event; checking %d events took %.2f s (target: under 5 s)",
             perEvent(chainedSeconds - plainSeconds), trail.events, checkSeconds))
