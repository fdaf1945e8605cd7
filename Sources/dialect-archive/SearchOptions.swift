import ArgumentParser
import DialectArchive

/// Filters shared by `search` and `compare`.
struct SearchFilterOptions: ParsableArguments {
    @Option(help: "Locality id or name, or its county, prefecture or province.") var locality: String?
    @Option(help: "Dialect group, sub-group or cluster (方言区, 片 or 小片).") var dialect: String?
    @Option(help: "Speaker id or name.") var speaker: String?
    @Option(help: "Speaker role: 老男, 青男, 老女, 青女, 口头文化, 地方普通话.") var role: String?
    @Option(help: "Speaker sex: m, f, 男, 女.") var sex: String?
    @Option(help: "Birth years, e.g. 1940-1960.") var born: String?
    @Option(help: "Recording dates: years (2020-2024) or dates (2020-05-01..2021-06-30).") var recorded: String?
    @Option(help: "Content type: 单字, 词汇, 语法, 话语, 口头文化.") var content: String?
    @Option(help: "Tier kind (orthography, ipa, translation, gloss, other) or, for any other value, tier name.") var tier: String?
    @Option(help: "Collection id.") var collection: String?

    func filters() throws -> SearchFilters {
        var filters = SearchFilters()
        filters.locality = locality
        filters.dialect = dialect
        filters.speaker = speaker
        filters.role = role
        filters.sex = sex
        filters.born = try born.map(SearchFilters.years)
        filters.recorded = try recorded.map(SearchFilters.dates)
        filters.content = content
        filters.tier = tier
        filters.collection = collection
        return filters
    }
}

extension SearchOrder: ExpressibleByArgument {}
