import ArgumentParser
import DialectArchive
import Foundation

struct IdentifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify", abstract: "Which archived recordings contain the audio of a file, where, and how sure.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "An audio file: a copy, a re-encoding or an excerpt of archived audio.") var file: String
    @Flag(help: "Include restricted and closed material (the output says so).") var includeRestricted = false

    func run() throws {
        let archive = try options.openArchive()
        let matches = try failing { try archive.identify(URL(fileURLWithPath: file), includeRestricted: includeRestricted) }
        noteOutdatedFingerprints(archive)
        if options.json { return print(try JSONOutput.string(matches)) }
        if includeRestricted { say("Includes restricted and closed material: do not pass it on without permission.\n") }
        if matches.isEmpty { return say("no archived recording contains this audio") }
        say(Table.render(["recording", "file", "session", "offset", "matched in recording", "hashes", "confidence"], matches.map {
            ["\($0.recordingId)", $0.recordingFile, $0.sessionId, TimeFormat.clock($0.offsetMs),
             "\(TimeFormat.clock($0.recordingStartMs))–\(TimeFormat.clock($0.recordingEndMs))",
             "\($0.alignedHashes)/\($0.queryHashes)", $0.confidence]
        }))
    }
}
