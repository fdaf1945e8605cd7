import ArgumentParser
import DialectArchive

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "How one item is said across localities: matches per locality, by dialect classification, with their IPA.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var filterOptions: SearchFilterOptions
    @Flag(help: "Include restricted and closed material (the output says so).") var includeRestricted = false
    @Argument(help: "What to compare, e.g. 太阳 or an item number.") var query: [String]

    func run() throws {
        let archive = try options.openArchive()
        let rows = try failing { try archive.compare(try SearchQuery(query.joined(separator: " ")), filters: try filterOptions.filters(),
                                                         includeRestricted: includeRestricted) }
        if options.json { return print(try JSONOutput.string(rows)) }
        if includeRestricted { say("Includes restricted and closed material: do not pass it on without permission.\n") }
        if rows.isEmpty { return say("no locality has \(query.joined(separator: " "))") }
        say(Table.render(["locality", "dialect", "said", "IPA"], rows.map { row in
            [row.locality.map { "\($0.name) (\($0.id))" } ?? "(no locality)", row.dialect ?? "",
             Array(Set(row.hits.filter { $0.tierKind != "ipa" }.map(\.text))).sorted().joined(separator: "; "),
             row.ipa.joined(separator: "; ")]
        }))
    }
}
