import Foundation

/// Reading the typed cells of metadata: coordinates, years, dates, roles, content types, access.
enum MetadataValues {
    static let speakerRoles: [String: String] = [
        "老男": "老男", "青男": "青男", "老女": "老女", "青女": "青女",
        "口头文化": "口头文化", "oral-culture": "口头文化", "oral culture": "口头文化",
        "地方普通话": "地方普通话", "local-mandarin": "地方普通话", "local mandarin": "地方普通话",
        "older man": "老男", "older-man": "老男", "younger man": "青男", "younger-man": "青男",
        "older woman": "老女", "older-woman": "老女", "younger woman": "青女", "younger-woman": "青女",
        "other": "other", "其他": "other",
    ]
    static let contentTypes: [String: String] = [
        "单字": "单字", "词汇": "词汇", "语法": "语法", "话语": "话语", "口头文化": "口头文化",
        "characters": "单字", "syllables": "单字", "words": "词汇", "vocabulary": "词汇", "lexicon": "词汇",
        "grammar": "语法", "discourse": "话语", "narrative": "话语", "conversation": "话语",
        "oral-culture": "口头文化", "oral culture": "口头文化", "other": "other", "其他": "other",
    ]
    static let sexes: [String: String] = [
        "m": "m", "male": "m", "男": "m", "f": "f", "female": "f", "女": "f", "other": "other", "其他": "other",
    ]

    static func latitude(_ row: MetadataRow) throws -> Double? {
        try coordinate(row, "latitude", limit: 90)
    }

    static func longitude(_ row: MetadataRow) throws -> Double? {
        try coordinate(row, "longitude", limit: 180)
    }

    private static func coordinate(_ row: MetadataRow, _ column: String, limit: Double) throws -> Double? {
        guard let text = row[column] else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw row.problem(column, "'\(text)' is not a number of degrees")
        }
        guard abs(value) <= limit else {
            throw row.problem(column, "\(column) \(text) is out of range (−\(Int(limit)) to \(Int(limit)))")
        }
        return value
    }

    static func birthYear(_ row: MetadataRow) throws -> Int? {
        guard var text = row["birth_year"] else { return nil }
        if text.hasSuffix(".0") { text.removeLast(2) }
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        guard let year = Int(text), (1850...thisYear).contains(year) else {
            throw row.problem("birth_year", "'\(text)' is not a year of birth between 1850 and \(thisYear)")
        }
        return year
    }

    static func date(_ row: MetadataRow, _ column: String = "date") throws -> String? {
        guard let text = row[column] else { return nil }
        guard let date = CalendarDate.normalise(text) else {
            throw row.problem(column, "'\(text)' is not a date (expected yyyy-mm-dd)")
        }
        return date
    }

    static func choice(_ row: MetadataRow, _ column: String, _ table: [String: String], _ expected: String) throws -> String? {
        guard let text = row[column] else { return nil }
        guard let value = table[text.lowercased()] ?? table[text] else {
            throw row.problem(column, "'\(text)' is not a known \(column) (expected \(expected))")
        }
        return value
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == ";" || $0 == "；" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Consent as written: a date, optionally followed by its scope (`2024-05-06 archive and publish`).
    static func consent(_ row: MetadataRow) -> (date: String?, scope: String?) {
        guard let text = row["consent"] else { return (nil, nil) }
        let head = String(text.prefix { !$0.isWhitespace && $0 != ";" && $0 != "," })
        if let date = CalendarDate.normalise(head) {
            let rest = text.dropFirst(head.count).trimmingCharacters(in: CharacterSet(charactersIn: " ;,，；"))
            return (date, rest.isEmpty ? nil : rest)
        }
        return (nil, text)
    }
}

/// An access condition: open, restricted or closed, optionally until a date and with a reason.
public struct AccessCondition: Equatable, Sendable {
    public enum Level: String, Sendable, CaseIterable { case open, restricted, closed }
    public var level: Level
    public var until: String?
    public var reason: String?

    public init(level: Level, until: String? = nil, reason: String? = nil) {
        self.level = level
        self.until = until
        self.reason = reason
    }

    static let words: [String: Level] = [
        "open": .open, "public": .open, "公开": .open, "开放": .open,
        "restricted": .restricted, "限制": .restricted, "受限": .restricted,
        "closed": .closed, "保密": .closed, "封闭": .closed, "不公开": .closed,
    ]

    /// Parses `open`, `restricted: community wishes`, `closed until 2030-01-01: consent pending`.
    public static func parse(_ text: String) -> AccessCondition? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var reason: String?
        if let colon = rest.firstIndex(where: { $0 == ":" || $0 == "：" }) {
            reason = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            rest = rest[..<colon]
        }
        let words = rest.split(whereSeparator: { $0.isWhitespace })
        guard let first = words.first, let level = Self.words[first.lowercased()] else { return nil }
        var until: String?
        if words.count == 3, ["until", "至", "到"].contains(words[1].lowercased()) {
            guard let date = CalendarDate.normalise(String(words[2])) else { return nil }
            until = date
        } else if words.count != 1 {
            return nil
        }
        return AccessCondition(level: level, until: until, reason: reason?.isEmpty == true ? nil : reason)
    }

    static func read(_ row: MetadataRow) throws -> AccessCondition {
        guard let text = row["access"] else { return AccessCondition(level: .open) }
        guard let condition = parse(text) else {
            throw row.problem("access", "'\(text)' is not an access condition (expected open, restricted or closed, optionally 'until yyyy-mm-dd' and ': reason')")
        }
        return condition
    }
}
