import BenchmarkSupport
import DialectArchive
import Foundation

/// What `identify` answered for one query.
struct Outcome {
    var query: Query
    /// The top match was certain or likely, on the right recording.
    var hit = false
    /// Certain or likely matches on recordings the query is not from.
    var falseMatches = 0
    var offsetErrorMs: Double?
    var topConfidence = "none"
    var topAligned = 0
    var topScore = 0.0
    var queryHashes = 0
    /// The strongest match on a recording the query is not from.
    var wrongAligned = 0
    var wrongScore = 0.0
    var wrongConfidence = "none"
    var wrongRecording = ""
    var wrongOffsetMs: Int64 = 0
    var seconds = 0.0
    var error: String?
}

enum Accuracy {
    static func isConfident(_ match: AudioMatch) -> Bool { match.confidence == "certain" || match.confidence == "likely" }

    /// Looks every query up in `archive`, two at a time.
    static func run(_ queries: [Query], archive: Archive, ids: [String: Int64]) -> [Outcome] {
        var outcomes = [Outcome?](repeating: nil, count: queries.count)
        let lock = NSLock()
        parallelFor(queries.count) { i in
            let query = queries[i]
            var outcome = Outcome(query: query)
            do {
                let (matches, seconds) = try timed { try archive.identify(query.url) }
                outcome.seconds = seconds
                let truth = query.positive ? ids[query.source.name] : nil
                if let top = matches.first {
                    outcome.topConfidence = top.confidence
                    outcome.topAligned = top.alignedHashes
                    outcome.topScore = top.score
                    outcome.queryHashes = top.queryHashes
                    if let truth, top.recordingId == truth, isConfident(top) {
                        outcome.hit = true
                        outcome.offsetErrorMs = abs(Double(top.offsetMs) - query.offsetMs)
                    }
                }
                outcome.falseMatches = matches.filter { isConfident($0) && $0.recordingId != truth }.count
                if let wrong = matches.first(where: { $0.recordingId != truth }) {
                    outcome.wrongAligned = wrong.alignedHashes
                    outcome.wrongScore = wrong.score
                    outcome.wrongConfidence = wrong.confidence
                    outcome.wrongRecording = wrong.recordingFile
                    outcome.wrongOffsetMs = wrong.offsetMs
                }
            } catch {
                outcome.error = "\(error)"
            }
            lock.lock(); outcomes[i] = outcome; lock.unlock()
        }
        return outcomes.map { $0! }
    }

    struct Summary {
        var count = 0
        var hits = 0
        var falseMatches = 0
        var offsets: [Double] = []

        init(_ outcomes: [Outcome]) {
            count = outcomes.count
            hits = outcomes.filter(\.hit).count
            falseMatches = outcomes.map(\.falseMatches).reduce(0, +)
            offsets = outcomes.compactMap(\.offsetErrorMs)
        }

        var recall: String { "\(percent(hits, count)) (\(hits)/\(count))" }
        var recallValue: Double { count == 0 ? 0 : Double(hits) / Double(count) }
    }

    /// The Markdown report of the positive and negative queries.
    static func report(_ outcomes: [Outcome]) -> String {
        var out: [String] = []
        let positives = outcomes.filter { $0.query.positive }, negatives = outcomes.filter { !$0.query.positive }
        let standard = positives.filter { !$0.query.hard }, hard = positives.filter { $0.query.hard }

        out.append("#### Excerpts of archived recordings (\(standard.count) queries)\n")
        var table = MarkdownTable("Condition", "5 s recall", "10 s recall", "5 s offset error p95", "10 s offset error p95", "false matches", rightAligned: true)
        for degradation in [Degradation.mp3, .opus, .resampled, .noise10] {
            let rows = standard.filter { $0.query.cell.degradation == degradation }
            let five = Summary(rows.filter { $0.query.cell.seconds == 5 }), ten = Summary(rows.filter { $0.query.cell.seconds == 10 })
            table.add(degradation.rawValue, five.recall, ten.recall, ms(percentile(five.offsets, 95)), ms(percentile(ten.offsets, 95)),
                      String(Summary(rows).falseMatches))
        }
        let all = Summary(standard)
        let five = Summary(standard.filter { $0.query.cell.seconds == 5 }), ten = Summary(standard.filter { $0.query.cell.seconds == 10 })
        table.add("**all**", five.recall, ten.recall, ms(percentile(five.offsets, 95)), ms(percentile(ten.offsets, 95)), String(all.falseMatches))
        out.append(table.text)
        let worst = QueryPlan.standardCells.map { cell in (cell, Summary(standard.filter { $0.query.cell == cell })) }
            .min { $0.1.recallValue < $1.1.recallValue }
        out.append(String(format: "\n**Overall recall %@**; worst cell %@ (%@); offset error over all hits p50 %@, p95 %@, max %@.",
                          all.recall, worst.map { percent($0.1.hits, $0.1.count) } ?? "–", worst?.0.label ?? "–",
                          ms(percentile(all.offsets, 50)), ms(percentile(all.offsets, 95)), ms(all.offsets.max())))

        var byKind = MarkdownTable("Speech", "queries", "recall", "offset error p95", rightAligned: true)
        for kind in [Source.Kind.generated, .real] {
            let s = Summary(standard.filter { $0.query.source.kind == kind })
            byKind.add(kind == .real ? "real (corpus)" : "generated (espeak-ng)", String(s.count), s.recall, ms(percentile(s.offsets, 95)))
        }
        out.append("\n" + byKind.text)

        out.append("\n#### Harder cases (\(hard.count) queries)\n")
        var hardTable = MarkdownTable("Condition", "recall", "offset error p50", "offset error p95", "false matches", rightAligned: true)
        for cell in QueryPlan.hardCells {
            let s = Summary(hard.filter { $0.query.cell == cell })
            hardTable.add(cell.label, s.recall, ms(percentile(s.offsets, 50)), ms(percentile(s.offsets, 95)), String(s.falseMatches))
        }
        let h = Summary(hard)
        hardTable.add("**all**", "**\(h.recall)**", ms(percentile(h.offsets, 50)), ms(percentile(h.offsets, 95)), String(h.falseMatches))
        out.append(hardTable.text)

        out.append("\n#### Clips that are not in the archive (\(negatives.count) queries)\n")
        var negTable = MarkdownTable("Clip", "3 s", "5 s", "10 s", "certain/likely matches", rightAligned: true)
        for note in Array(Set(negatives.map(\.query.source.note))).sorted() {
            let rows = negatives.filter { $0.query.source.note == note }
            let counts = [3.0, 5.0, 10.0].map { s in rows.filter { $0.query.cell.seconds == s }.count }
            negTable.add(note, String(counts[0]), String(counts[1]), String(counts[2]), String(Summary(rows).falseMatches))
        }
        let negativeFalse = Summary(negatives).falseMatches
        negTable.add("**all** (every degradation)", String(negatives.filter { $0.query.cell.seconds == 3 }.count),
                     String(negatives.filter { $0.query.cell.seconds == 5 }.count),
                     String(negatives.filter { $0.query.cell.seconds == 10 }.count), "**\(negativeFalse)**")
        out.append(negTable.text)

        let possible = negatives.filter { $0.topConfidence == "possible" }.count
        let maxAligned = negatives.map(\.topAligned).max() ?? 0
        out.append("\nNegative queries answered `possible`: \(possible); most aligned hashes on a negative: \(maxAligned). "
                   + "Positive queries with a wrong certain/likely match: \(Summary(positives).falseMatches).")
        let times = outcomes.map { $0.seconds * 1000 }
        out.append(String(format: "`identify(url)` on these files (decode + fingerprint + lookup): p50 %.0f ms, p95 %.0f ms.",
                          percentile(times, 50) ?? 0, percentile(times, 95) ?? 0))
        let errors = outcomes.filter { $0.error != nil }
        if !errors.isEmpty { out.append("\n**\(errors.count) queries failed**: \(errors.prefix(3).map { $0.error! })") }
        return out.joined(separator: "\n")
    }

    /// Misses and false matches, for the log.
    static func diagnose(_ outcomes: [Outcome]) {
        for o in outcomes where (o.offsetErrorMs ?? 0) > 25 {
            log(String(format: "OFFSET %@ %@ at %.0f ms: error %.0f ms (%d aligned)", o.query.url.lastPathComponent, o.query.source.name,
                       o.query.offsetMs, o.offsetErrorMs!, o.topAligned))
        }
        for o in outcomes where (o.query.positive && !o.hit) || o.falseMatches > 0 {
            log(String(format: "%@ %@ %@ at %.0f ms: top %@ (%d aligned)%@", o.query.positive ? "MISS" : "FALSE", o.query.url.lastPathComponent,
                       o.query.source.name, o.query.offsetMs, o.topConfidence, o.topAligned,
                       o.falseMatches > 0 ? ", \(o.falseMatches) false" : ""))
        }
    }

    /// One line per query, tab-separated, for a closer look.
    static func dump(_ outcomes: [Outcome], to url: URL) throws {
        var lines = ["file\tcell\thard\tpositive\tsource\tkind\thit\ttop_confidence\ttop_aligned\ttop_score\tquery_hashes\t"
                     + "offset_error_ms\twrong_confidence\twrong_aligned\twrong_score\tseconds\twrong_recording\twrong_offset_ms\tquery_offset_ms"]
        for o in outcomes {
            lines.append([o.query.url.lastPathComponent, o.query.cell.label, String(o.query.hard), String(o.query.positive), o.query.source.name,
                          o.query.positive ? o.query.source.kind.rawValue : o.query.source.note, String(o.hit), o.topConfidence,
                          String(o.topAligned), String(format: "%.4f", o.topScore), String(o.queryHashes),
                          o.offsetErrorMs.map { String(format: "%.0f", $0) } ?? "", o.wrongConfidence, String(o.wrongAligned),
                          String(format: "%.4f", o.wrongScore), String(format: "%.4f", o.seconds), o.wrongRecording,
                          String(o.wrongOffsetMs), String(format: "%.0f", o.query.offsetMs)].joined(separator: "\t"))
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// Share of hits and the counts the targets are judged by.
    static func verdict(_ outcomes: [Outcome]) -> (overall: Double, worstCell: Double, falseMatches: Int, offsetP95: Double) {
        let standard = outcomes.filter { $0.query.positive && !$0.query.hard }
        let overall = Summary(standard).recallValue
        let worst = QueryPlan.standardCells.map { cell in Summary(standard.filter { $0.query.cell == cell }).recallValue }.min() ?? 0
        return (overall, worst, Summary(outcomes).falseMatches, percentile(Summary(standard).offsets, 95) ?? .infinity)
    }
}
