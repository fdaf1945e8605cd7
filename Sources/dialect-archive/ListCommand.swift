import ArgumentParser
import DialectArchive

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List recordings, speakers, localities, sessions or collections.")

    enum What: String, ExpressibleByArgument, CaseIterable {
        case recordings, speakers, localities, sessions, collections
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: "What to list: \(What.allCases.map(\.rawValue).joined(separator: ", ")).") var what: What
    @Flag(help: "List restricted and closed recordings and sessions too, and restricted speakers in full, not by id and role only (the output says so).")
    var includeRestricted = false
    @Flag(help: "List the sessions harvested from other archives (`harvest`) instead, each with its archive and address there.")
    var remote = false

    func validate() throws {
        if remote && what != .sessions { throw ValidationError("--remote lists sessions only: `list sessions --remote`") }
    }

    func run() throws {
        let archive = try options.openArchive()
        try failing {
            switch what {
            case .recordings:
                let rows = try archive.recordings(as: .owner(includeRestricted: includeRestricted))
                if options.json { return print(try JSONOutput.string(rows)) }
                if includeRestricted { say("Includes restricted and closed material: do not pass it on without permission.\n") }
                say(Table.render(["id", "file", "session", "locality", "dialect", "content", "length", "format", "transcripts"], rows.map {
                    ["\($0.recording.id!)", $0.recording.originalName, $0.recording.sessionId, $0.localityName ?? "",
                     $0.dialect ?? "", $0.contentType ?? "", TimeFormat.clock($0.recording.durationMs),
                     "\($0.recording.container)/\($0.recording.codec) \($0.recording.sampleRate) Hz", "\($0.transcripts)"]
                }))
            case .speakers:
                let rows = try archive.speakers(includeRestricted: includeRestricted)
                if options.json { return print(try JSONOutput.string(rows)) }
                if includeRestricted { say("Includes restricted and closed material: do not pass it on without permission.\n") }
                say(Table.render(["id", "name", "sex", "born", "role", "locality", "access"], rows.map {
                    [$0.id, $0.name ?? "", $0.sex ?? "", $0.birthYear.map(String.init) ?? "", $0.role ?? "", $0.localityId ?? "", $0.access]
                }))
            case .localities:
                let rows = try archive.localities()
                if options.json { return print(try JSONOutput.string(rows)) }
                say(Table.render(["id", "name", "province", "county", "dialect", "lat", "lon"], rows.map {
                    [$0.id, $0.name, $0.province ?? "", $0.county ?? "", $0.classification,
                     $0.latitude.map { "\($0)" } ?? "", $0.longitude.map { "\($0)" } ?? ""]
                }))
            case .sessions where remote:
                let rows = try archive.remoteSessions()
                if options.json { return print(try JSONOutput.string(rows)) }
                say(Table.render(["archive", "title", "date", "place", "languages", "collection", "rights", "address"], rows.map {
                    [$0.archiveName, $0.title ?? "", $0.date ?? "", $0.place ?? "", $0.languages ?? "", $0.collection ?? "",
                     $0.rights ?? "", $0.landingURL]
                }))
            case .sessions:
                let rows = try archive.sessions(includeRestricted: includeRestricted)
                if options.json { return print(try JSONOutput.string(rows)) }
                if includeRestricted { say("Includes restricted and closed material: do not pass it on without permission.\n") }
                say(Table.render(["id", "title", "date", "locality", "content", "collection", "access"], rows.map {
                    [$0.id, $0.title ?? "", $0.date ?? "", $0.localityId ?? "", $0.contentType ?? "", $0.collectionId, $0.access]
                }))
            case .collections:
                let rows = try archive.collections()
                if options.json { return print(try JSONOutput.string(rows)) }
                say(Table.render(["id", "title", "created"], rows.map { [$0.id, $0.title ?? "", $0.createdAt] }))
            }
        }
    }
}
