import Foundation
import Transcripts

/// A corrected transcript file taking the place of the current one of the same name for the
/// same recording: the earlier file stays stored and verifiable, its segments leave the index.
struct TranscriptRevision {
    let previous: TranscriptFile

    /// The current (not replaced) transcript of `recordingId` with this file name, if any.
    static func current(named name: String, recordingId: Int64, _ db: StoreDatabase) throws -> TranscriptFile? {
        try TranscriptFile.current(named: name, recordingId: recordingId, db)
    }

    /// The current transcript of `recordingId` that `file`, under another name, takes the place
    /// of because a session row names it as the recording's transcript: the row names no other
    /// transcript of its format, and the recording has exactly one current transcript of that format.
    static func renamed(_ file: URL, format: String, by entry: SessionEntry, recordingId: Int64, _ db: StoreDatabase) throws -> TranscriptFile? {
        let named = entry.files.filter { Transcript.format(forFileName: ($0 as NSString).lastPathComponent)?.rawValue == format }
        guard named.count == 1 else { return nil }
        let candidates = try TranscriptFile.current(ofFormat: format, recordingId: recordingId, db)
        return candidates.count == 1 ? candidates[0] : nil
    }

    var nextRevision: Int { previous.revision + 1 }

    /// Compares the two revisions' segments, takes the previous one's out of the search index
    /// (the full-text index follows by its triggers) and marks it replaced by `transcriptId`.
    func replace(with transcriptId: Int64, at time: String, _ db: StoreDatabase) throws -> TranscriptDifference {
        let before = try Segment.inTranscript(previous.id!, db)
        let after = try Segment.inTranscript(transcriptId, db)
        try Segment.deleteAll(inTranscript: previous.id!, db)
        try TranscriptFile.markReplaced(previous.id!, by: transcriptId, at: time, db)
        return TranscriptDifference(before: before, after: after)
    }
}

/// How one revision of a transcript differs from the one before: segments are matched by tier
/// and time span; a matched segment with other text is changed.
public struct TranscriptDifference: Codable, Equatable, Sendable {
    public var added = 0
    public var removed = 0
    public var changed = 0

    init(before: [Segment], after: [Segment]) {
        struct Span: Hashable { let tier: String, startMs: Int64, endMs: Int64 }
        let old = Dictionary(grouping: before) { Span(tier: $0.tier, startMs: $0.startMs, endMs: $0.endMs) }.mapValues { $0.map(\.text) }
        let new = Dictionary(grouping: after) { Span(tier: $0.tier, startMs: $0.startMs, endMs: $0.endMs) }.mapValues { $0.map(\.text) }
        for (span, texts) in new {
            // Of segments sharing a span, those with the same text are unchanged; the rest pair up
            // as changed, and any left over were added or removed.
            var earlier = old[span] ?? []
            var unmatched = 0
            for text in texts {
                if let index = earlier.firstIndex(of: text) { earlier.remove(at: index) } else { unmatched += 1 }
            }
            let paired = min(unmatched, earlier.count)
            changed += paired
            added += unmatched - paired
            removed += earlier.count - paired
        }
        for (span, texts) in old where new[span] == nil { removed += texts.count }
    }

    /// `2 added, 0 removed, 1 changed`.
    public var summary: String { "\(added) added, \(removed) removed, \(changed) changed" }
}
