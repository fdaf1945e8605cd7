import ArgumentParser
import DialectArchive

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Hours and counts by locality, dialect, speaker role and content type.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let archive = try options.openArchive()
        let stats = try failing { try archive.stats() }
        if options.json { return print(try JSONOutput.string(stats)) }
        print("\(stats.recordings) recordings, \(TimeFormat.hours(stats.durationMs)) (\(TimeFormat.clock(stats.durationMs))), \(ByteCount.human(stats.bytes))")
        print("\(stats.sessions) sessions, \(stats.speakers) speakers, \(stats.localities) localities, \(stats.collections) collections")
        print("\(stats.transcripts) transcripts, \(stats.segments) segments")
        for (title, lines) in [("by locality", stats.byLocality), ("by dialect", stats.byDialect),
                               ("by speaker role", stats.bySpeakerRole), ("by content type", stats.byContentType),
                               ("by format", stats.byFormat)] {
            print("\n\(title):")
            print(Table.render(["", "recordings", "length"], lines.map { ["  " + $0.label, "\($0.recordings)", TimeFormat.clock($0.durationMs)] }))
        }
    }
}
