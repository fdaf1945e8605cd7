import BenchmarkSupport
import DialectArchive
import Foundation

/// The many-hours index loaded into PostgreSQL (`PostgresLandmarkIndex`) and the same lookups
/// timed there, each answer compared with SQLite's: every match's recording, offset and
/// aligned hashes.
enum PostgresScale {
    /// A lookup's matches as comparable text, in one order.
    static func answer(_ matches: [AudioMatch]) -> [String] {
        matches.map { "\($0.recordingId)@\($0.offsetMs):\($0.alignedHashes)" }.sorted()
    }

    static func answer(_ candidates: [FingerprintMatcher.Candidate]) -> [String] {
        candidates.map { "\($0.recordingId)@\(Int64(($0.offsetFrames * FingerprintParameters.frameMs).rounded())):\($0.alignedHashes)" }.sorted()
    }

    /// Rows of the report's table. `sqliteAnswers` holds the queries' answers, then the negatives'.
    static func run(address: String, archive: Archive, queries: [[Landmark]], negatives: [[Landmark]],
                    sqliteAnswers: [[String]], sqliteTimes: (queries: [Double], negatives: [Double])) throws -> [(String, String)] {
        let index = try PostgresLandmarkIndex.open(address)
        defer { index.close() }
        log("postgres: loading the landmarks into \(address)")
        let (rows, loadSeconds) = try timed {
            try index.load(from: archive) { copied in
                if copied % 20_000_000 < 200_000 { log("postgres: \(copied) landmarks copied") }
            }
        }
        let bytes = try index.bytesOnDisk()
        for l in queries.prefix(5) { _ = try index.candidates(for: l) }
        var times: [Double] = [], negativeTimes: [Double] = [], answers: [[String]] = []
        for l in queries {
            let (found, seconds) = try timed { try index.candidates(for: l) }
            times.append(seconds * 1000)
            answers.append(answer(found))
        }
        for l in negatives {
            let (found, seconds) = try timed { try index.candidates(for: l) }
            negativeTimes.append(seconds * 1000)
            answers.append(answer(found))
        }
        var differing = 0
        for (i, (postgres, sqlite)) in zip(answers, sqliteAnswers).enumerated() where postgres != sqlite {
            differing += 1
            log("postgres DIFFERS on \(i < queries.count ? "query \(i)" : "clip \(i - queries.count)"): SQLite \(sqlite), PostgreSQL \(postgres)")
        }
        func figures(_ values: [Double]) -> String {
            String(format: "p50 %.1f ms, p95 %.1f ms, max %.1f ms", percentile(values, 50) ?? 0, percentile(values, 95) ?? 0, values.max() ?? 0)
        }
        return [
            ("PostgreSQL: loading the same landmarks (`PostgresLandmarkIndex.load`, COPY)",
             String(format: "%.0f s, %@ landmarks; %@ on disk", loadSeconds, String(rows), megabytes(bytes))),
            ("`identify`, \(queries.count) 10 s excerpts: SQLite (`identify(landmarks:)`) / PostgreSQL (`candidates(for:)`)",
             figures(sqliteTimes.queries) + " / " + figures(times)),
            ("… \(negatives.count) 10 s clips not in the index: SQLite / PostgreSQL",
             figures(sqliteTimes.negatives) + " / " + figures(negativeTimes)),
            ("lookups whose matches (recording, offset, aligned hashes) differ between SQLite and PostgreSQL",
             "\(differing) of \(answers.count)"),
        ]
    }
}
