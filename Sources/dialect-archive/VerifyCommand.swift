import ArgumentParser
import DialectArchive
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Fixity audit: re-hash every stored file and check the audit trail's hash chain; report what no longer matches.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Check only files not verified within this period, e.g. 30d, 12h, 2w.") var since: String?

    func validate() throws {
        if let since, Self.seconds(since) == nil { throw ValidationError("'\(since)' is not a period (use e.g. 30d, 12h or 2w)") }
    }

    static func seconds(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]
        guard let unit = text.last, let factor = units[unit], let value = Double(text.dropLast()), value >= 0 else { return nil }
        return value * factor
    }

    func run() throws {
        let archive = try options.openArchive()
        let report = try failing { try archive.verify(since: since.flatMap(Self.seconds), progress: options.fileProgress) }
        noteNotRecorded(archive, "audit")
        if options.json {
            print(try JSONOutput.string(report))
        } else {
            say("checked \(report.checked) files (\(ByteCount.human(report.bytes))) in \(String(format: "%.1f", report.seconds)) s"
                  + (report.skipped > 0 ? "; \(report.skipped) verified recently, skipped" : "")
                  + (report.purged > 0 ? "; \(report.purged) purged with their withdrawn material, not checked" : ""))
            for file in report.missing { say("MISSING     \(file.path)  (\(file.kind) \(file.id))") }
            for file in report.altered {
                say("ALTERED     \(file.path)  (\(file.kind) \(file.id))\n            expected \(file.expectedSHA256)\n            found    \(file.foundSHA256)")
            }
            for file in report.unreadable { say("UNREADABLE  \(file.path)  (\(file.kind) \(file.id)): \(file.reason)") }
            for path in report.unexpected { say("UNEXPECTED  \(path)") }
            for path in report.inFlight { say("IN FLIGHT   \(path)  (being stored by the ingest running now)") }
            for change in report.changedParses { say("REREAD      \(change.path): \(change.reason)") }
            say(LogCommand.describe(report.auditTrail))
            say(report.intact ? "all intact" : "problems found")
        }
        if !report.intact { throw ExitCode.failure }
    }
}
