import ArgumentParser
import DialectArchive

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Hours and counts by locality, dialect, speaker role and content type.")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Count restricted and closed material too (the output says so).") var includeRestricted = false

    func run() throws {
        let archive = try options.openArchive()
        let stats = try failing { try archive.stats(includeRestricted: includeRestricted) }
        if options.json { return print(try JSONOutput.string(stats)) }
        if includeRestricted { say("Includes restricted and closed material: do not pass it on without permission.\n") }
        say("\(stats.recordings) recordings, \(TimeFormat.hours(stats.durationMs)) (\(TimeFormat.clock(stats.durationMs))), \(ByteCount.human(stats.bytes))")
        say("\(stats.sessions) sessions, \(stats.speakers) speakers, \(stats.localities) localities, \(stats.collections) collections")
        say("\(stats.transcripts) transcripts, \(stats.segments) segments")
        for (title, lines) in [("by locality", stats.byLocality), ("by dialect", stats.byDialect),
                               ("by speaker role", stats.bySpeakerRole), ("by content type", stats.byContentType),
                               ("by format", stats.byFormat)] {
            say("\n\(title):")
            say(Table.render(["", "recordings", "length"], lines.map { ["  " + $0.label, "\($0.recordings)", TimeFormat.clock($0.durationMs)] }))
        }
    }
}
