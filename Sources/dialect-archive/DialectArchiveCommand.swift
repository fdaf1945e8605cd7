import ArgumentParser
import DialectArchive

@main
struct DialectArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dialect-archive",
        abstract: "Ingest, search, verify and export archives of spoken-dialect recordings.",
        subcommands: [InitCommand.self, IngestCommand.self, InspectCommand.self, ListCommand.self,
                      ShowCommand.self, HistoryCommand.self, SearchCommand.self, CompareCommand.self, ClipCommand.self, IdentifyCommand.self, DuplicatesCommand.self, RefingerprintCommand.self, VerifyCommand.self, AccessCommand.self, EditCommand.self, WithdrawCommand.self, ExportCommand.self, HarvestCommand.self,
                      StatsCommand.self, LogCommand.self, ServeCommand.self, UserCommand.self, MigrateDatabaseCommand.self])
}
