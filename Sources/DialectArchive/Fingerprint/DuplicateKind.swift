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
