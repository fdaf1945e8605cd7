import Foundation

/// Narrowing a search by place, dialect, speaker, date, content and tier. Every filter is
/// optional; given filters combine with AND.
public struct SearchFilters: Hashable, Sendable {
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
    /// A tier kind (orthography, ipa, translation, gloss, other) or, for any other value, a tier name.
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
}
