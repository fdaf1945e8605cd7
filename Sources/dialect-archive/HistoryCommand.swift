import ArgumentParser
import DialectArchive

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show everything that happened to one record, oldest first: a recording number, or a session, speaker, locality or collection id.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The record's id.") var id: String
    @Flag(help: "Show the history of restricted and closed material, and restricted speakers' values (the output says so).")
    var includeRestricted = false

    func run() throws {
        let archive = try options.openArchive()
        let history = try failing { try archive.history(of: id, includeRestricted: includeRestricted) }
        if options.json { return print(try JSONOutput.string(history)) }
        if includeRestricted { say("Includes restricted and closed material: do not pass it on without permission.\n") }
        say("history of \(history.kind) \(history.id)")
        if history.entries.isEmpty { say("  nothing recorded about it in the audit trail") }
        for entry in history.entries { say(Self.render(entry)) }
    }

    /// One entry: when, who, what and the audit event, then each field before → after.
    static func render(_ entry: HistoryEntry) -> Output {
        let event: Output = entry.event.map { "  (event \($0))" } ?? ""
        var lines: [Output] = ["\(entry.at)  \(entry.user ?? "-")  \(entry.kind.rawValue)  \(entry.summary)\(event)"]
        if let reason = entry.reason, entry.kind != .withdrawn { lines.append("    reason: \(reason)") }
        if let source = entry.source, entry.kind == .changed || entry.kind == .created && !entry.fields.isEmpty {
            lines.append("    from: \(source)")
        }
        for field in entry.fields { lines.append("    \(field.field): \(field.before ?? "-") → \(field.after ?? "-")") }
        if entry.kind == .fixityCheck && entry.outcome != "intact" {
            for file in entry.files { lines.append("    \(file.outcome ?? "-"): \(file.path)") }
        }
        return lines.joined(separator: "\n")
    }
}
