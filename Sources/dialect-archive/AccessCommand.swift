import ArgumentParser
import DialectArchive

struct AccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access", abstract: "Change access conditions.", subcommands: [Set.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set the access of a session, recording or speaker: open, restricted or closed.",
            discussion: "Restricted and closed material is left out of search results and exports unless --include-restricted is given. Every change is an audit event.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "Until this date (yyyy-mm-dd); afterwards the material is open.") var until: String?
        @Option(help: "Why, e.g. the speaker's wish or a consent form.") var reason: String?
        @Argument(help: "A recording number, or a session or speaker id.") var id: String
        @Argument(help: "open, restricted or closed.") var level: String

        func run() throws {
            let archive = try options.openArchive()
            var text = level
            if let until { text += " until \(until)" }
            guard var condition = AccessCondition.parse(text) else {
                printError("error: '\(text)' is not an access condition (open, restricted or closed, with --until yyyy-mm-dd)")
                throw ExitCode.failure
            }
            condition.reason = reason
            let target = try failing { try archive.accessTarget(id) }
            try failing { try archive.setAccess(target, condition) }
            say("\(target) is now \(condition.level.rawValue)" + (condition.until.map { " until \($0)" } ?? ""))
        }
    }
}
