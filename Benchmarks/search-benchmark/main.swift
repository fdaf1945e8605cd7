import BenchmarkSupport
@_spi(Benchmark) import DialectArchive
import Foundation
import GRDB

// search-benchmark: builds an archive of generated segments (1,000,000 by default) and
// measures, inside the process, how fast and how exactly it is searched.
//
//   swift run -c release search-benchmark [--segments N] [--archive PATH] [--keep]
//       [--queries Q] [--rounds R] [--cli-runs N] [--seed S] [--no-trigram] [--write-queries FILE]

// MARK: Options

struct Options {
    var segments = 1_000_000
    var archive: String?
    var keep = false
    var queries = 250
    var rounds = 2
    var cliRuns = 5
    var seed: UInt64 = 20_240_601
    var trigram = true
    var batch = 50_000
    var queriesFile: String?

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        func value(_ name: String) -> String {
            guard let next = iterator.next() else { fail("\(name) needs a value") }
            return next
        }
        func number(_ name: String) -> Int {
            let text = value(name).replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
            guard let n = Int(text), n > 0 else { fail("\(name) needs a positive number, not \(text)") }
            return n
        }
        while let argument = iterator.next() {
            switch argument {
            case "--segments": segments = number(argument)
            case "--archive": archive = value(argument)
            case "--keep": keep = true
            case "--queries": queries = max(10, number(argument))
            case "--rounds": rounds = number(argument)
            case "--cli-runs": cliRuns = number(argument)
            case "--seed": seed = UInt64(number(argument))
            case "--batch": batch = number(argument)
            case "--no-trigram": trigram = false
            case "--write-queries": queriesFile = value(argument)
            case "-h", "--help":
                print("""
                usage: search-benchmark [--segments N] [--archive PATH] [--keep] [--queries Q] [--rounds R]
                                        [--cli-runs N] [--seed S] [--batch N] [--no-trigram] [--write-queries FILE]
                  --segments N   segments to generate (default 1000000)
                  --archive PATH build the archive here (must not exist or be empty) instead of a temporary folder
                  --keep         keep the archive afterwards (always kept with --archive)
                  --queries Q    distinct queries per query type (default 250)
                  --rounds R     timed passes over the queries (default 2)
                  --cli-runs N   runs of the command line search (default 5)
                  --no-trigram   skip building the comparison trigram index
                  --write-queries FILE
                                 write the one-, two- and three-character and IPA queries and the
                                 commonest word (kind, text, hits; tab-separated) and stop once the
                                 archive is built
                """)
                exit(0)
            default: fail("unknown argument \(argument) (see --help)")
            }
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("search-benchmark: \(message)\n".utf8))
    exit(2)
}


let options = Options(Array(CommandLine.arguments.dropFirst()))
let startedAt = Date()
let fm = FileManager.default

// MARK: Archive location

let archiveURL: URL
let removeAtEnd: Bool
if let path = options.archive {
    archiveURL = URL(fileURLWithPath: path).standardizedFileURL
    if fm.fileExists(atPath: archiveURL.path), !((try? fm.contentsOfDirectory(atPath: archiveURL.path))?.isEmpty ?? false) {
        fail("\(archiveURL.path) exists and is not empty; give a new folder")
    }
    removeAtEnd = false
} else {
    archiveURL = fm.temporaryDirectory.appendingPathComponent("search-benchmark-\(getpid())")
    removeAtEnd = !options.keep
}

// MARK: Generate and insert

progress("generating vocabularies and readings (seed \(options.seed))")
let corpus = Corpus(seed: options.seed)
if !corpus.droppedVocabulary.isEmpty {
    progress("  left out of the vocabulary because ICU Hant-Hans changes them: \(corpus.droppedVocabulary.joined())")
}
if !corpus.droppedPairs.isEmpty {
    progress("  traditional pairs left out (ICU disagrees or not in vocabulary): \(corpus.droppedPairs.joined(separator: " "))")
}
let truth = GroundTruth(vocabularySize: corpus.vocabulary.count, keyCount: corpus.syllableKeys.count, toneCount: corpus.tones.count)

// Two- and three-character targets, chosen before generation: words across the frequency
// ranks, some random pairs and triples (mostly rare or absent).
var targetRandom = SeededRandom(seed: options.seed ^ 0x7A26E7)
var twoCharacterTargets: [Int] = [], threeCharacterTargets: [Int] = []
let spreadCount = options.queries - options.queries / 10
for i in 0..<spreadCount {
    twoCharacterTargets.append(truth.addTarget(corpus.words2[i * (corpus.words2.count - 1) / max(1, spreadCount - 1)]))
    threeCharacterTargets.append(truth.addTarget(corpus.words3[i * (corpus.words3.count - 1) / max(1, spreadCount - 1)]))
}
while twoCharacterTargets.count < options.queries {
    let target = truth.addTarget([Int32(targetRandom.int(1500)), Int32(targetRandom.int(1500))])
    if !twoCharacterTargets.contains(target) { twoCharacterTargets.append(target) }
}
while threeCharacterTargets.count < options.queries {
    let target = truth.addTarget([Int32(targetRandom.int(800)), Int32(targetRandom.int(800)), Int32(targetRandom.int(800))])
    if !threeCharacterTargets.contains(target) { threeCharacterTargets.append(target) }
}

progress("creating the archive at \(archiveURL.path)")
let archive = try Archive.create(at: archiveURL)
let ingestedAt = "2024-06-01T00:00:00.000Z"
let decoder = JSONDecoder()
let factsTemplate = try decoder.decode(AudioFacts.self, from: Data("""
    {"container":"wav","codec":"pcm_s24le","sampleRate":48000,"channels":1,"bitsPerSample":24,"frames":0,"size":0,
     "sha256":"","audioSHA256":"","warnings":[]}
    """.utf8))
let segmentTemplate = try decoder.decode(Segment.self, from: Data("""
    {"transcriptId":0,"tier":"","tierIndex":0,"tierKind":"","tierType":"","startMs":0,"endMs":0,"text":""}
    """.utf8))
let transcriptTemplate = try decoder.decode(TranscriptFile.self, from: Data("""
    {"sessionId":"","format":"eaf","encoding":"UTF-8","storedPath":"","originalName":"","sourcePath":"","size":0,"sha256":"",
     "tierCount":0,"segmentCount":0,"longestSegmentMs":0,"ingestedAt":"\(ingestedAt)","revision":1}
    """.utf8))

func hex64(_ n: Int, _ salt: UInt64) -> String {
    var random = SeededRandom(seed: UInt64(n) &* 0x9E37_79B9 ^ salt)
    return (0..<4).map { _ in
        let h = String(random.next(), radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h
    }.joined()
}

// Collection, localities and speakers.
let speakerIds = corpus.localities.map { locality in ["OM", "YM", "OF", "YF"].map { "\(locality.id)-\($0)" } }
try archive.database!.write { db in
    try ArchiveCollection(id: "bench", title: "生成的方言调查 (search benchmark)", createdAt: ingestedAt).insert(db)
    var random = SeededRandom(seed: options.seed ^ 0x5EA4E2)
    for spec in corpus.localities {
        var locality = Locality(id: spec.id, name: spec.name)
        locality.province = spec.province
        locality.county = spec.name
        locality.dialectGroup = dialectGroups[spec.group].name
        locality.dialectSubgroup = spec.subgroup
        locality.dialectCluster = spec.cluster
        locality.latitude = 20 + random.unit() * 25
        locality.longitude = 100 + random.unit() * 22
        locality.adminCode = String(format: "%06d", 110_000 + random.int(540_000))
        try locality.insert(db)
        for (r, role) in roles.enumerated() {
            var speaker = Speaker(id: speakerIds[Int(spec.id.dropFirst())! - 1][r])
            speaker.name = "发音人\(spec.id)-\(r + 1)"
            speaker.role = role
            speaker.sex = r % 2 == 0 ? "m" : "f"
            speaker.birthYear = r % 2 == 0 ? 1940 + random.int(20) : 1980 + random.int(16)
            speaker.localityId = spec.id
            speaker.consentDate = "2019-05-01"
            try speaker.insert(db)
        }
    }
}

struct PendingTranscript {
    var session: Session
    var participants: [SessionParticipant]
    var recording: Recording
    var transcript: TranscriptFile
    var segments: [Segment]
}

let annotationsPerContent: [String: ClosedRange<Int>] = ["单字": 60...140, "词汇": 60...140, "语法": 30...70, "话语": 20...60, "口头文化": 10...50]
var sessionIndex = 0
var nextSegmentId: Int64 = 1
var inserted = 0
var insertSeconds = 0.0
var sessions = 0
progress("inserting \(grouped(options.segments)) segments in transactions of about \(grouped(options.batch))")
while inserted < options.segments {
    var batch: [PendingTranscript] = []
    var batchSegments = 0
    while batchSegments < options.batch, inserted + batchSegments < options.segments {
        let k = sessionIndex
        sessionIndex += 1
        let spec = corpus.localities[k % corpus.localities.count]
        let roleIndex = (k / corpus.localities.count) % roles.count
        let content = contentTypes[(k / (corpus.localities.count * roles.count)) % contentTypes.count]
        let combo = spec.group * roles.count + roleIndex
        let speakerId = speakerIds[Int(spec.id.dropFirst())! - 1][roleIndex]
        let tiers: [(name: String, kind: String, type: String)] = content == "语法"
            ? [("汉字", "orthography", "interval"), ("IPA", "ipa", "ref"), ("gloss", "gloss", "ref"), ("translation", "translation", "ref")]
            : [("汉字", "orthography", "interval"), ("IPA", "ipa", "ref"), ("translation", "translation", "ref")]
        let remaining = options.segments - inserted - batchSegments
        let count = min(corpus.random.int(in: annotationsPerContent[content]!), (remaining + tiers.count - 1) / tiers.count)
        let annotations = (0..<count).map { corpus.annotation(locality: spec, content: content, item: $0 + 1) }

        let sessionId = "S\(k + 1)"
        var session = Session(id: sessionId, collectionId: "bench")
        session.title = "\(spec.name) \(roles[roleIndex]) \(content)"
        session.date = String(format: "%04d-%02d-%02d", 2015 + k % 9, 1 + k % 12, 1 + k % 28)
        session.localityId = spec.id
        session.contentType = content
        session.recorder = "调查员\(k % 17 + 1)"
        let durationMs = Int64(count) * 3000 + 1000
        var facts = factsTemplate
        facts.sha256 = hex64(k, 1)
        facts.audioSHA256 = hex64(k, 2)
        facts.frames = durationMs * 48
        facts.size = facts.frames * 3 + 44
        var recording = Recording(sessionId: sessionId, storedPath: "recordings/bench/\(sessionId)/\(sessionId).wav",
                                  originalName: "\(sessionId).wav", sourcePath: "/field/\(sessionId).wav", facts: facts, ingestedAt: ingestedAt)
        recording.id = Int64(k + 1)
        var transcript = transcriptTemplate
        transcript.id = Int64(k + 1)
        transcript.recordingId = recording.id
        transcript.sessionId = sessionId
        transcript.storedPath = "transcripts/bench/\(sessionId)/\(sessionId).eaf"
        transcript.originalName = "\(sessionId).eaf"
        transcript.sourcePath = "/field/\(sessionId).eaf"
        transcript.sha256 = hex64(k, 3)
        transcript.tierCount = tiers.count

        var segments: [Segment] = []
        tierLoop: for (tierIndex, tier) in tiers.enumerated() {
            for (i, annotation) in annotations.enumerated() {
                guard segments.count < remaining else { break tierLoop }
                let text: String
                switch tier.kind {
                case "orthography": text = annotation.orthography
                case "ipa": text = annotation.ipa
                case "gloss": text = annotation.gloss ?? ""
                default: text = annotation.translation
                }
                var segment = segmentTemplate
                segment.id = nextSegmentId
                segment.transcriptId = transcript.id!
                segment.recordingId = recording.id
                segment.tier = tier.name
                segment.tierIndex = tierIndex
                segment.tierKind = tier.kind
                segment.tierType = tier.type
                segment.participant = speakerId
                segment.speakerId = speakerId
                segment.startMs = Int64(i) * 3000 + 500
                segment.endMs = Int64(i) * 3000 + 3000
                segment.text = text
                segment.itemNumber = tier.kind == "orthography" ? annotation.itemNumber : nil
                switch tier.kind {
                case "orthography": truth.recordOrthography(id: nextSegmentId, annotation, combo: combo)
                case "ipa": truth.recordIPA(id: nextSegmentId, annotation)
                default: break
                }
                segments.append(segment)
                nextSegmentId += 1
            }
        }
        transcript.segmentCount = segments.count
        transcript.longestSegmentMs = segments.map { $0.endMs - $0.startMs }.max() ?? 0
        transcript.size = Int64(segments.reduce(0) { $0 + $1.text.utf8.count + 120 })
        batchSegments += segments.count
        batch.append(PendingTranscript(
            session: session,
            participants: [SessionParticipant(sessionId: sessionId, speakerId: speakerId, name: nil, role: "speaker"),
                           SessionParticipant(sessionId: sessionId, speakerId: nil, name: session.recorder, role: "recorder")],
            recording: recording, transcript: transcript, segments: segments))
    }
    let (_, seconds) = try timed {
        try archive.database!.write { db in
            for var pending in batch {
                try pending.session.insert(db)
                for participant in pending.participants { try participant.insert(db) }
                try pending.recording.insert(db)
                try pending.transcript.insert(db)
                for index in pending.segments.indices { try pending.segments[index].insert(db) }
            }
        }
    }
    insertSeconds += seconds
    inserted += batchSegments
    sessions += batch.count
    progress("  \(grouped(inserted)) segments, \(rate(inserted, insertSeconds)) segments/s so far")
}
_ = try archive.database!.writeWithoutTransaction { try $0.checkpoint(.truncate) }

// MARK: Index build and size

func scalar<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
    try archive.database!.read { db in try T.fetchOne(db, sql: sql, arguments: arguments) }
}

let segmentCount: Int = try scalar("SELECT count(*) FROM segment") ?? 0
let textBytes: Int64 = try scalar("SELECT sum(length(CAST(text AS BLOB))) FROM segment") ?? 0
let orthographyBytes: Int64 = try scalar("SELECT sum(length(CAST(text AS BLOB))) FROM segment WHERE tier_kind = 'orthography'") ?? 0
let hasDbstat = (try? archive.database!.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM dbstat WHERE name = 'segment'") }) != nil

/// Bytes of the pages of the tables whose names start with `prefix` (their shadow tables).
func indexBytes(_ prefix: String) throws -> Int64 {
    if hasDbstat {
        return try scalar("SELECT sum(pgsize) FROM dbstat WHERE name LIKE ? || '%'", [prefix]) ?? 0
    }
    // Without dbstat: the bytes stored in the shadow tables (a slight underestimate).
    return try archive.database!.read { db in
        var total: Int64 = 0
        for (table, column) in [("_data", "block"), ("_idx", "term"), ("_docsize", "sz")] {
            total += try Int64.fetchOne(db, sql: "SELECT sum(length(\(column)) + 16) FROM \(prefix)\(table)") ?? 0
        }
        return total
    }
}

progress("measuring the index built by the triggers")
let sizeAfterInsert = try indexBytes("segment_fts")
progress("rebuilding the index alone")
let (_, rebuildSeconds) = try timed {
    try archive.database!.write { db in try db.execute(sql: "INSERT INTO segment_fts(segment_fts) VALUES('rebuild')") }
}
_ = try archive.database!.writeWithoutTransaction { try $0.checkpoint(.truncate) }
let indexSize = try indexBytes("segment_fts")
let archiveFileSize = (try? fm.attributesOfItem(atPath: archiveURL.appendingPathComponent("archive.sqlite").path)[.size] as? Int64) ?? nil

// MARK: Queries

enum QueryKind: String, CaseIterable {
    case one = "one character"
    case two = "two characters"
    case three = "three characters"
    case ipa = "IPA syllable"
    case filtered = "filtered (dialect group + role)"
}

struct BenchQuery {
    var kind: QueryKind
    var text: String
    var parsed: SearchQuery
    var filters = SearchFilters()
    var expected: Fingerprint
    /// For sequences: the hits if punctuation between characters is ignored.
    var adjacent: Fingerprint?
    var sequence: [Int32]?
    var group: String?
    var role: String?
}

var queryRandom = SeededRandom(seed: options.seed ^ 0x0BE5)
/// `n` items evenly spaced over the list (which is ordered by frequency), from the first to the last.
func spread<T>(_ items: [T], _ n: Int, shift: Double = 0) -> [T] {
    guard items.count > n else { return items }
    let step = Double(items.count - 1) / Double(max(1, n - 1))
    return (0..<n).map { items[min(items.count - 1, Int((Double($0) + shift) * step))] }
}
@MainActor func queryText(_ characters: [Int32]) -> String {
    corpus.write(characters, traditional: queryRandom.chance(0.15))
}

var queries: [QueryKind: [BenchQuery]] = [:]
let characterCounts: [Int64] = truth.character.map(\.count)
let charactersByFrequency: [Int] = Array(0..<corpus.vocabulary.count).filter { (c: Int) -> Bool in characterCounts[c] > 0 }
    .sorted { (a: Int, b: Int) -> Bool in characterCounts[a] > characterCounts[b] }
queries[.one] = try spread(charactersByFrequency, options.queries).map { (c: Int) -> BenchQuery in
    let text = queryText([Int32(c)])
    return BenchQuery(kind: .one, text: text, parsed: try SearchQuery(text), expected: truth.character[c], sequence: [Int32(c)])
}
for (kind, targets) in [(QueryKind.two, twoCharacterTargets), (.three, threeCharacterTargets)] {
    queries[kind] = try targets.map { target in
        let text = queryText(truth.targets[target])
        return BenchQuery(kind: kind, text: text, parsed: try SearchQuery(text), expected: truth.strict[target],
                          adjacent: truth.adjacent[target], sequence: truth.targets[target])
    }
}
let syllableCounts: [Int64] = truth.syllable.map(\.count)
let tonedCounts: [Int64] = truth.tonedSyllable.map(\.count)
let keysByFrequency: [Int] = Array(0..<syllableCounts.count).filter { (k: Int) -> Bool in syllableCounts[k] > 0 }
    .sorted { (a: Int, b: Int) -> Bool in syllableCounts[a] > syllableCounts[b] }
let tonedByFrequency: [Int] = Array(0..<tonedCounts.count).filter { (k: Int) -> Bool in tonedCounts[k] > 0 }
    .sorted { (a: Int, b: Int) -> Bool in tonedCounts[a] > tonedCounts[b] }
var ipaQueries: [BenchQuery] = []
for key in spread(keysByFrequency, options.queries / 2) {
    let text = corpus.syllableKeys[key]
    ipaQueries.append(BenchQuery(kind: .ipa, text: text, parsed: try SearchQuery(text), expected: truth.syllable[key]))
}
for index in spread(tonedByFrequency, options.queries - options.queries / 2) {
    let notation = queryRandom.pick(ToneNotation.allCases)
    let text = corpus.syllableKeys[index / truth.toneCount] + notation.render(corpus.tones[index % truth.toneCount])
    ipaQueries.append(BenchQuery(kind: .ipa, text: text, parsed: try SearchQuery(text), expected: truth.tonedSyllable[index]))
}
queries[.ipa] = ipaQueries
queries[.filtered] = try spread(charactersByFrequency, options.queries, shift: 0.5).map { (c: Int) -> BenchQuery in
    let combo = queryRandom.int(GroundTruth.combos)
    let text = queryText([Int32(c)])
    var query = BenchQuery(kind: .filtered, text: text, parsed: try SearchQuery(text),
                           expected: truth.characterByCombo[c * GroundTruth.combos + combo], sequence: [Int32(c)],
                           group: dialectGroups[combo / roles.count].name, role: roles[combo % roles.count])
    query.filters.dialect = query.group
    query.filters.role = query.role
    return query
}

// For load generators (scripts/server-benchmark.sh): the query mix and the archive, nothing measured.
if let path = options.queriesFile {
    var lines = ["kind\ttext\thits"]
    let names: [QueryKind: String] = [.one: "one", .two: "two", .three: "three", .ipa: "ipa"]
    for kind in [QueryKind.one, .two, .three, .ipa] {
        lines += queries[kind]!.map { "\(names[kind]!)\t\($0.text)\t\($0.expected.count)" }
    }
    let common = corpus.words2[0]
    let commonTarget = truth.targets.firstIndex(of: common)
    lines.append("common\t\(corpus.write(common, traditional: false))\t\(commonTarget.map { truth.strict[$0].count } ?? -1)")
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    print("archive kept at \(archiveURL.path); queries written to \(path)")
    exit(0)
}

// The same joins the library's search uses, written out here to check sets of hits and to
// show the query plan.
let joins = """
    JOIN segment s ON s.id = segment_fts.rowid
    JOIN transcript t ON t.id = s.transcript_id
    JOIN session se ON se.id = t.session_id
    LEFT JOIN recording r ON r.id = s.recording_id
    LEFT JOIN locality l ON l.id = se.locality_id
    LEFT JOIN speaker sp ON sp.id = s.speaker_id
    """
/// The library's default condition that the session and recording are open (AccessRules.openRecording).
let openCondition = "(se.access = 'open' OR (se.access_until IS NOT NULL AND se.access_until < date('now'))) "
    + "AND (r.access IS NULL OR r.access = 'open' OR (r.access_until IS NOT NULL AND r.access_until < date('now')))"
func matchSQL(_ query: BenchQuery, select: String, suffix: String = "") -> (String, StatementArguments) {
    if let group = query.group, let role = query.role {
        return ("SELECT \(select) FROM segment_fts \(joins) WHERE segment_fts MATCH ? "
                + "AND (l.dialect_group = ? OR l.dialect_subgroup = ? OR l.dialect_cluster = ?) AND sp.role = ? AND \(openCondition) \(suffix)",
                [query.parsed.ftsExpression, group, group, group, role])
    }
    return ("SELECT \(select) FROM segment_fts \(joins) WHERE segment_fts MATCH ? AND \(openCondition) \(suffix)", [query.parsed.ftsExpression])
}

/// Traditional → simplified with the benchmark's own table.
let simplifiedOf: [Unicode.Scalar: Unicode.Scalar] = {
    var map: [Unicode.Scalar: Unicode.Scalar] = [:]
    for (index, traditional) in corpus.traditional.enumerated() { if let traditional { map[traditional] = corpus.vocabulary[index] } }
    return map
}()
func folded(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { simplifiedOf[$0] ?? $0 }))
}

// MARK: Correctness

struct Correctness {
    var checked = 0
    var passed = 0
    var crossPunctuation = 0
    var failures: [String] = []
    var hitCounts: [Int] = []
}
var correctness: [QueryKind: Correctness] = [:]
progress("checking every query against the ground truth")
for kind in QueryKind.allCases {
    var result = Correctness()
    for query in queries[kind]! {
        result.checked += 1
        result.hitCounts.append(Int(query.expected.count))
        let counted = try archive.countHits(query.parsed, filters: query.filters)
        let (fingerprintSQL, arguments) = matchSQL(query, select: Fingerprint.sql("segment_fts.rowid"))
        let found: Fingerprint = try archive.database!.read { db in
            let row = try Row.fetchOne(db, sql: fingerprintSQL, arguments: arguments)!
            return Fingerprint(count: row[0], sum: row[1], hash: row[2])
        }
        let (firstSQL, firstArguments) = matchSQL(query, select: "segment_fts.rowid", suffix: "ORDER BY segment_fts.rowid LIMIT 50")
        let firstIds = try archive.database!.read { db in try Int64.fetchAll(db, sql: firstSQL, arguments: firstArguments) }
        let page = try archive.search(query.parsed, filters: query.filters, limit: 50, counting: false)
        var problems: [String] = []
        if found != query.expected {
            if let adjacent = query.adjacent, found == adjacent {
                result.crossPunctuation += 1
                problems.append("finds \(found.count) segments, \(found.count - query.expected.count) of them only because punctuation between the characters is skipped (\(query.expected.count) have them side by side)")
            } else {
                problems.append("index finds \(found.count) segments, ground truth \(query.expected.count)\(found.count == query.expected.count ? " (same number, different segments)" : "")")
            }
        }
        if counted != Int(found.count) { problems.append("countHits \(counted) ≠ \(found.count) matched") }
        if page.hits.map(\.segmentId) != firstIds {
            problems.append("search returned \(page.hits.count) hits, not the first \(firstIds.count) matches in archive order")
        }
        if let sequence = query.sequence {
            let needle = corpus.write(sequence, traditional: false)
            for hit in page.hits {
                if !folded(hit.text).contains(needle), query.adjacent == nil || found != query.adjacent! {
                    problems.append("hit \(hit.segmentId) “\(hit.text)” does not contain \(needle)")
                    break
                }
                if let role = query.role, hit.speaker?.role != role || !(hit.dialect ?? "").hasPrefix(query.group!) {
                    problems.append("hit \(hit.segmentId) is \(hit.dialect ?? "?") \(hit.speaker?.role ?? "?"), not \(query.group!) \(role)")
                    break
                }
            }
        }
        if problems.isEmpty { result.passed += 1 } else if result.failures.count < 5 {
            result.failures.append("\(query.text)\(query.role.map { " [\(query.group!) \($0)]" } ?? ""): " + problems.joined(separator: "; "))
        }
    }
    correctness[kind] = result
    progress("  \(kind.rawValue): \(result.passed)/\(result.checked) correct")
}

// MARK: Latency

struct Latency {
    var samples: [Double] = []
    var bare: [Double] = []
    /// The slowest queries: text, hits, median search time, ids-only SQL time.
    var slowest: [(String, Int64, Double, Double)] = []
}
var latency: [QueryKind: Latency] = [:]
progress("timing searches (\(options.rounds) passes of \(options.queries) queries per type, limit 50, no counting)")
for kind in QueryKind.allCases {
    var order = queries[kind]!
    for i in order.indices.reversed() { order.swapAt(i, queryRandom.int(i + 1)) }
    for query in order { _ = try archive.search(query.parsed, filters: query.filters, limit: 50, counting: false) }  // warm up
    var result = Latency()
    var perQuery = Array(repeating: [Double](), count: order.count)
    for _ in 0..<options.rounds {
        for (index, query) in order.enumerated() {
            let (_, seconds) = try timed { try archive.search(query.parsed, filters: query.filters, limit: 50, counting: false) }
            result.samples.append(seconds)
            perQuery[index].append(seconds)
        }
    }
    // The index's share: the same search fetching only the ids (`searchSegmentIDs`).
    var bare: [Double] = []
    for query in order {
        let (_, seconds) = try timed { try archive.searchSegmentIDs(query.parsed, filters: query.filters, limit: 50) }
        bare.append(seconds)
    }
    result.bare = bare
    result.slowest = order.indices.sorted { median(perQuery[$0]) > median(perQuery[$1]) }.prefix(5).map { index in
        let q = order[index]
        return (q.text + (q.role.map { " [\(q.group!) \($0)]" } ?? ""), q.expected.count, median(perQuery[index]), bare[index])
    }
    result.samples.sort()
    result.bare.sort()
    latency[kind] = result
    progress("  \(kind.rawValue): p50 \(ms(percentile(result.samples, 50))) ms, p95 \(ms(percentile(result.samples, 95))) ms")
}

// Where the time of one search goes: for a typical unfiltered query that fills the page of 50
// hits, and for the filtered query whose SQL alone is slowest.
func breakdown(_ sample: BenchQuery) throws -> [(String, Double)] {
    func best(_ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<20 { let (_, s) = try timed(body); times.append(s) }
        return median(times)
    }
    var parts: [(String, Double)] = []
    parts.append(("search() as a whole", try best { _ = try archive.search(sample.parsed, filters: sample.filters, limit: 50, counting: false) }))
    parts.append(("`searchSegmentIDs`: MATCH (text and facets) + filters + LIMIT 50, ids only", try best { _ = try archive.searchSegmentIDs(sample.parsed, filters: sample.filters, limit: 50) }))
    parts.append(("remainder: joins, the other tiers over each hit (one statement), highlighting, building the hits",
                  max(0, parts[0].1 - parts[1].1)))
    parts.insert(("\(sample.kind.rawValue) “\(sample.text)”\(sample.role.map { " [\(sample.group!) \($0)]" } ?? "") (\(grouped(Int(sample.expected.count))) hits)", .nan), at: 0)
    return parts
}
let typical = queries[.one]!.filter { $0.expected.count >= 50 }.sorted { $0.expected.count < $1.expected.count }
let slowFiltered = latency[.filtered]!.slowest.first.flatMap { slow in queries[.filtered]!.first { $0.text + " [\($0.group!) \($0.role!)]" == slow.0 } }
var breakdowns: [[(String, Double)]] = []
if !typical.isEmpty { breakdowns.append(try breakdown(typical[typical.count / 2])) }
if let slowFiltered { breakdowns.append(try breakdown(slowFiltered)) }

// Query plans of the search joins (unfiltered and filtered).
func plan(_ sql: String, _ arguments: StatementArguments) throws -> String {
    try archive.database!.read { db in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { "    " + ($0["detail"] as String? ?? "") }.joined(separator: "\n")
    }
}
let planQuery = queries[.filtered]![0]
let searchSelect = "s.id, s.text"
let plans = [
    ("search, unfiltered", try plan(matchSQL(queries[.one]![0], select: searchSelect, suffix: "ORDER BY segment_fts.rowid LIMIT 50 OFFSET 0").0,
                                    [planQuery.parsed.ftsExpression])),
    ("search, dialect group + role", try plan(matchSQL(planQuery, select: searchSelect, suffix: "ORDER BY segment_fts.rowid LIMIT 50 OFFSET 0").0,
                                              matchSQL(planQuery, select: searchSelect).1)),
]

// MARK: Counting

let commonCharacter = charactersByFrequency[0]
let rareCharacter: Int = charactersByFrequency.min { (a: Int, b: Int) -> Bool in abs(characterCounts[a] - 20) < abs(characterCounts[b] - 20) }!
var counting: [(String, Int, Double)] = []
for c in [commonCharacter, rareCharacter] {
    let text = corpus.write([Int32(c)], traditional: false)
    let query = try SearchQuery(text)
    _ = try archive.countHits(query)
    var times: [Double] = []
    var hits = 0
    for _ in 0..<5 { let (n, s) = try timed { try archive.countHits(query) }; hits = n; times.append(s) }
    counting.append((text, hits, median(times)))
}
do {  // a common word, and the counts by place that `search` adds when counting
    let word = corpus.write(corpus.words2[0], traditional: false)
    let query = try SearchQuery(word)
    var times: [Double] = [], hits = 0
    for _ in 0..<5 { let (n, s) = try timed { try archive.countHits(query) }; hits = n; times.append(s) }
    counting.append((word, hits, median(times)))
    times = []
    for _ in 0..<3 { let (r, s) = try timed { try archive.search(query, limit: 50, counting: true) }; hits = r.total; times.append(s) }
    counting.append(("\(word) via search(counting: true)", hits, median(times)))
}

// MARK: Command line, end to end

var cliResults: [(String, Int32, Double, Double)] = []
let cliURL = executableURL().deletingLastPathComponent().appendingPathComponent("dialect-archive")
if fm.isExecutableFile(atPath: cliURL.path) {
    let rareWord = truth.targets[twoCharacterTargets.filter { truth.strict[$0].count > 0 }.min { truth.strict[$0].count < truth.strict[$1].count }!]
    for term in [corpus.write(corpus.words2[0], traditional: false), corpus.write(rareWord, traditional: false)] {
        var times: [Double] = []
        var status: Int32 = 0
        for _ in 0..<options.cliRuns {
            let process = Process()
            process.executableURL = cliURL
            process.arguments = ["search", term, "--archive", archiveURL.path, "--limit", "50"]
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            let (_, seconds) = try timed { try process.run(); process.waitUntilExit() }
            status = process.terminationStatus
            times.append(seconds)
        }
        cliResults.append((term, status, median(times), times.min()!))
    }
    // The same process doing almost nothing: start-up and opening the archive.
    var times: [Double] = []
    var status: Int32 = 0
    for _ in 0..<options.cliRuns {
        let process = Process()
        process.executableURL = cliURL
        process.arguments = ["list", "collections", "--archive", archiveURL.path]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        let (_, seconds) = try timed { try process.run(); process.waitUntilExit() }
        status = process.terminationStatus
        times.append(seconds)
    }
    cliResults.append(("", status, median(times), times.min()!))
} else {
    progress("no dialect-archive binary beside the benchmark at \(cliURL.path); build it with --product dialect-archive")
}

// MARK: Trigram comparison

var trigram: (bytes: Int64, seconds: Double, finds: [(String, Int, Int)])?
if options.trigram {
    progress("building a trigram index over the same text for comparison")
    let (_, seconds) = try timed {
        try archive.database!.write { db in
            try db.execute(sql: "DROP TABLE IF EXISTS bench_trigram")
            try db.execute(sql: "CREATE VIRTUAL TABLE bench_trigram USING fts5(text, tokenize = 'trigram', content = '')")
            try db.execute(sql: "INSERT INTO bench_trigram(rowid, text) SELECT id, text FROM segment")
        }
    }
    _ = try archive.database!.writeWithoutTransaction { try $0.checkpoint(.truncate) }
    let bytes = try indexBytes("bench_trigram")
    var finds: [(String, Int, Int)] = []
    for query in [queries[.one]![0], queries[.one]![options.queries / 2], queries[.two]![0], queries[.two]![options.queries / 3],
                  queries[.three]![0]] {
        let simplified = corpus.write(query.sequence!, traditional: false)
        let found: Int = try scalar("SELECT count(*) FROM bench_trigram WHERE bench_trigram MATCH ?", ["\"\(simplified)\""]) ?? 0
        finds.append((simplified, found, Int(query.expected.count)))
    }
    try archive.database!.write { db in try db.execute(sql: "DROP TABLE bench_trigram") }
    trigram = (bytes, seconds, finds)
}

// MARK: Report

let targetP95 = 0.002
func verdict(_ ok: Bool) -> String { ok ? "✅ met" : "❌ missed" }
print("")
print("## search-benchmark: \(grouped(segmentCount)) segments, \(ISO8601DateFormatter().string(from: startedAt).prefix(10)), \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("")
print("Archive: \(corpus.localities.count) localities in \(dialectGroups.count) dialect groups, \(speakerIds.count * 4) speakers, \(grouped(sessions)) sessions/recordings/transcripts; "
      + "\(grouped(truth.orthographySegments)) orthography segments with \(grouped(truth.charactersWritten)) characters "
      + String(format: "(%.1f %% written traditional)", 100 * Double(truth.traditionalWritten) / Double(max(1, truth.charactersWritten)))
      + ", IPA in \(corpus.tones.count) tone values × 3 notations, gloss and translation tiers.")
print("")
var build = MarkdownTable("build", "value", "target", "")
build.add("insert segments with the index kept by triggers", "\(String(format: "%.1f", insertSeconds)) s, \(rate(segmentCount, insertSeconds)) segments/s", "", "")
let rebuildRate = Double(segmentCount) / rebuildSeconds
build.add("index alone (`'rebuild'`)", "\(String(format: "%.1f", rebuildSeconds)) s, \(rate(segmentCount, rebuildSeconds)) segments/s", "≥ 100,000 segments/s", verdict(rebuildRate >= 100_000))
build.add("text (all tiers)", "\(mib(textBytes)) (orthography \(mib(orthographyBytes)))", "", "")
build.add("index size after inserts", "\(mib(sizeAfterInsert)), \(String(format: "%.2f", Double(sizeAfterInsert) / Double(textBytes)))× text", "", "")
let trigramBytes = trigram?.bytes
build.add("index size after rebuild\(hasDbstat ? "" : " (no dbstat: stored bytes)")", "\(mib(indexSize)), \(String(format: "%.2f", Double(indexSize) / Double(textBytes)))× text",
          "≤ trigram index", trigramBytes.map { verdict(indexSize <= $0) } ?? "(trigram skipped)")
if let trigram {
    build.add("trigram index (comparison)", "\(mib(trigram.bytes)), \(String(format: "%.2f", Double(trigram.bytes) / Double(textBytes)))× text, built in \(String(format: "%.1f", trigram.seconds)) s (\(rate(segmentCount, trigram.seconds)) segments/s)", "", "")
    for (term, found, expected) in trigram.finds {
        build.add("trigram index finds “\(term)”", "\(grouped(found)) of \(grouped(expected))", term.count < 3 ? "should find none" : "", "")
    }
}
if let archiveFileSize { build.add("archive.sqlite", mib(archiveFileSize), "", "") }
print(build.text)
print("")

var table = MarkdownTable("query type", "queries", "hits per query (min / median / max)", "correct", "p50 ms", "p95 ms", "p99 ms", "ids-only SQL p95 ms", "p95 < 2 ms")
for kind in QueryKind.allCases {
    let c = correctness[kind]!, l = latency[kind]!
    let counts = c.hitCounts.sorted()
    table.add(kind.rawValue, "\(queries[kind]!.count) × \(options.rounds)", "\(grouped(counts.first ?? 0)) / \(grouped(counts[counts.count / 2])) / \(grouped(counts.last ?? 0))",
              c.passed == c.checked ? "✅ \(c.passed)/\(c.checked)" : "❌ \(c.passed)/\(c.checked)",
              ms(percentile(l.samples, 50)), ms(percentile(l.samples, 95)), ms(percentile(l.samples, 99)), ms(percentile(l.bare, 95)),
              verdict(percentile(l.samples, 95) < targetP95))
}
print(table.text)
print("")
var other = MarkdownTable("counting and command line", "hits", "time")
for (term, hits, seconds) in counting {
    other.add(term.contains("via") ? "`archive.search(\(term.replacingOccurrences(of: " via search(counting: true)", with: "")), counting: true)`" : "`archive.countHits(\(term))`",
              grouped(hits), "\(ms(seconds)) ms")
}
for (term, status, medianSeconds, minimum) in cliResults {
    other.add(term.isEmpty ? "`dialect-archive list collections` (start-up and opening the archive, for reference)"
              : "`dialect-archive search \(term) --limit 50` (process, end to end)", status == 0 ? "exit 0" : "exit \(status)",
              "\(ms(medianSeconds)) ms median of \(options.cliRuns) (min \(ms(minimum)))")
}
print(other.text)
print("")
if QueryKind.allCases.contains(where: { correctness[$0]!.passed < correctness[$0]!.checked }) {
    print("Correctness problems (first few per type):")
    for kind in QueryKind.allCases where !correctness[kind]!.failures.isEmpty {
        print("- \(kind.rawValue)" + (correctness[kind]!.crossPunctuation > 0 ? " (\(correctness[kind]!.crossPunctuation) queries only differ by matches across punctuation)" : ""))
        for failure in correctness[kind]!.failures { print("  - \(failure)") }
    }
    print("")
}
print("Slowest queries per type (median of \(options.rounds) runs; ids-only = MATCH + filters + LIMIT 50 in SQL):")
for kind in QueryKind.allCases {
    print("- \(kind.rawValue): " + latency[kind]!.slowest.map { "\($0.0) (\(grouped(Int($0.1))) hits) \(ms($0.2)) ms, ids-only \(ms($0.3)) ms" }.joined(separator: "; "))
}
print("")
print("Where the time of one search goes (medians of 20 runs):")
for parts in breakdowns {
    for (label, seconds) in parts { print(seconds.isNaN ? "- \(label)" : "  - \(label): \(ms(seconds)) ms") }
}
print("")
print("Query plans:")
for (label, text) in plans { print("- \(label):\n\(text)") }

if removeAtEnd {
    try? fm.removeItem(at: archiveURL)
} else {
    print("\narchive kept at \(archiveURL.path)")
}
