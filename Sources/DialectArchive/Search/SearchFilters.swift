import GRDB

/// Narrowing a search by place, dialect, speaker, date, content and tier. Every filter is
/// optional; given filters combine with AND.
public struct SearchFilters: Equatable {
    /// Locality id or name, or its county, prefecture or province.
    public var locality: String?
    /// Dialect group, sub-group or cluster (方言区, 片 or 小片).
    public var dialect: String?
    /// Speaker id or name.
    public var speaker: String?
    /// 语保 role, e.g. 老男.
    public var role: String?
    public var sex: String?
    /// Birth years, inclusive.
    public var born: ClosedRange<Int>?
    /// Session dates, inclusive, as `yyyy-mm-dd`.
    public var recorded: ClosedRange<String>?
    /// Content type, e.g. 词汇.
    public var content: String?
    /// Tier kind (orthography, ipa, translation, gloss, other) or tier name.
    public var tier: String?
    public var collection: String?

    public init() {}

    /// Reads `1940-1960` or `1950`.
    public static func years(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let from = Int(parts[0]), let to = Int(parts.last!), from <= to,
              parts.allSatisfy({ $0.count == 4 }) else {
            throw SearchQueryError("'\(text)' is not a span of years (e.g. 1940-1960)")
        }
        return from...to
    }

    /// Reads `2020-2024` (years) or `2020-05-01..2021-06-30` (dates).
    public static func dates(_ text: String) throws -> ClosedRange<String> {
        if let years = try? years(text) { return "\(years.lowerBound)-01-01"..."\(years.upperBound)-12-31" }
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let from = CalendarDate.normalise(parts[0]), let to = CalendarDate.normalise(parts[1]), from <= to else {
            throw SearchQueryError("'\(text)' is not a span of years (2020-2024) or dates (2020-05-01..2021-06-30)")
        }
        return from...to
    }

    /// SQL conditions over `segment s`, `transcript t`, `session se`, `locality l`, `speaker sp`.
    func sql() throws -> (conditions: [String], arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let locality {
            conditions.append("(l.id = ? OR l.name = ? OR l.county = ? OR l.prefecture = ? OR l.province = ?)")
            arguments += [locality, locality, locality, locality, locality]
        }
        if let dialect {
            conditions.append("(l.dialect_group = ? OR l.dialect_subgroup = ? OR l.dialect_cluster = ?)")
            arguments += [dialect, dialect, dialect]
        }
        if let speaker {
            conditions.append("(sp.id = ? OR sp.name = ?)")
            arguments += [speaker, speaker]
        }
        if let role {
            guard let value = MetadataValues.speakerRoles[role.lowercased()] ?? MetadataValues.speakerRoles[role] else {
                throw SearchQueryError("'\(role)' is not a speaker role (老男, 青男, 老女, 青女, 口头文化, 地方普通话, other)")
            }
            conditions.append("sp.role = ?")
            arguments += [value]
        }
        if let sex {
            guard let value = MetadataValues.sexes[sex.lowercased()] ?? MetadataValues.sexes[sex] else {
                throw SearchQueryError("'\(sex)' is not a sex (m, f, 男, 女, other)")
            }
            conditions.append("sp.sex = ?")
            arguments += [value]
        }
        if let born {
            conditions.append("sp.birth_year BETWEEN ? AND ?")
            arguments += [born.lowerBound, born.upperBound]
        }
        if let recorded {
            conditions.append("se.date BETWEEN ? AND ?")
            arguments += [recorded.lowerBound, recorded.upperBound]
        }
        if let content {
            guard let value = MetadataValues.contentTypes[content.lowercased()] ?? MetadataValues.contentTypes[content] else {
                throw SearchQueryError("'\(content)' is not a content type (单字, 词汇, 语法, 话语, 口头文化, other)")
            }
            conditions.append("se.content_type = ?")
            arguments += [value]
        }
        if let tier {
            conditions.append("(s.tier_kind = ? OR s.tier = ?)")
            arguments += [tier.lowercased(), tier]
        }
        if let collection {
            conditions.append("se.collection_id = ?")
            arguments += [collection]
        }
        return (conditions, arguments)
    }
}
