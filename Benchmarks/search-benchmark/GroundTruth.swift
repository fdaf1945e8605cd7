import Foundation

/// What every search should find, computed from the generator's own record of what it wrote
/// (never by reading the archive back): per character, per two- and three-character target,
/// per IPA syllable with and without tone, and per character within each dialect group and
/// speaker role.
final class GroundTruth {
    static let combos = dialectGroups.count * roles.count

    let vocabularySize: Int
    let keyCount: Int
    let toneCount: Int

    var character: [Fingerprint]
    /// character × (dialect group, role).
    var characterByCombo: [Fingerprint]
    private var characterStamp: [Int64]

    /// Two- and three-character targets chosen before generation (packed vocabulary indices).
    var targetIndex: [UInt64: Int] = [:]
    var targets: [[Int32]] = []
    /// Contiguous in the text (what a reader means by "contains 太阳").
    var strict: [Fingerprint] = []
    /// Adjacent once punctuation is skipped (太，阳 counts).
    var adjacent: [Fingerprint] = []
    private var strictStamp: [Int64] = []
    private var adjacentStamp: [Int64] = []

    var syllable: [Fingerprint]
    var tonedSyllable: [Fingerprint]
    private var syllableStamp: [Int64]
    private var tonedStamp: [Int64]

    var orthographySegments = 0
    var charactersWritten = 0
    var traditionalWritten = 0

    init(vocabularySize: Int, keyCount: Int, toneCount: Int) {
        self.vocabularySize = vocabularySize
        self.keyCount = keyCount
        self.toneCount = toneCount
        character = Array(repeating: Fingerprint(), count: vocabularySize)
        characterByCombo = Array(repeating: Fingerprint(), count: vocabularySize * Self.combos)
        characterStamp = Array(repeating: 0, count: vocabularySize)
        syllable = Array(repeating: Fingerprint(), count: keyCount)
        tonedSyllable = Array(repeating: Fingerprint(), count: keyCount * toneCount)
        syllableStamp = Array(repeating: 0, count: keyCount)
        tonedStamp = Array(repeating: 0, count: keyCount * toneCount)
    }

    static func pack(_ characters: ArraySlice<Int32>) -> UInt64 {
        characters.reduce(UInt64(characters.count)) { ($0 << 13) | UInt64($1) }
    }

    /// Registers a sequence to track; returns its index.
    @discardableResult
    func addTarget(_ characters: [Int32]) -> Int {
        let key = Self.pack(characters[...])
        if let index = targetIndex[key] { return index }
        targetIndex[key] = targets.count
        targets.append(characters)
        strict.append(Fingerprint())
        adjacent.append(Fingerprint())
        strictStamp.append(0)
        adjacentStamp.append(0)
        return targets.count - 1
    }

    func recordOrthography(id: Int64, _ annotation: GeneratedAnnotation, combo: Int) {
        orthographySegments += 1
        charactersWritten += annotation.characters.count
        traditionalWritten += annotation.traditionalWritten
        let characters = annotation.characters
        for c in characters where characterStamp[Int(c)] != id {
            characterStamp[Int(c)] = id
            character[Int(c)].add(id)
            characterByCombo[Int(c) * Self.combos + combo].add(id)
        }
        for length in 2...3 where characters.count >= length {
            for start in 0...(characters.count - length) {
                guard let target = targetIndex[Self.pack(characters[start..<(start + length)])] else { continue }
                if adjacentStamp[target] != id {
                    adjacentStamp[target] = id
                    adjacent[target].add(id)
                }
                let crossesBreak = (start + 1..<start + length).contains { annotation.breaks.contains($0) }
                if !crossesBreak, strictStamp[target] != id {
                    strictStamp[target] = id
                    strict[target].add(id)
                }
            }
        }
    }

    func recordIPA(id: Int64, _ annotation: GeneratedAnnotation) {
        for (key, tone) in annotation.syllables {
            if syllableStamp[Int(key)] != id {
                syllableStamp[Int(key)] = id
                syllable[Int(key)].add(id)
            }
            if tone >= 0 {
                let index = Int(key) * toneCount + Int(tone)
                if tonedStamp[index] != id {
                    tonedStamp[index] = id
                    tonedSyllable[index].add(id)
                }
            }
        }
    }
}
