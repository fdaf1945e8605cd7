import ArgumentParser
import DialectArchive
import Foundation

struct ClipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clip", abstract: "Write a span of an archived recording to a WAV file.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Milliseconds of audio either side.") var pad: Int64 = 0
    @Argument(help: "Recording number (see `list recordings`).") var recording: Int64
    @Argument(help: "Start: milliseconds, 1.5s, or mm:ss.mmm.") var start: String
    @Argument(help: "End: milliseconds, 1.5s, or mm:ss.mmm.") var end: String
    @Argument(help: "The WAV file to write.") var out: String
    @Flag(help: "Cut restricted and closed recordings too (each such clip is an audit event).") var includeRestricted = false

    func validate() throws {
        guard TimeFormat.parse(start) != nil else { throw ValidationError("'\(start)' is not a time (use 1234, 1.5s or 01:02.345)") }
        guard TimeFormat.parse(end) != nil else { throw ValidationError("'\(end)' is not a time (use 1234, 1.5s or 01:02.345)") }
    }

    func run() throws {
        let archive = try options.openArchive()
        let written = try failing {
            try archive.clip(recording: recording, startMs: TimeFormat.parse(start)!, endMs: TimeFormat.parse(end)!,
                             padMs: pad, to: URL(fileURLWithPath: out), includeRestricted: includeRestricted)
        }
        if options.json {
            print(try JSONOutput.string(["file": out, "frames": "\(written.frames)", "sample_rate": "\(written.sampleRate)"]))
        } else {
            say("wrote \(out): \(written.frames) frames at \(written.sampleRate) Hz, \(written.channels) ch")
        }
    }
}
