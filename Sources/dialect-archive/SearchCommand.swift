import ArgumentParser
import DialectArchive
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find words in every transcript, as a concordance with place, speaker and time.",
        discussion: """
        QUERY: words and "phrases" must all occur; a OR b; -word excludes; word* is a prefix. \
        Han characters match one by one and traditional = simplified (說 finds 说); IPA and Latin \
        ignore case and diacritics, and tones unless the query has them (tɕi finds tɕi˥˧ and tɕi53).
        """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var filterOptions: SearchFilterOptions
    @Option(help: "Order: archive (recording and time), relevance, place (dialect classification).") var sort: SearchOrder = .archive
    @Option(help: "Hits to show.") var limit = 50
    @Option(help: "Hits to skip.") var offset = 0
    @Option(help: "Write each hit's audio span to a WAV file in this folder.") var clips: String?
    @Option(help: "Milliseconds of audio either side of each clip.") var pad: Int64 = 250
    @Flag(help: "Include restricted and closed material (the output says so).") var includeRestricted = false
    @Argument(help: "What to look for.") var query: [String]

    func run() throws {
        let archive = try options.openArchive()
        let result = try failing { () -> SearchResult in
            let parsed = try SearchQuery(query.joined(separator: " "))
            return try archive.search(parsed, filters: try filterOptions.filters(), order: sort, limit: limit, offset: offset,
                                     includeRestricted: includeRestricted)
        }
        var clipFiles: [URL] = []
        if let clips {
            clipFiles = try failing { try archive.writeClips(for: result.hits, padMs: pad, to: URL(fileURLWithPath: clips), includeRestricted: includeRestricted) }
        }
        if options.json { return print(SearchResultJSON.string(result)) }
        say(Concordance.render(result, emphasis: isatty(STDOUT_FILENO) != 0))
        if !clipFiles.isEmpty { say("\nwrote \(clipFiles.count) clips to \(clips!)") }
    }
}

/// Keyword-in-context rendering of search hits for the terminal.
enum Concordance {
    static func render(_ result: SearchResult, emphasis: Bool) -> Output {
        var lines: [Output] = []
        if result.includesRestricted { lines.append("Includes restricted and closed material: do not pass it on without permission.\n") }
        for (index, hit) in result.hits.enumerated() {
            let place = [hit.locality.map { "\($0.name) (\($0.id))" }, hit.dialect].compactMap { $0 }.joined(separator: " · ")
            let who = hit.speaker.map { s in [s.id, s.role, s.birthYear.map { "b. \($0)" }].compactMap { $0 }.joined(separator: " ") } ?? "speaker unknown"
            lines.append("\(result.offset + index + 1). \(place.isEmpty ? "(no locality)" : place) · \(who)")
            lines.append("   \(hit.recordingFile ?? "(no recording)") #\(hit.recordingId.map(String.init) ?? "-")  \(TimeFormat.clock(hit.startMs))–\(TimeFormat.clock(hit.endMs))")
            let marked = mark(hit, emphasis: emphasis)
            let width = ([hit.tier] + hit.parallel.map(\.tier)).map { Table.width(TerminalText.escaped($0)) }.max() ?? 0
            func pad(_ tier: String) -> String { tier + String(repeating: " ", count: width - Table.width(TerminalText.escaped(tier))) }
            lines.append("   \(pad(hit.tier))  \(marked)")
            for other in hit.parallel { lines.append("   \(pad(other.tier))  \(other.text)") }
        }
        if result.hits.isEmpty { lines.append("no hits for \(result.query)") }
        lines.append("")
        lines.append("\(result.total) \(result.total == 1 ? "hit" : "hits")\(result.hits.count < result.total ? " (showing \(result.offset + 1)–\(result.offset + result.hits.count))" : "")")
        if !result.byDialectGroup.isEmpty {
            lines.append("by dialect group: \(result.byDialectGroup.map { "\($0.label) \($0.hits)" }.joined(separator: ", "))")
            lines.append("by locality: \(result.byLocality.map { "\($0.label) \($0.hits)" }.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }

    /// The hit's text with its matches in reverse video on a terminal, in brackets elsewhere;
    /// the text between the marks is escaped, the marks themselves are the program's own.
    static func mark(_ hit: SearchHit, emphasis: Bool) -> Output {
        let open: Output = emphasis ? "\u{1B}[1;7m" : "[", close: Output = emphasis ? "\u{1B}[0m" : "]"
        let scalars = Array(hit.text.unicodeScalars)
        func text(_ from: Int, _ to: Int) -> Output {
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[max(0, min(from, scalars.count))..<max(0, min(to, scalars.count))])
            return "\(String(piece))"
        }
        var marked: Output = "", done = 0
        for range in hit.highlights where range.count == 2 && range[0] >= done {
            marked += text(done, range[0]) + open + text(range[0], range[1]) + close
            done = range[1]
        }
        return marked + text(done, scalars.count)
    }
}
