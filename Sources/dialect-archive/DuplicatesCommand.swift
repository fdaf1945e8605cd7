import ArgumentParser
import DialectArchive

struct DuplicatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "Group recordings that hold the same audio: identical bytes, identical samples, re-encoded, one containing another.")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Include restricted and closed material (the output says so).") var includeRestricted = false

    func run() throws {
        let archive = try options.openArchive()
        let groups = try failing { try archive.duplicates(includeRestricted: includeRestricted) }
        noteOutdatedFingerprints(archive)
        if options.json { return print(try JSONOutput.string(groups)) }
        if includeRestricted { say("Includes restricted and closed material: do not pass it on without permission.\n") }
        if groups.isEmpty { return say("no duplicates: every recording holds audio of its own") }
        for group in groups {
            let title: String
            switch group.kind {
            case .identicalBytes: title = "identical bytes (the same file found again elsewhere)"
            case .identicalSamples: title = "identical samples (lossless copies)"
            case .sameAudio: title = "same audio, re-encoded"
            case .contains: title = "one contains the other"
            case .overlaps: title = "shared stretch of audio"
            }
            say("\(title)\(group.confidence.map { " [\($0)]" } ?? "")")
            for member in group.members {
                let at = member.offsetMs.map { "  at \(TimeFormat.clock($0))" } ?? ""
                say("  \(member.recordingId)  \(member.file)  (\(TimeFormat.clock(member.durationMs)))\(at)")
                for copy in member.copies { say("      also at \(copy)") }
            }
        }
    }
}
