import ArgumentParser
import DialectArchive

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Correct fields of a recording, session, speaker, locality or collection, with the reason why.",
        discussion: """
            Fields are named as in the metadata CSV files (birth_year=1949, latitude=39.93, title=...; FIELD= clears one) \
            and each value is checked as it would be there. Every field's value before and after is kept with an audit \
            event. Access is changed with `access set`, a withdrawal with `withdraw`.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Why the record is corrected, e.g. where the right value comes from (required).") var reason: String?
    @Argument(help: "A recording number, or a session, speaker, locality or collection id.") var id: String
    @Argument(help: "FIELD=VALUE, one or more.") var fields: [String] = []

    func run() throws {
        let archive = try options.openArchive()
        let report = try failing { try archive.edit(id, fields, reason: reason) }
        if options.json { return print(try JSONOutput.string(report)) }
        let record = "\(report.recordKind.rawValue) \(report.recordId)"
        guard let event = report.event else { return say("nothing changed: \(record) already has these values") }
        say("edited \(record) (event \(event)):")
        for change in report.changes { say("  \(change.field): \(change.before ?? "(empty)") → \(change.after ?? "(empty)")") }
    }
}
