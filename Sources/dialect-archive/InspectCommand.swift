import ArgumentParser
import DialectArchive
import Foundation
import Transcripts

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Analyse one audio file or transcript without touching the archive.")

    @Flag(help: "Print machine-readable JSON.") var json = false
    @Argument(help: "The audio file or transcript to analyse.") var file: String

    func run() throws {
        let url = URL(fileURLWithPath: file)
        if Transcript.format(forFileName: url.lastPathComponent) != nil {
            let transcript = try failing { try Transcript.read(contentsOf: url) }
            if json {
                print(String(decoding: try transcript.inspectJSON(file: url.lastPathComponent), as: UTF8.self))
            } else {
                say(TextReport.transcript(transcript, file: url.lastPathComponent))
            }
            return
        }
        let facts = try failing { try AudioAnalyzer.analyze(url) }
        if json {
            print(try JSONOutput.string(AudioInspection(file: url.lastPathComponent, facts: facts)))
        } else {
            say(TextReport.audio(facts, file: url.lastPathComponent))
        }
    }
}
