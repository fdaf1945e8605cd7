import ArgumentParser
import DialectArchive
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an empty archive (safe to repeat).",
        discussion: """
            The archive's database is archive.sqlite in its folder, unless --database (or \
            $DIALECT_ARCHIVE_DATABASE) gives a PostgreSQL database, which must be empty: the folder \
            then keeps the recordings and transcripts, and its archive.database (readable by its owner \
            only) names the database. Every command works the same on either. To move an existing \
            archive's database to PostgreSQL, use migrate-database.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: ArgumentHelp("The archive's database: a PostgreSQL address, e.g. postgres://archive@db.example.org/dialects "
                               + "or postgres://archive@/dialects?host=/run/postgresql, or sqlite (default: $DIALECT_ARCHIVE_DATABASE, else sqlite).",
                               valueName: "address"))
    var database: String?

    /// The database asked for, by --database, else by the environment.
    var choice: DatabaseChoice {
        get throws {
            let environment = ProcessInfo.processInfo.environment["DIALECT_ARCHIVE_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
            guard let text = database ?? environment else { return .sqlite }
            do {
                return try DatabaseChoice(text)
            } catch {
                throw ValidationError("\(database == nil ? "DIALECT_ARCHIVE_DATABASE" : "--database"): \(error)")
            }
        }
    }

    func validate() throws {
        _ = try choice
    }

    func run() throws {
        let archive = try failing { try Archive.create(at: options.archiveURL, database: try choice) }
        let database = archive.postgresAddress.map { "\($0)" }
        if options.json {
            print(try JSONOutput.string(["archive": archive.url.path, "database": database ?? "sqlite"]))
        } else {
            if let database { say("archive ready at \(archive.url.path), its database \(database)") } else { say("archive ready at \(archive.url.path)") }
        }
    }
}
