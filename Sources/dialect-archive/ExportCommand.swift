import ArgumentParser
import DialectArchive
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a collection, sessions or search results as BagIt, RO-Crate, OLAC, CSV, JSON, EAF, TextGrid or WebVTT.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Package: \(ExportRequest.Format.allCases.map(\.rawValue).joined(separator: ", ")).") var format: ExportRequest.Format
    @Option(help: "The folder to write (must be empty unless --force).") var out: String
    @Option(help: "Export this collection.") var collection: String?
    @Option(name: .customLong("session"), help: "Export this session (repeat for several).") var sessions: [String] = []
    @Option(help: "Export the recordings this search finds.") var query: String?
    @Option(help: "Source-Organization for BagIt.") var organization = "dialect-archive"
    @Flag(help: "Include restricted and closed material (the package says so).") var includeRestricted = false
    @Flag(help: "Also export the replaced revisions of each transcript (as NAME.rN.ext, marked as replaced).") var allRevisions = false
    @Flag(help: "Write into a folder that is not empty.") var force = false

    func run() throws {
        let archive = try options.openArchive()
        let report = try failing { () -> ExportReport in
            let request = ExportRequest(format: format, out: URL(fileURLWithPath: out), collection: collection, sessions: sessions,
                                        query: try query.map(SearchQuery.init), includeRestricted: includeRestricted,
                                        allRevisions: allRevisions, force: force,
                                        organization: organization)
            return try archive.export(request)
        }
        noteNotRecorded(archive, "export")
        if options.json { return print(try JSONOutput.string(report)) }
        let revisions = report.replacedRevisions > 0 ? " (and \(report.replacedRevisions) replaced revisions)" : ""
        say("exported \(report.recordings) recordings and \(report.transcripts) transcripts\(revisions) as \(report.format) to \(report.out) (\(report.files) files, \(ByteCount.human(report.bytes)))")
        if report.includesRestricted { say("Includes restricted and closed material: do not pass it on without permission.") }
        else if report.leftOutRestricted > 0 { say("\(report.leftOutRestricted) restricted or closed recordings were left out (--include-restricted to include them)") }
    }
}

extension ExportRequest.Format: ExpressibleByArgument {}
