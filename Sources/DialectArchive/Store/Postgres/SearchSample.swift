import Foundation
import GRDB

/// A search asked of both databases to compare their answers: its kind and its text.
public struct SampledQuery: Codable, Equatable, Hashable, Sendable {
    public var kind: String
    public var text: String

    public init(kind: String, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Searches of every kind taken from the archive's own segment texts, so that each finds
/// something: one, two and three Han characters, an IPA syllable, a quoted phrase, an OR of two
/// words and a prefix. The segments are picked by a fixed pseudo-random sequence, so the same
/// archive always gives the same sample.
public enum SearchSample {
    public static let kinds = ["one character", "two characters", "three characters", "IPA syllable", "quoted phrase", "OR", "prefix"]

    /// Up to `perKind` different queries of each kind (fewer when the texts have fewer).
    public static func queries(from archive: Archive, perKind: Int) throws -> [SampledQuery] {
        guard perKind > 0 else { return [] }
        var random = SplitMix(seed: 0x5eed_2026)
        var found: [String: [String]] = [:]
        var pendingOr: String?
        func add(_ kind: String, _ text: String?) {
            guard let text, (found[kind]?.count ?? 0) < perKind, !(found[kind] ?? []).contains(text),
                  (try? SearchQuery(text)) != nil else { return }
            found[kind, default: []].append(text)
        }
        for text in try sampledTexts(archive.sqliteDatabase(), count: perKind * 40, random: &random) {
            let runs = hanRuns(text), syllables = words(text)
            let run = runs.isEmpty ? nil : runs[Int(random.next() % UInt64(runs.count))]
            add(kinds[0], run.map { String($0[Int(random.next() % UInt64($0.count))]) })
            add(kinds[1], run.flatMap { piece(of: $0, length: 2, &random) })
            add(kinds[2], run.flatMap { piece(of: $0, length: 3, &random) })
            let syllable = syllables.isEmpty ? nil : syllables[Int(random.next() % UInt64(syllables.count))]
            add(kinds[3], syllable)
            if syllables.count >= 2 {
                let start = Int(random.next() % UInt64(syllables.count - 1))
                add(kinds[4], "\"\(syllables[start]) \(syllables[start + 1])\"")
            } else {
                add(kinds[4], run.flatMap { piece(of: $0, length: 4, &random) }.map { "\"\($0)\"" })
            }
            if let pair = run.flatMap({ piece(of: $0, length: 2, &random) }) ?? syllable {
                if let first = pendingOr, first != pair { add(kinds[5], "\(first) OR \(pair)"); pendingOr = nil } else { pendingOr = pair }
            }
            if let syllable, syllable.count >= 3 {
                add(kinds[6], String(syllable.prefix(2)) + "*")
            } else {
                add(kinds[6], run.map { String($0[0]) + "*" })
            }
            if kinds.allSatisfy({ (found[$0]?.count ?? 0) >= perKind }) { break }
        }
        return kinds.flatMap { kind in (found[kind] ?? []).map { SampledQuery(kind: kind, text: $0) } }
    }

    /// Indexed segments' texts, picked at random over the range of ids.
    private static func sampledTexts(_ source: DatabasePool, count: Int, random: inout SplitMix) throws -> [String] {
        try source.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT min(id), max(id), count(*) FROM segment WHERE facets IS NOT NULL"),
                  let low: Int64 = row[0], let high: Int64 = row[1] else { return [] }
            let total: Int = row[2]
            // A small archive is read whole, in a shuffled order.
            if total <= count {
                var texts = try String.fetchAll(db, sql: "SELECT text FROM segment WHERE facets IS NOT NULL ORDER BY id")
                for index in texts.indices.reversed() where index > 0 { texts.swapAt(index, Int(random.next() % UInt64(index + 1))) }
                return texts
            }
            let statement = try db.makeStatement(sql: "SELECT text FROM segment WHERE id >= ? AND facets IS NOT NULL ORDER BY id LIMIT 1")
            return try (0..<count).compactMap { _ in
                try String.fetchOne(statement, arguments: [low + Int64(random.next() % UInt64(high - low + 1))])
            }
        }
    }

    /// The runs of consecutive Han characters in a text.
    static func hanRuns(_ text: String) -> [[Character]] {
        var runs: [[Character]] = [], run: [Character] = []
        for character in text {
            if character.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) {
                run.append(character)
            } else if !run.isEmpty {
                runs.append(run)
                run = []
            }
        }
        if !run.isEmpty { runs.append(run) }
        return runs
    }

    /// The words of a text that are not Han: runs of letters, marks, tone letters and digits.
    static func words(_ text: String) -> [String] {
        var words: [String] = [], word = ""
        for scalar in text.unicodeScalars {
            let category = scalar.properties.generalCategory
            let inWord = !scalar.properties.isIdeographic && (scalar.properties.isAlphabetic || [
                .nonspacingMark, .spacingMark, .modifierSymbol, .modifierLetter, .decimalNumber, .otherNumber,
            ].contains(category))
            if inWord {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        // Words the query language reads as operators are left out.
        return words.filter { !["OR", "AND", "NOT"].contains($0) && $0.contains { $0.isLetter } }
    }

    private static func piece(of run: [Character], length: Int, _ random: inout SplitMix) -> String? {
        guard run.count >= length else { return nil }
        let start = Int(random.next() % UInt64(run.count - length + 1))
        return String(run[start..<start + length])
    }

    /// A small, fixed pseudo-random sequence (SplitMix64), the same on every machine.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
