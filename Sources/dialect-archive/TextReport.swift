import DialectArchive
import Foundation
import Transcripts

/// Human-readable renderings of library results for the terminal.
enum TextReport {
    static func audio(_ facts: AudioFacts, file: String) -> Output {
        var lines: [Output] = [
            "\(file)",
            "  format      \(facts.container) / \(facts.codec)",
            "  audio       \(facts.sampleRate) Hz, \(facts.channels) ch\(facts.bitsPerSample.map { ", \($0)-bit" } ?? "")",
            "  length      \(TimeFormat.clock(facts.durationMs)) (\(facts.frames) frames)",
            "  size        \(ByteCount.human(facts.size))",
            "  sha256      \(facts.sha256)",
            "  audio hash  \(facts.audioSHA256)",
        ]
        if let bext = facts.bext {
            lines.append("  bext        \(bext.originator) \(bext.originationDate) \(bext.originationTime) \(bext.description)")
        }
        for warning in facts.warnings { lines.append("  damaged     \(warning)") }
        return lines.joined(separator: "\n")
    }

    static func transcript(_ transcript: Transcript, file: String) -> Output {
        var lines: [Output] = ["\(file)  (\(transcript.format.rawValue), \(transcript.encoding))"]
        if !transcript.media.isEmpty { lines.append("  media: \(transcript.media.joined(separator: ", "))") }
        for tier in transcript.tiers {
            let who = tier.participant.map { " [\($0)]" } ?? ""
            lines.append("  tier \(tier.name)\(who) (\(tier.type.rawValue), \(tier.annotations.count) annotations)")
            for annotation in tier.annotations {
                lines.append("    \(TimeFormat.clock(Int64(annotation.startMs)))–\(TimeFormat.clock(Int64(annotation.endMs)))  \(annotation.text)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
