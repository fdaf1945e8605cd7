import ArgumentParser
import DialectArchive

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one record with its links: a recording number, or a session, speaker, locality or collection id.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The record's id.") var id: String
    @Flag(help: "Show restricted and closed material, and restricted speakers in full (the output says so).") var includeRestricted = false

    func run() throws {
        let archive = try options.openArchive()
        let item = try failing { try archive.item(id, includeRestricted: includeRestricted) }
        if options.json { return print(try JSONOutput.string(item)) }
        if includeRestricted { say("Includes restricted and closed material: do not pass it on without permission.\n") }
        switch item {
        case .recording(let detail): say(render(detail))
        case .session(let detail):
            let s = detail.session
            say("session \(s.id)  \(s.title ?? "")")
            say("  date \(s.date ?? "-")  content \(s.contentType ?? "-")  collection \(s.collectionId)  access \(s.access)")
            if let withdrawn = detail.withdrawn { say(Self.render(withdrawn)) }
            if let locality = detail.locality { say("  locality \(locality.name) (\(locality.id))  \(locality.classification)") }
            for p in detail.participants { say("  \(p.role): \(p.speakerId ?? p.name ?? "")") }
            for r in detail.recordings { say("  recording \(r.id!)  \(r.originalName)  \(TimeFormat.clock(r.durationMs))") }
        case .speaker(let s):
            say("speaker \(s.id)  \(s.name ?? "")  \(s.sex ?? "")  born \(s.birthYear.map(String.init) ?? "-")  role \(s.role ?? "-")")
            say("  locality \(s.localityId ?? "-")  education \(s.education ?? "-")  occupation \(s.occupation ?? "-")  languages \(s.languages ?? "-")")
            say("  consent \(s.consentDate ?? "-") \(s.consentScope ?? "")  access \(s.access)")
        case .locality(let l):
            say("locality \(l.id)  \(l.name)  \([l.province, l.prefecture, l.county].compactMap { $0 }.joined(separator: " "))")
            say("  dialect \(l.classification)  coordinates \(l.latitude.map { "\($0)" } ?? "-"), \(l.longitude.map { "\($0)" } ?? "-")")
        case .collection(let c):
            say("collection \(c.id)  \(c.title ?? "")  created \(c.createdAt)")
        }
    }

    /// Says that a record existed and why it is no longer found.
    static func render(_ withdrawn: Withdrawal) -> Output {
        "  withdrawn  \(withdrawn.at) by \(withdrawn.by): \(withdrawn.reason)"
            + (withdrawn.purged.map { "\n  purged     \($0): stored files deleted, checksums kept" } ?? "")
    }

    private func render(_ detail: RecordingDetail) -> Output {
        let r = detail.recording
        var lines: [Output] = [
            "recording \(r.id!)  \(r.originalName)",
            "  stored     \(r.storedPath)",
            "  from       \(r.sourcePath)",
            "  audio      \(r.container)/\(r.codec), \(r.sampleRate) Hz, \(r.channels) ch\(r.bitsPerSample.map { ", \($0)-bit" } ?? "")"
                + ", \(TimeFormat.clock(r.durationMs)) (\(r.frames) frames)",
            "  sha256     \(r.sha256)",
        ] + (r.warnings ?? []).map { "  damaged    \($0)" } + (detail.withdrawn.map { [Self.render($0)] } ?? []) + [
            "  session    \(detail.session.id)  \(detail.session.title ?? "")  \(detail.session.date ?? "")  \(detail.session.contentType ?? "")",
        ]
        if let locality = detail.locality { lines.append("  locality   \(locality.name) (\(locality.id))  \(locality.classification)") }
        for speaker in detail.speakers {
            lines.append("  speaker    \(speaker.id)  \(speaker.name ?? "")  \(speaker.role ?? "")  born \(speaker.birthYear.map(String.init) ?? "-")")
        }
        if let originator = r.bextOriginator {
            lines.append("  bext       \(originator)  \(r.bextOriginationDate ?? "") \(r.bextOriginationTime ?? "")  \(r.bextDescription ?? "")")
        }
        for transcript in detail.transcripts {
            let file = transcript.file
            lines.append("  transcript \(file.originalName) (\(file.format), \(file.tierCount) tiers)")
            if transcript.revisions > 1 {
                let replaced: Output = file.replacedAt.map { "replaced at \($0) by transcript \(file.replacedBy ?? 0)" } ?? "current"
                lines.append("    revision \(file.revision) of \(transcript.revisions), ingested at \(file.ingestedAt), \(replaced); stored \(file.storedPath)")
            }
            var tier: String?
            for segment in transcript.segments {
                if segment.tier != tier {
                    tier = segment.tier
                    lines.append("    [\(segment.tier)] \(segment.tierKind)\(segment.speakerId.map { ", speaker \($0)" } ?? "")")
                }
                lines.append("      \(TimeFormat.clock(segment.startMs))–\(TimeFormat.clock(segment.endMs))  \(segment.text)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
