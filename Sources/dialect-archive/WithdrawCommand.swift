import ArgumentParser
import DialectArchive

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw a session (with its recordings and transcripts) or a recording from search, listings and exports.",
        discussion: """
            The record stays in the archive: `show` says when, by whom and why it was withdrawn, and the audit trail \
            has the event. --purge also deletes its stored files (their checksums are kept); it asks for --yes first.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Why, e.g. the speaker withdrew consent, or the material was wrongly filed.") var reason: String?
    @Flag(help: "Also delete the stored recordings and transcripts (needs --yes).") var purge = false
    @Flag(help: "Confirm --purge: the files are deleted for good.") var yes = false
    @Argument(help: "A recording number or a session id.") var id: String

    func run() throws {
        let archive = try options.openArchive()
        let report = try failing { try archive.withdraw(id, reason: reason, purge: purge, confirmed: yes) }
        if options.json { return print(try JSONOutput.string(report)) }
        say("\(report.withdrawnBefore ? "purged" : "withdrew") \(report.target): \(report.recordings.count) recordings, "
            + "\(report.transcripts.count) transcripts (event \(report.event))")
        if purge { say("deleted \(report.purgedFiles.count) stored files (\(ByteCount.human(report.purgedBytes))); their checksums are kept") }
    }
}
