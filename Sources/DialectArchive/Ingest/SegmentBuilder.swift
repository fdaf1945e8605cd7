import Transcripts

/// Turns a parsed transcript into archive segments: one per annotation, with its tier's kind,
/// its speaker (the tier's participant, or the session's only speaker) and any item number.
struct SegmentBuilder {
    let transcript: Transcript
    let sessionSpeakers: [Speaker]
    /// Tier kinds the session's metadata sets, by tier name.
    var kinds: [String: TierKind] = [:]

    var count: Int { transcript.tiers.reduce(0) { $0 + $1.annotations.count } }

    var longestMs: Int64 {
        // Lazily: a copy of every annotation would cost as much as the transcript itself.
        Int64(transcript.tiers.lazy.flatMap(\.annotations).map { $0.endMs - $0.startMs }.max() ?? 0)
    }

    func insert(transcriptId: Int64, recordingId: Int64?, _ db: StoreDatabase) throws {
        for (index, tier) in transcript.tiers.enumerated() {
            let kind = (kinds[tier.name] ?? TierKind.guess(tier)).rawValue
            let speaker = speakerId(for: tier.participant)
            for annotation in tier.annotations {
                let segment = Segment(
                    id: nil, transcriptId: transcriptId, recordingId: recordingId, tier: tier.name, tierIndex: index,
                    tierKind: kind, tierType: tier.type.rawValue, participant: tier.participant, speakerId: speaker,
                    startMs: Int64(annotation.startMs), endMs: Int64(annotation.endMs), text: annotation.text,
                    itemNumber: Self.itemNumber(in: annotation.text))
                try Segment.insert(segment, db)
            }
        }
    }

    private func speakerId(for participant: String?) -> String? {
        Self.speakerId(for: participant, among: sessionSpeakers)
    }

    /// The speaker a tier's participant names (by id or name), or the session's only speaker.
    static func speakerId(for participant: String?, among sessionSpeakers: [Speaker]) -> String? {
        if let participant = participant?.trimmingCharacters(in: .whitespaces), !participant.isEmpty {
            if let match = sessionSpeakers.first(where: { $0.id == participant || $0.name == participant }) { return match.id }
        }
        return sessionSpeakers.count == 1 ? sessionSpeakers[0].id : nil
    }

    /// A leading survey item number (`0001 太阳`, `0001. 太阳`, `0001\t太阳`).
    static func itemNumber(in text: String) -> String? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard (3...5).contains(digits.count) else { return nil }
        let rest = text.dropFirst(digits.count)
        guard let next = rest.first, next == " " || next == "\t" || next == "." || next == "、" else { return nil }
        return String(digits)
    }
}

/// What a tier holds, as researchers filter by it.
enum TierKind: String, CaseIterable {
    case orthography, ipa, translation, gloss, other

    /// Guesses from the tier's name and linguistic type, then from its content.
    static func guess(_ tier: Tier) -> TierKind {
        let label = [tier.name, tier.linguisticType ?? ""].joined(separator: " ").lowercased()
        let rules: [(TierKind, [String])] = [
            (.ipa, ["ipa", "音标", "phonetic", "phonemic", "pronunciation", "读音", "发音"]),
            (.gloss, ["gloss", "注释", "释义", "morph"]),
            (.translation, ["translation", "翻译", "译文", "free", "普通话", "mandarin", "english", "英文"]),
            (.orthography, ["orth", "汉字", "字", "characters", "hanzi", "transcription", "转写", "text", "words", "方言"]),
        ]
        for (kind, words) in rules where words.contains(where: { label.contains($0) }) { return kind }
        let sample = tier.annotations.prefix(50).map(\.text).joined()
        let scalars = sample.unicodeScalars.filter { !$0.properties.isWhitespace }
        guard !scalars.isEmpty else { return .other }
        let han = scalars.filter { $0.properties.isIdeographic }.count
        let ipa = scalars.filter { ipaOnly.contains($0) || ("\u{02E5}"..."\u{02E9}").contains($0) }.count
        if Double(han) / Double(scalars.count) > 0.3 { return .orthography }
        if ipa > 0 { return .ipa }
        return .other
    }

    /// Reads a `tier_kinds` cell (`汉字=orthography; 普通话=translation`), normalised.
    static func overrides(_ row: MetadataRow) throws -> String? {
        guard let text = row["tier_kinds"] else { return nil }
        let pairs = try MetadataValues.list(text).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let kind = TierKind(rawValue: parts[1].lowercased()) else {
                throw row.problem("tier_kinds", "'\(pair)' is not tier=kind (kinds: \(TierKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return "\(parts[0])=\(kind.rawValue)"
        }
        return pairs.joined(separator: ";")
    }

    /// Parses a stored `tier_kinds` value.
    static func parse(_ stored: String?) -> [String: TierKind] {
        var kinds: [String: TierKind] = [:]
        for pair in MetadataValues.list(stored) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, let kind = TierKind(rawValue: parts[1]) { kinds[parts[0]] = kind }
        }
        return kinds
    }

    private static let ipaOnly = Set("ɕʂʐɿʅŋəɛɔæɑɐɤɯʊʏøœɣχʁħʕʔɦɸβθðʃʒçʝɬɮɲɳɴɾɽʀʎʟɥʍʋɹɻɰʦʧʨʥʣʤ".unicodeScalars)
}
