import ArgumentParser
import DialectArchive

struct HarvestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest",
        abstract: "Harvest a peer archive's OAI-PMH catalogue into this archive's read-only catalogue of remote sessions.",
        discussion: """
            URL is the peer's OAI-PMH base URL (e.g. https://archive.example.org/oai). Records come in olac when the peer \
            offers it, else oai_dc; after the first harvest only records changed since the last one are asked for, and \
            deleted records take their sessions out of the catalogue. `list sessions --remote` lists what was harvested.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Harvest only this set of the peer (e.g. collection:sample).") var set: String?
    @Option(help: "Seconds to wait for each answer of the peer.") var timeout: Double = 30
    @Argument(help: "The peer's OAI-PMH base URL.") var url: String

    func run() throws {
        let archive = try options.openArchive()
        let report = try failing { try archive.harvest(url, set: set, timeout: timeout) }
        if options.json { return print(try JSONOutput.string(report)) }
        say("harvested \(report.records) records of \(report.repositoryName) (\(report.metadataPrefix), \(report.pages) pages"
            + "\(report.from.map { ", changed since \($0)" } ?? "")): \(report.added) added, \(report.changed) changed, "
            + "\(report.deleted) deleted, \(report.unchanged) unchanged (event \(report.event))")
    }
}
