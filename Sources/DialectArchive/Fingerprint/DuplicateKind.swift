/// How two recordings with the same audio relate, in an archivist's words.
public enum DuplicateKind: String, Encodable, CaseIterable {
    /// The very same file (same SHA-256), found again at another path.
    case identicalBytes = "identical_bytes"
    /// Different files, same decoded samples (e.g. a WAV and the FLAC made from it).
    case identicalSamples = "identical_samples"
    /// The same audio from start to end, re-encoded (e.g. an MP3 of the WAV).
    case sameAudio = "same_audio"
    /// One recording holds the other's audio somewhere inside it.
    case contains
    /// The two share a stretch of audio, neither holding the other.
    case overlaps

    /// Classifies a fingerprint match of a recording (`duration`) against an archived one.
    static func classify(_ match: AudioMatch, durationMs: Int64) -> DuplicateKind {
        let tolerance = max(250, Double(max(durationMs, match.recordingDurationMs)) * 0.02)
        if abs(Double(match.offsetMs)) <= tolerance, abs(Double(durationMs - match.recordingDurationMs)) <= tolerance {
            return .sameAudio
        }
        let startsInside = Double(match.offsetMs) >= -tolerance
        let endsInside = Double(match.offsetMs + durationMs) <= Double(match.recordingDurationMs) + tolerance
        if (startsInside && endsInside) || (match.offsetMs <= 0 && Double(match.offsetMs + durationMs) >= Double(match.recordingDurationMs) - tolerance) {
            return .contains
        }
        return .overlaps
    }

    /// Matches a duplicate warning names before it only counts the rest: files that all begin
    /// with the same spoken prompt each match every one archived before them.
    static let warningMatchLimit = 5

    /// The one warning for a newly ingested recording that matches archived ones: the surest
    /// matches first (then those with the most aligned landmarks), the first `warningMatchLimit`
    /// described and the rest counted; nil when there is none.
    static func describe(_ matches: [AudioMatch], newDurationMs: Int64) -> String? {
        func rank(_ match: AudioMatch) -> FingerprintMatcher.Confidence { FingerprintMatcher.Confidence(rawValue: match.confidence) ?? .possible }
        let sorted = matches.enumerated().sorted { a, b in
            (rank(a.element), a.element.alignedHashes, -a.offset) > (rank(b.element), b.element.alignedHashes, -b.offset)
        }.map(\.element)
        guard let first = sorted.first else { return nil }
        guard sorted.count > 1 else { return describe(first, newDurationMs: newDurationMs) }
        let named = sorted.prefix(warningMatchLimit).map { describe($0, newDurationMs: newDurationMs) }
        let rest = sorted.count - named.count
        return "matches \(sorted.count) archived recordings: " + named.joined(separator: "; ")
            + (rest > 0 ? "; and \(rest) more" : "")
    }

    /// A warning for a newly ingested recording that matches an archived one.
    static func describe(_ match: AudioMatch, newDurationMs: Int64) -> String {
        let other = "recording \(match.recordingId) (\(match.recordingFile))"
        switch classify(match, durationMs: newDurationMs) {
        case .sameAudio:
            return "same audio as \(other), re-encoded (\(match.confidence))"
        case .contains where newDurationMs <= match.recordingDurationMs:
            return "an excerpt of \(other), from \(TimeFormat.clock(max(0, match.offsetMs))) (\(match.confidence))"
        case .contains:
            return "contains \(other), from \(TimeFormat.clock(max(0, -match.offsetMs))) (\(match.confidence))"
        default:
            return "shares audio with \(other): \(TimeFormat.clock(match.recordingStartMs))–\(TimeFormat.clock(match.recordingEndMs)) of it (\(match.confidence))"
        }
    }
}
