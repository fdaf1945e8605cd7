import BenchmarkSupport
import DialectArchive
import Foundation

// postgres-benchmark: builds the PostgreSQL search index of an archive that search-benchmark
// made (`--archive PATH --write-queries FILE`), then asks both indexes the same queries and
// reports whether every answer is equal, and how fast each is.
//
//   swift run -c release postgres-benchmark --archive PATH --queries FILE --database postgres://…
//       [--rounds R] [--reuse] [--relevance-rounds R]
//
// `--relevance-rounds` (default 1; 0 leaves it out) times the same queries in relevance order
// (FTS5's bm25 on both), which scores every hit, not only a page's.
// scripts/postgres-benchmark.sh does all of it, with a throwaway PostgreSQL cluster.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("postgres-benchmark: \(message)\n".utf8))
    exit(2)
}
func progress(_ message: String) { FileHandle.standardError.write(Data((message + "\n").utf8)) }
func ms(_ seconds: Double) -> String { String(format: seconds * 1000 < 10 ? "%.2f" : "%.1f", seconds * 1000) }
func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(sorted.count - 1, max(0, rank))]
}

guard let archivePath = option("--archive"), let queriesPath = option("--queries"), let address = option("--database") else {
    fail("usage: postgres-benchmark --archive PATH --queries FILE --database postgres://… [--rounds R] [--reuse] [--relevance-rounds R]")
}
let rounds = Int(option("--rounds") ?? "3") ?? 3
let relevanceRounds = Int(option("--relevance-rounds") ?? "1") ?? 1
let reuse = CommandLine.arguments.contains("--reuse")

let archive = try Archive.open(at: URL(fileURLWithPath: archivePath))
let index = try PostgresSegmentIndex.open(address)
defer { index.close() }

// MARK: Build

let segments = try archive.stats(includeRestricted: true).segments
var buildLine = "reused (\(segments) segments)"
let alreadyIndexed = try index.indexedCount()
if !(reuse && alreadyIndexed == segments) {
    try index.removeAll()
    progress("indexing \(segments) segments in PostgreSQL")
    let (loaded, seconds) = try timed {
        try index.load(from: archive) { count in if count % 500_000 < 5_000 { progress("  \(count)") } }
    }
    buildLine = "\(loaded) segments in \(String(format: "%.0f", seconds)) s: \(Int(Double(loaded) / seconds)) segments/s"
}
let size = try index.sizeInBytes()

// MARK: Queries

struct Query { var kind: String; var text: String; var hits: Int; var parsed: SearchQuery; var filters = SearchFilters() }
let lines = try String(contentsOfFile: queriesPath, encoding: .utf8).split(separator: "\n").dropFirst()
var queries: [Query] = try lines.compactMap { line in
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    guard fields.count == 3 else { return nil }
    return Query(kind: fields[0], text: fields[1], hits: Int(fields[2]) ?? -1, parsed: try SearchQuery(fields[1]))
}
// Filtered queries: the one-character queries, each with a dialect group and a speaker role
// in turn (as search-benchmark's filtered queries), answered through the catalogue.
let groups = Array(Set(try archive.localities().compactMap(\.dialectGroup))).sorted()
let roles = Array(Set(try archive.speakers(includeRestricted: true).compactMap(\.role))).sorted()
let filtered: [Query] = groups.isEmpty || roles.isEmpty ? [] : queries.filter { $0.kind == "one" }.enumerated().map { n, query in
    var filtered = query
    filtered.kind = "filtered"
    filtered.filters.dialect = groups[n % groups.count]
    filtered.filters.role = roles[(n / groups.count) % roles.count]
    filtered.text = "\(query.text) dialect=\(filtered.filters.dialect!) role=\(filtered.filters.role!)"
    return filtered
}
queries += filtered
let kinds = ["one", "two", "three", "ipa", "filtered"].filter { kind in queries.contains { $0.kind == kind } }
guard !kinds.isEmpty else { fail("\(queriesPath) has no one, two, three or ipa queries") }
// The filtered queries need the catalogue in PostgreSQL; a reused database keeps the copy.
var catalogueLine = "kept from a run before"
if !filtered.isEmpty {
    do {
        progress("copying the catalogue into PostgreSQL for the filtered queries")
        let copied = try DatabaseMigration.copy(archive, to: address, catalogueOnly: true)
        let rows = copied.tables.map(\.rows).reduce(0, +)
        catalogueLine = "\(rows) rows in \(String(format: "%.0f", copied.seconds)) s"
    } catch DatabaseMigrationError.notEmpty {
        progress("  the catalogue is there from a run before")
    }
}

progress("checking that both indexes give the same 50 first hits of every query")
var unequal: [String] = []
for query in queries where kinds.contains(query.kind) {
    let sqlite = try archive.searchSegmentIDs(query.parsed, filters: query.filters, limit: 50, includeRestricted: true)
    let postgres = try index.segmentIDs(query.parsed, filters: query.filters, limit: 50)
    if sqlite != postgres { unequal.append(query.text) }
}

var table = MarkdownTable("query type", "queries", "answers equal", "SQLite p50 / p95 / p99 ms", "PostgreSQL p50 / p95 / p99 ms", "PostgreSQL p95 ≤ 10 ms")
var slowest: (seconds: Double, query: Query)?
var slowestOfKind: [String] = []
for kind in kinds {
    let mix = queries.filter { $0.kind == kind }
    var sqliteTimes: [Double] = [], postgresTimes: [Double] = []
    for _ in 0..<rounds {
        for query in mix {
            sqliteTimes.append(try timed { try archive.searchSegmentIDs(query.parsed, filters: query.filters, limit: 50, includeRestricted: true) }.1)
            let seconds = try timed { try index.segmentIDs(query.parsed, filters: query.filters, limit: 50) }.1
            postgresTimes.append(seconds)
            if seconds > (slowest?.seconds ?? 0) { slowest = (seconds, query) }
        }
    }
    let longest = mix.indices.map { i in (0..<rounds).map { postgresTimes[$0 * mix.count + i] }.max()! }
    let worst = mix.indices.sorted { longest[$0] > longest[$1] }.prefix(3).map { "\(mix[$0].text) (\(mix[$0].hits) hits) \(ms(longest[$0])) ms" }
    slowestOfKind.append("\(kind): \(worst.joined(separator: ", "))")
    let equal = mix.filter { !unequal.contains($0.text) }.count
    func figures(_ times: [Double]) -> String { [50.0, 95, 99].map { ms(percentile(times, $0)) }.joined(separator: " / ") }
    table.add(kind, "\(mix.count)", "\(equal) of \(mix.count)", figures(sqliteTimes), figures(postgresTimes),
              percentile(postgresTimes, 95) <= 0.010 ? "met" : "not met")
}

// MARK: Relevance order

var relevance = MarkdownTable("query type, relevance order", "queries", "answers equal", "SQLite p50 / p95 / p99 ms", "PostgreSQL p50 / p95 / p99 ms")
var slowestByRelevance: [String] = []
if relevanceRounds > 0 {
    progress("timing relevance order")
    for kind in kinds {
        let mix = queries.filter { $0.kind == kind }
        var sqliteTimes: [Double] = [], postgresTimes: [Double] = [], equal = Set<String>()
        var longest: [(Double, Query)] = []
        for round in 0..<relevanceRounds {
            for query in mix {
                let (sqlite, s) = try timed {
                    try archive.searchSegmentIDs(query.parsed, filters: query.filters, order: .relevance, limit: 50, includeRestricted: true)
                }
                let (postgres, p) = try timed { try index.segmentIDs(query.parsed, filters: query.filters, order: .relevance, limit: 50) }
                sqliteTimes.append(s)
                postgresTimes.append(p)
                if round == 0, sqlite == postgres { equal.insert(query.text) }
                longest.append((p, query))
            }
        }
        func figures(_ times: [Double]) -> String { [50.0, 95, 99].map { ms(percentile(times, $0)) }.joined(separator: " / ") }
        relevance.add(kind, "\(mix.count)", "\(equal.count) of \(mix.count)", figures(sqliteTimes), figures(postgresTimes))
        let worst = longest.sorted { $0.0 > $1.0 }.prefix(3).map { "\($0.1.text) (\($0.1.hits) hits) \(ms($0.0)) ms" }
        slowestByRelevance.append("\(kind): \(worst.joined(separator: ", "))")
    }
}

// MARK: Counts

var counts = MarkdownTable("count of", "hits", "equal", "SQLite ms (median of 3)", "PostgreSQL ms (median of 3)")
let common = queries.filter { ["one", "two", "three", "ipa"].contains($0.kind) }.max { $0.hits < $1.hits }!
let rare = queries.filter { $0.kind == "two" && $0.hits > 0 }.min { $0.hits < $1.hits } ?? common
for (label, query) in [("common: \(common.text)", common), ("rare: \(rare.text)", rare)] {
    var sqliteTimes: [Double] = [], postgresTimes: [Double] = []
    var sqliteCount = 0, postgresCount = 0
    for _ in 0..<3 {
        let (a, s) = try timed { try archive.countHits(query.parsed, includeRestricted: true) }
        let (b, p) = try timed { try index.count(query.parsed) }
        (sqliteCount, postgresCount) = (a, b)
        sqliteTimes.append(s); postgresTimes.append(p)
    }
    counts.add(label, "\(sqliteCount)", sqliteCount == postgresCount ? "yes" : "no (\(postgresCount))",
               ms(percentile(sqliteTimes, 50)), ms(percentile(postgresTimes, 50)))
}

print("PostgreSQL index: \(buildLine); \(String(format: "%.1f", Double(size) / 1_048_576)) MiB (table and indexes)")
if !filtered.isEmpty { print("catalogue copied for the filtered queries: \(catalogueLine)") }
print("")
print(table.text)
print("")
if relevanceRounds > 0 {
    print(relevance.text)
    print("\nslowest PostgreSQL queries in relevance order:")
    for line in slowestByRelevance { print("  " + line) }
    print("")
}
print(counts.text)
if !unequal.isEmpty { print("\nqueries whose first 50 hits differ: \(unequal.prefix(20).joined(separator: " "))") }
print("\nslowest PostgreSQL queries of each type (slowest of \(rounds) rounds):")
for line in slowestOfKind { print("  " + line) }
if let slowest {
    print("\nslowest PostgreSQL query: \(slowest.query.text) (\(slowest.query.kind), \(slowest.query.hits) hits), \(ms(slowest.seconds)) ms; its plan now:")
    if slowest.query.filters == SearchFilters() { print(try index.plan(slowest.query.parsed)) }
}
