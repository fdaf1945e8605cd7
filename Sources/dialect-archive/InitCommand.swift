import ArgumentParser
import DialectArchive

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an empty archive (safe to repeat).")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let archive = try failing { try Archive.create(at: options.archiveURL) }
        if !options.json { say("archive ready at \(archive.url.path)") } else { print(try JSONOutput.string(["archive": archive.url.path])) }
    }
}
