import ArgumentParser
import DialectArchive
import Foundation

struct MigrateDatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-database",
        abstract: "Move the archive's database to an empty PostgreSQL database, proving the copy before the archive uses it.",
        discussion: """
            Copies every table, the audit trail, the search index and the landmarks in one go (a copy \
            that fails or is killed leaves the target without archive rows), then compares the rows of \
            every table, each recording's checksum, the audit trail's hash chain and a sample of searches. \
            When all are equal, the archive switches to PostgreSQL: its folder's archive.database names \
            the database, archive.sqlite is kept beside it as archive.sqlite.before-postgres (with its -wal \
            and -shm files), untouched since the copy, and the move is recorded in the audit trail. Every \
            command then works on PostgreSQL; restart a running `serve`. When anything differs, the \
            differences are listed, the archive stays on SQLite, and the command exits with an error. \
            Nothing can be written to the archive while the command runs.

            With --keep-sqlite the database is copied and proven only: the archive stays on SQLite and \
            its folder is not changed (a trial run, or a copy for another server).
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "The PostgreSQL database, e.g. postgres://archive@db.example.org/dialects or postgres://archive@/dialects?host=/run/postgresql.")
    var to: String
    @Option(help: "Searches of each kind (one to three characters, IPA syllable, phrase, OR, prefix) compared on both.")
    var queries = 20
    @Flag(help: "Copy and prove only: the archive keeps its SQLite database and its folder is not changed.")
    var keepSqlite = false

    func validate() throws {
        if queries < 0 { throw ValidationError("--queries must be 0 or more") }
    }

    /// What `--json` prints.
    func run() throws {
        let archive = try options.openArchive()
        let moved = try failing {
            try DatabaseMove.run(archive, to: to, queriesPerKind: queries, switching: !keepSqlite) { step in
                switch step {
                case .copying(let table): progress("copying \(table) …")
                case .copied(let table): progress(" \(table.rows) rows in \(Self.seconds(table.seconds))\n")
                case .analysing: progress("updating the planner's statistics (ANALYZE) …")
                case .proving(let copied): progress(" \(Self.seconds(copied.analyseSeconds))\ncopied in \(Self.seconds(copied.seconds)); proving …\n")
                }
            }
        }
        if options.json {
            print(try JSONOutput.string(moved))
        } else {
            say(Self.describe(moved.proof))
            say(Self.describe(moved, folder: archive.url, keepSqlite: keepSqlite))
        }
        if !moved.proof.passed { throw ExitCode.failure }
    }

    /// What became of the folder.
    static func describe(_ moved: DatabaseMove.Moved, folder: URL, keepSqlite: Bool) -> Output {
        if let switched = moved.switched {
            let logs = switched.kept.dropFirst()
            return "the archive at \(folder.path) now uses PostgreSQL, \(switched.address) (named in archive.database); "
                + "its SQLite database is kept as \(switched.kept.first ?? "")" + (logs.isEmpty ? "" : " (with \(logs.joined(separator: " and ")))")
        }
        if keepSqlite { return "the archive at \(folder.path) still uses its SQLite database (--keep-sqlite)" }
        return "the archive at \(folder.path) still uses its SQLite database: the copy differs, so it was not switched"
    }

    /// Progress as soon as it happens, each table on one line (on stderr with `--json`, so
    /// that the JSON stays whole).
    private func progress(_ text: Output) {
        (options.json ? FileHandle.standardError : FileHandle.standardOutput).write(Data(text.description.utf8))
    }

    static func seconds(_ value: Double) -> Output { "\(String(format: "%.1f", value)) s" }

    static func describe(_ proof: DatabaseMigrationProof) -> Output {
        var lines: [Output] = ["proof against \(proof.address), in \(seconds(proof.seconds)):"]
        let equalTables = proof.tables.filter { $0.sqlite == $0.postgres }
        let counts = proof.tables.map { "\($0.table) \($0.postgres)" as Output }.joined(separator: ", ")
        lines.append("  rows: \(equalTables.count) of \(proof.tables.count) tables equal (\(counts))")
        lines.append("  values: \(proof.rowsCompared) catalogue rows compared value by value")
        lines.append("  checksums: \(proof.recordingsCompared) recordings and \(proof.transcriptsCompared) transcripts compared one by one")
        let sqliteHead = proof.sqliteHead == proof.postgresHead ? "the same" : proof.sqliteHead ?? "none"
        lines.append("  audit trail: \(proof.events) events, chain recomputed on PostgreSQL; head \(proof.postgresHead ?? "none") there, \(sqliteHead) on SQLite")
        let byKind = SearchSample.kinds.compactMap { kind -> Output? in
            let asked = proof.queries.filter { $0.kind == kind }
            guard !asked.isEmpty else { return nil }
            let same = asked.filter { $0.sameIds && $0.sqliteCount == $0.postgresCount }.count
            return "\(kind) \(same)/\(asked.count)"
        }.joined(separator: ", ")
        lines.append("  searches: \(proof.queries.count) compared by ordered ids (the first \(DatabaseMigrationProof.idsPerQuery)) and count; equal: \(byKind)")
        if proof.passed {
            lines.append("both databases hold the same")
        } else {
            lines.append("\(proof.differences.count) difference\(proof.differences.count == 1 ? "" : "s"):")
            lines += proof.differences.map { "  DIFFERS  \($0)" as Output }
        }
        return lines.joined(separator: "\n")
    }
}
