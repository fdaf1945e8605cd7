import Foundation
import GRDB

/// A recording as a player needs it: its stored file, format and length, and whether it was
/// withdrawn; the reader has been found allowed to hear it.
public struct PlayableRecording: Sendable {
    public var recording: Recording
    /// When, by whom and why it was withdrawn; nil when it was not.
    public var withdrawn: Withdrawal?
}

extension Archive {
    /// The recording `id` for `reader` to hear or download, decided as `clip` decides it (a
    /// restricted recording is refused by name, a closed one as if it did not exist) without
    /// building its whole detail as `item` does.
    public func playable(_ id: Int64, as reader: Reader) throws -> PlayableRecording {
        try store.read { db in
            let (recording, _) = try Self.audible(id, reader, db)
            return PlayableRecording(recording: recording, withdrawn: try Withdrawal.of("recording", id, db))
        }
    }

    /// The WAV `clip` writes for the span, as bytes, with the same checks and audit events. A
    /// 16- or 24-bit PCM WAV original is cut by copying its frames' bytes after a seek.
    public func clipWAV(recording id: Int64, startMs: Int64, endMs: Int64, padMs: Int64 = 0, as reader: Reader) throws -> [UInt8] {
        let (recording, withheld) = try store.read { db in try Self.audible(id, reader, db) }
        let (wav, _) = try AudioClip.wav(from: absolute(recording.storedPath), startMs: startMs, endMs: endMs, padMs: padMs)
        try noteClip(of: recording, withheld: withheld, startMs: startMs, endMs: endMs, padMs: padMs, file: nil, by: reader)
        return wav
    }

    /// The recording and how it is withheld, when `reader` may hear it.
    static func audible(_ id: Int64, _ reader: Reader, _ db: StoreDatabase) throws -> (Recording, AccessCondition.Level?) {
        guard let recording = try db.record(Recording.self, id: id) else { throw ArchiveError.notFound(id: "\(id)") }
        let level = try AccessRules.withholding(recording, db)
        try reader.check(level, collection: try Session.collection(of: recording.sessionId, db),
                         what: "recording \(id)", id: "\(id)")
        return (recording, level)
    }

}
