import ArgumentParser
import DialectArchive
import Foundation

struct RefingerprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refingerprint",
        abstract: "Fingerprint again, from the stored originals, the recordings whose fingerprint is missing or of an older version.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let archive = try options.openArchive()
        let report = try failing { try archive.refingerprint(progress: options.fileProgress) }
        if options.json {
            print(try JSONOutput.string(report))
        } else {
            say("\(report.fingerprinted.count) recordings fingerprinted, \(report.current) already current, \(report.failed.count) failed")
            for failure in report.failed { say("FAILED  \(failure.path)  (recording \(failure.recordingId)): \(failure.reason)") }
        }
        if !report.failed.isEmpty { throw ExitCode.failure }
    }
}
