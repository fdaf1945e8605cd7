import ArgumentParser
import DialectArchive

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Show the audit trail: every ingest, edit, export and verification.")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Check only that the trail's hash chain is unbroken; exit non-zero at the first event that no longer matches.")
    var verify = false

    func run() throws {
        let archive = try options.openArchive()
        if verify {
            let trail = try failing { try archive.checkAuditTrail() }
            if options.json { print(try JSONOutput.string(trail)) } else { say(Self.describe(trail)) }
            if !trail.unbroken { throw ExitCode.failure }
            return
        }
        let events = try failing { try archive.events() }
        if options.json { return print(try JSONOutput.string(events)) }
        for event in events {
            say("\(event.at)  \(event.kind)  \(event.user)@\(event.host)  \(event.summary)")
            say("    \(event.arguments)  (in \(event.workingDirectory))")
        }
    }
}

extension LogCommand {
    /// One line on the chain: unbroken, or where and why it breaks.
    static func describe(_ trail: AuditTrailReport) -> Output {
        guard let broken = trail.firstBreak else { return "the audit trail's \(trail.events) events form an unbroken chain" }
        return "BROKEN      audit trail at event \(broken.id) (\(broken.kind), \(broken.at)): \(broken.reason)"
    }
}
