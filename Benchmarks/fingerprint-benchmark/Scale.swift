import BenchmarkSupport
@_spi(Benchmark) import DialectArchive
import Foundation
import GRDB

/// `identify` against an index of many hours: the landmarks of generated speech, varied in speed
/// and mixed with other speech, stored through the archive's own database as `recording` and
/// `landmark` rows.
enum Scale {
    struct Options {
        var hours: Double
        var queries: Int
        var negatives: Int
        var seed: UInt64
        var quick: Bool
        /// Use the index left by an earlier run with the same hours and seed (only valid when the
        /// fingerprint itself has not changed since).
        var reuseIndex = false
        var keepIndex = false
        /// Time identify only: no `duplicates()`, no ingest into copies of the index.
        var onlyIdentify = false
        /// A PostgreSQL database (libpq's address) to load the same landmarks into and look them up in.
        var postgres: String?
        /// A folder to ingest, with fingerprints and without, into copies of the index's archive.
        var ingest: URL?
    }

    /// A synthetic recording: the base speech from `start`, read at the speed of its pass, with the
    /// base played backwards from `mixStart` added at `mixGain` (other speech-like sound that is
    /// nowhere else in the index).
    struct Plan {
        var start: Int
        var mixStart: Int
        var mixGain: Float
        /// Nominal sample rate handed to the fingerprinter: base samples per second of the recording.
        var rate: Int
        var seconds: Double
    }

    static let voices = ["f1", "f2", "f3", "f4", "f5", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "klatt", "klatt2", "Alex", "Annie",
                         "Andy", "belinda", "benjamin", "david", "ed", "john", "linda", "max", "michel", "paul", "rob", "steph", "victor"]
    static let languages = ["cmn-latn-pinyin", "yue", "hak", "en", "en-us"]

    /// Base speech at 8 kHz: espeak-ng in many voices (and the real speech given), concatenated.
    static func base(folder: URL, minutes: Double, real: [URL], seed: UInt64) throws -> [Float] {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        var random = SeededRandom(seed: seed ^ 0xBA5E)
        let count = Int((minutes * 60 / 120).rounded(.up))
        let scripts = (0..<count).map { _ in
            Speech.script(voice: random.pick(languages) + "+" + random.pick(voices), seconds: 120, &random)
        }
        parallelFor(count) { i in
            let url = folder.appendingPathComponent("base-\(i).wav")
            if fm.fileExists(atPath: url.path) { return }
            var local = SeededRandom(seed: seed &+ UInt64(i) &* 31)
            do { _ = try Speech.record(scripts[i], seconds: 120, to: url, &local) } catch { log("base \(i): \(error)") }
        }
        var samples: [Float] = []
        samples.reserveCapacity((count + real.count) * 121 * 8000)
        for url in (0..<count).map({ folder.appendingPathComponent("base-\($0).wav") }) + real {
            samples += try Mono.decode(url, rate: 8000).samples
            samples += [Float](repeating: 0, count: random.int(in: 2000...12000))
        }
        return samples
    }

    /// Samples `from..<from+count` of a recording made by `plan` from `base`.
    static func render(_ plan: Plan, _ base: [Float], from: Int, count: Int, into out: inout [Float]) {
        if out.count != count { out = [Float](repeating: 0, count: count) }
        let n = base.count
        base.withUnsafeBufferPointer { b in
            for i in 0..<count {
                let k = from + i
                out[i] = b[(plan.start + k) % n] + plan.mixGain * b[n - 1 - (plan.mixStart + k) % n]
            }
        }
    }

    struct ScaleQuery {
        var recording: Int
        var offsetMs: Double
        var url: URL
    }

    static func run(_ options: Options, folder: URL, real: [URL], negatives: [Source]) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        // 7 hours of base speech up to 200 hours of index, then 2.1 minutes per hour up to 35 hours
        // (1,000 hours of index): no more than 36 passes over it, at least 1.3 % apart in speed.
        let baseMinutes = min(options.quick ? 10 : min(2100, max(420, options.hours * 2.1)), options.hours * 60)
        log("scale: base speech, \(Int(baseMinutes)) min")
        let base = try Self.base(folder: folder.appendingPathComponent("base"), minutes: baseMinutes, real: real, seed: options.seed)

        // Passes over the base, each at its own speed (a few per cent apart, so no two passes hold
        // the same audio), cut into recordings of 20–60 minutes until the hours are reached.
        var random = SeededRandom(seed: options.seed ^ 0x5CA1E)
        let baseSeconds = Double(base.count) / 8000
        let passes = max(1, Int((options.hours * 3600 / (baseSeconds / 1.25)).rounded(.up)))
        var speeds = (0..<passes).map { passes == 1 ? 1.0 : 0.8 * pow(1.25 / 0.8, Double($0) / Double(passes - 1)) }
        random.shuffle(&speeds)
        var plans: [Plan] = []
        var total = 0.0
        passLoop: for speed in speeds {
            let rate = Int((8000 * speed).rounded())
            var position = 0
            let start = random.int(base.count)
            while position < base.count {
                guard total < options.hours * 3600 else { break passLoop }
                let seconds = min(random.double(in: 1200...3600).rounded(), Double(base.count - position) / Double(rate),
                                  options.hours * 3600 - total + 1)
                guard seconds >= 30 else { break }
                plans.append(Plan(start: start + position, mixStart: random.int(base.count), mixGain: Float(random.double(in: 0.05...0.3)),
                                  rate: rate, seconds: seconds))
                position += Int(seconds * Double(rate))
                total += seconds
            }
        }

        // Queries: 10 s excerpts of random recordings, re-encoded as MP3 32 kbps.
        let queryFolder = folder.appendingPathComponent("queries")
        try? fm.removeItem(at: queryFolder)
        try fm.createDirectory(at: queryFolder, withIntermediateDirectories: true)
        var queries: [ScaleQuery] = []
        for q in 0..<options.queries {
            let r = random.int(plans.count)
            let offset = random.double(in: 0...(plans[r].seconds - 10.5))
            queries.append(ScaleQuery(recording: r, offsetMs: (offset * 1000).rounded(), url: queryFolder.appendingPathComponent("s\(q).mp3")))
        }
        for query in queries {
            let plan = plans[query.recording]
            var excerpt: [Float] = []
            render(plan, base, from: Int((query.offsetMs / 1000 * Double(plan.rate)).rounded()), count: 10 * plan.rate, into: &excerpt)
            let wav = query.url.deletingPathExtension().appendingPathExtension("wav")
            try Mono(samples: excerpt, rate: plan.rate).writeWAV(wav)
            try Tool.ffmpeg(["-i", wav.path, "-ar", "16000", "-c:a", "libmp3lame", "-b:a", "32k", query.url.path])
            try fm.removeItem(at: wav)
        }

        let archiveURL = folder.appendingPathComponent("archive")
        let marker = archiveURL.appendingPathComponent("benchmark-index.txt")
        let signature = "hours \(options.hours) seed \(options.seed) recordings \(plans.count) version \(FingerprintParameters.version)"
        let reuse = options.reuseIndex && (try? String(contentsOf: marker, encoding: .utf8)) == signature
        if options.reuseIndex && !reuse { log("scale: no index to reuse for \(signature); building it") }
        defer { if !options.keepIndex { try? fm.removeItem(at: archiveURL) } }

        // Landmarks of every recording, two at a time.
        var landmarks = [[Landmark]](repeating: [], count: reuse ? 0 : plans.count)
        let lock = NSLock()
        if !reuse { log(String(format: "scale: fingerprinting %d recordings, %.1f hours", plans.count, total / 3600)) }
        let (_, fingerprintSeconds) = timed {
            if reuse { return }
            parallelFor(plans.count) { r in
                let plan = plans[r]
                let fingerprinter = LandmarkFingerprinter(sampleRate: plan.rate, channels: 1)
                let length = Int(plan.seconds * Double(plan.rate))
                var chunk: [Float] = []
                var position = 0
                while position < length {
                    let count = min(1 << 16, length - position)
                    render(plan, base, from: position, count: count, into: &chunk)
                    chunk.withUnsafeBufferPointer { fingerprinter.feed($0) }
                    position += count
                }
                let result = fingerprinter.finish()
                lock.lock(); landmarks[r] = result; lock.unlock()
            }
        }

        // The archive: one tiny ingested file gives a session; then recording and landmark rows.
        if !reuse { try? fm.removeItem(at: archiveURL) }
        let archive = try Archive.create(at: archiveURL)
        let seedFolder = folder.appendingPathComponent("seed")
        try fm.createDirectory(at: seedFolder, withIntermediateDirectories: true)
        let seedFile = seedFolder.appendingPathComponent("seed.wav")
        if !fm.fileExists(atPath: seedFile.path) {
            try Speech.speak(Speech.Script(voice: "en", speed: 160, pitch: 50, text: "One small file to start the archive."), to: seedFile)
        }
        if !reuse { _ = try archive.ingest(IngestRequest(paths: [seedFolder])) }
        var rowCount = landmarks.reduce(0) { $0 + $1.count }
        var ids: [Int64] = []
        if reuse {
            let byName = try archive.database!.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT original_name, id FROM recording").map { ($0[0] as String, $0[1] as Int64) })
            }
            ids = plans.indices.map { byName["synthetic-\($0).wav"]! }
            rowCount = try archive.database!.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM landmark") ?? 0 }
        } else {
            log("scale: storing \(rowCount) landmarks")
        }
        let (_, storeSeconds) = try timed {
            if reuse { return }
            try archive.database!.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.inTransaction {
                    let session: String = try String.fetchOne(db, sql: "SELECT session_id FROM recording LIMIT 1")!
                    for (r, plan) in plans.enumerated() {
                        try db.execute(sql: """
                            INSERT INTO recording (session_id, stored_path, original_name, source_path, size, sha256, audio_sha256,
                                container, codec, sample_rate, channels, bits_per_sample, frames, duration_ms, ingested_at, fingerprint_version)
                            VALUES (?, ?, ?, ?, 0, ?, ?, 'synthetic', 'pcm', ?, 1, 16, ?, ?, '2024-01-01T00:00:00Z', ?)
                            """, arguments: [session, "synthetic/\(r).wav", "synthetic-\(r).wav", "synthetic/\(r).wav",
                                             String(format: "%064x", r + 1), String(format: "%064x", r + 1), plan.rate,
                                             Int(plan.seconds * Double(plan.rate)), Int(plan.seconds * 1000), FingerprintParameters.version])
                        ids.append(db.lastInsertedRowID)
                    }
                    return .commit
                }
                // Sorted by key, so the table grows at its end.
                var rows: [(Int32, Int32, Int32)] = []
                rows.reserveCapacity(rowCount)
                for (r, list) in landmarks.enumerated() { for l in list { rows.append((l.hash, Int32(ids[r]), l.frame)) } }
                landmarks = []
                rows.sort { $0 < $1 }
                let batch = 200
                let statement = try db.makeStatement(sql: "INSERT OR IGNORE INTO landmark (hash, recording_id, frame) VALUES "
                                                     + Array(repeating: "(?, ?, ?)", count: batch).joined(separator: ", "))
                let single = try db.makeStatement(sql: "INSERT OR IGNORE INTO landmark (hash, recording_id, frame) VALUES (?, ?, ?)")
                try db.inTransaction {
                    var i = 0
                    var values: [DatabaseValueConvertible?] = []
                    values.reserveCapacity(batch * 3)
                    while i + batch <= rows.count {
                        values.removeAll(keepingCapacity: true)
                        for row in rows[i..<(i + batch)] { values.append(row.0); values.append(row.1); values.append(row.2) }
                        try statement.execute(arguments: StatementArguments(values))
                        i += batch
                    }
                    for row in rows[i...] { try single.execute(arguments: [row.0, row.1, row.2]) }
                    return .commit
                }
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try signature.write(to: marker, atomically: true, encoding: .utf8)
        }
        let index = try Costs.landmarkBytes(archive)

        // Query landmarks, computed once; only the lookup is timed.
        var queryLandmarks: [[Landmark]] = []
        for query in queries {
            queryLandmarks.append(try AudioAnalyzer.analyze(query.url, fingerprinting: true).fingerprint?.landmarks ?? [])
        }
        var negativeLandmarks: [[Landmark]] = []
        var negRandom = SeededRandom(seed: options.seed ^ 0xEE)
        let negativeSources = negatives.filter { $0.seconds >= 10.5 }
        for n in 0..<(negativeSources.isEmpty ? 0 : options.negatives) {
            let source = negativeSources[n % negativeSources.count]
            let audio = try Mono.decode(source.url)
            let start = negRandom.int(audio.samples.count - 10 * audio.rate)
            let excerpt = audio.slice(start, 10 * audio.rate)
            let wav = queryFolder.appendingPathComponent("neg\(n).wav"), mp3 = queryFolder.appendingPathComponent("neg\(n).mp3")
            try excerpt.writeWAV(wav)
            try Tool.ffmpeg(["-i", wav.path, "-c:a", "libmp3lame", "-b:a", "32k", mp3.path])
            negativeLandmarks.append(try AudioAnalyzer.analyze(mp3, fingerprinting: true).fingerprint?.landmarks ?? [])
        }
        // Warm the page cache the way a running service would have it.
        for l in queryLandmarks.prefix(5) { _ = try archive.identify(landmarks: l) }

        // FP_SCALE_REPEAT=n looks every query up n more times first, for profiling.
        for _ in 0..<(Int(ProcessInfo.processInfo.environment["FP_SCALE_REPEAT"] ?? "") ?? 0) {
            for l in queryLandmarks { _ = try archive.identify(landmarks: l) }
        }
        var times: [Double] = [], hits = 0, wrong = 0, offsetErrors: [Double] = []
        var answers: [[String]] = []
        for (query, l) in zip(queries, queryLandmarks) {
            let (matches, seconds) = try timed { try archive.identify(landmarks: l) }
            times.append(seconds * 1000)
            answers.append(PostgresScale.answer(matches))
            if let top = matches.first, top.recordingId == ids[query.recording], Accuracy.isConfident(top) {
                hits += 1
                offsetErrors.append(abs(Double(top.offsetMs) - query.offsetMs))
            }
            for m in matches where Accuracy.isConfident(m) && m.recordingId != ids[query.recording] {
                wrong += 1
                log("scale WRONG \(query.url.lastPathComponent) from \(ids[query.recording]) at \(query.offsetMs): \(m.recordingId) at \(m.offsetMs) "
                    + "\(m.confidence) aligned \(m.alignedHashes) score \(String(format: "%.3f", m.score)) span \(m.queryStartMs)–\(m.queryEndMs)")
            }
        }
        var negativeTimes: [Double] = [], negativeFalse = 0
        for l in negativeLandmarks {
            let (matches, seconds) = try timed { try archive.identify(landmarks: l) }
            negativeTimes.append(seconds * 1000)
            answers.append(PostgresScale.answer(matches))
            for m in matches where Accuracy.isConfident(m) {
                negativeFalse += 1
                log("scale FALSE negative: \(m.recordingId) at \(m.offsetMs) \(m.confidence) aligned \(m.alignedHashes) "
                    + "score \(String(format: "%.3f", m.score)) span \(m.queryStartMs)–\(m.queryEndMs)")
            }
        }

        var out: [String] = []
        out.append(String(format: "#### `identify` against %.0f hours (%d recordings of 20–60 min, %@ landmarks)\n",
                          total / 3600, plans.count, String(rowCount)))
        out.append(String(format: "%.0f min of espeak-ng speech in %d voice variants of Mandarin, Cantonese, Hakka and English (plus the corpus), read in %d passes at speeds 0.80–1.25 "
                          + "(%.1f%% apart), each mixed with the speech played backwards at −10 to −26 dB; queries are 10 s excerpts "
                          + "re-encoded as MP3 32 kbps; only the lookup is timed.\n",
                          baseSeconds / 60, voices.count, passes,
                          passes > 1 ? 100 * (pow(1.25 / 0.8, 1 / Double(passes - 1)) - 1) : 0))
        var table = MarkdownTable("Measure", "value", rightAligned: true)
        table.add("landmark index", String(format: "%@ (%.1f MB per hour of audio, %@)", megabytes(index.bytes),
                                           Double(index.bytes) / 1e6 / (total / 3600), index.method))
        if !reuse {
            table.add("fingerprinting (2 threads)", String(format: "%.0f s, %.0f× real time", fingerprintSeconds, total / fingerprintSeconds))
            table.add("storing the rows", String(format: "%.0f s", storeSeconds))
        }
        table.add("`identify(landmarks:)`, \(queries.count) 10 s excerpts (MP3 32 kbps)",
                  String(format: "p50 %.1f ms, p95 %.1f ms, max %.1f ms", percentile(times, 50) ?? 0, percentile(times, 95) ?? 0, times.max() ?? 0))
        table.add("found (certain/likely, right recording)", "\(percent(hits, queries.count)) (\(hits)/\(queries.count)); offset error p95 \(ms(percentile(offsetErrors, 95)))")
        table.add("wrong certain/likely matches", String(wrong))
        table.add("`identify(landmarks:)`, \(negativeLandmarks.count) 10 s clips not in the index",
                  String(format: "p50 %.1f ms, p95 %.1f ms; %d false matches", percentile(negativeTimes, 50) ?? 0, percentile(negativeTimes, 95) ?? 0, negativeFalse))
        let queryHashes = queryLandmarks.map { Double($0.count) }
        var occurrences: [Double] = []
        for l in queryLandmarks.prefix(20) {
            let hashes = Set(l.map(\.hash)).map(String.init).joined(separator: ",")
            occurrences.append(Double(try archive.database!.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM landmark WHERE hash IN (\(hashes))") ?? 0 }))
        }
        table.add("landmarks per 10 s query; archived landmarks sharing their hashes",
                  String(format: "p50 %.0f; p50 %.0f", percentile(queryHashes, 50) ?? 0, percentile(occurrences, 50) ?? 0))
        // What the lookup reads of them: the query's rarest hashes (`FingerprintMatcher.hashesToLookUp`).
        var lookedUp: [Double] = [], read: [Double] = []
        for l in queryLandmarks.prefix(20) {
            let matcher = FingerprintMatcher(query: l)
            let counts = try archive.database!.read { db in
                try matcher.hashes.map { hash in
                    try Int.fetchOne(db, sql: """
                        SELECT coalesce((SELECT landmarks FROM landmark_hash WHERE hash = ?1), 0) + (SELECT count(*) FROM landmark_recent WHERE hash = ?1)
                        """, arguments: [hash]) ?? 0
                }
            }
            let kept = Set(matcher.hashesToLookUp(archived: counts))
            lookedUp.append(100 * Double(Set(l).filter { kept.contains($0.hash) }.count) / Double(max(1, matcher.queryLandmarks)))
            read.append(Double(zip(matcher.hashes, counts).reduce(0) { $0 + (kept.contains($1.0) ? $1.1 : 0) }))
        }
        table.add("… landmarks of the query looked up (those of its rarest hashes); archived landmarks read",
                  String(format: "p50 %.0f %%; p50 %.0f", percentile(lookedUp, 50) ?? 0, percentile(read, 50) ?? 0))
        if let address = options.postgres {
            for row in try PostgresScale.run(address: address, archive: archive, queries: queryLandmarks, negatives: negativeLandmarks,
                                             sqliteAnswers: answers, sqliteTimes: (times, negativeTimes)) {
                table.add(row.0, row.1)
            }
        }
        guard !options.onlyIdentify else {
            out.append(table.text)
            return out.joined(separator: "\n")
        }
        // Every recording against all the others; no two passes hold the same audio, so any group is false.
        let (groups, duplicatesSeconds) = try timed { try archive.duplicates() }
        for group in groups { log("scale FALSE duplicate group: \(group.kind) \(group.members.map(\.recordingId)) \(group.confidence ?? "")") }
        table.add("`duplicates()` over the whole index", String(format: "%.1f s; %d groups (none expected)", duplicatesSeconds, groups.count))
        if let folder = options.ingest {
            let files = (try? fm.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.count) ?? 0
            let ingests = try Costs.ingestOverhead(folder, scratch: folder.deletingLastPathComponent().appendingPathComponent("archive-timing"),
                                                   repeats: options.quick ? 1 : 3, into: archiveURL)
            table.add("whole ingest of \(files) recordings (\(folder.lastPathComponent)/) into a copy of this archive: **fingerprinting adds**",
                      ingests.summary)
            // Ingest leaves new landmarks in landmark_recent until it holds a million; time the
            // merge into this index for the ones just ingested, on one more copy.
            let copy = folder.deletingLastPathComponent().appendingPathComponent("archive-merge")
            try? fm.removeItem(at: copy)
            defer { try? fm.removeItem(at: copy) }
            try fm.copyItem(at: archiveURL, to: copy)
            let copied = try Archive.open(at: copy)
            _ = try copied.ingest(IngestRequest(paths: [folder]))
            let recent = try copied.database!.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM landmark_recent") ?? 0 }
            let (_, mergeSeconds) = try timed { try copied.mergeLandmarks() }
            table.add("… merging their \(recent) landmarks into the main index afterwards", String(format: "%.2f s", mergeSeconds))
            // A full merge: a million landmarks waiting (random hashes, as spread as real ones).
            try copied.database!.write { db in
                let recording = try Int64.fetchOne(db, sql: "SELECT max(id) FROM recording") ?? 1
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
                    INSERT OR IGNORE INTO landmark_recent SELECT (abs(random()) % 4294967296) - 2147483648, ?, 100000000 + i FROM n
                    """, arguments: [recording])
            }
            let (_, fullMergeSeconds) = try timed { try copied.mergeLandmarks() }
            table.add("… merging 1,000,000 landmarks, as ingest does once that many are waiting (some 3 hours of speech)",
                      String(format: "%.2f s", fullMergeSeconds))
        }
        out.append(table.text)
        return out.joined(separator: "\n")
    }
}
