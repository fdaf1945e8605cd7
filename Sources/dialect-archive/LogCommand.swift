import ArgumentParser
import DialectArchive

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Show the audit trail: every ingest, edit, export and verification.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let archive = try options.openArchive()
        let events = try failing { try archive.events() }
        if options.json { return print(try JSONOutput.string(events)) }
        for event in events {
            say("\(event.at)  \(event.kind)  \(event.user)@\(event.host)  \(event.summary)")
            say("    \(event.arguments)  (in \(event.workingDirectory))")
        }
    }
}
