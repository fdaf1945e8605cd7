import Foundation

/// The rule that pairs a transcript with its recording: a recording with the name of a medium
/// the transcript names (an EAF media descriptor), else one with the transcript's base name;
/// recordings in the transcript's own folder first.
struct TranscriptPairing {
    /// The transcript's folder, as a standardized path.
    let folder: String
    /// The media the transcript names, as lower-case file names.
    let mediaNames: [String]
    /// The transcript's lower-case base name.
    let stem: String

    init(file: URL, media: [String]) {
        folder = file.standardizedFileURL.deletingLastPathComponent().path
        mediaNames = media.map { ($0 as NSString).lastPathComponent.lowercased() }
        stem = file.deletingPathExtension().lastPathComponent.lowercased()
    }

    /// The recording among `recordings` (by source file) this transcript belongs to.
    func match(among recordings: [URL: RecordingImport.Stored]) -> RecordingImport.Stored? {
        let candidates = recordings.filter { _, recording in
            let name = recording.originalName.lowercased()
            return mediaNames.contains(name) || Self.stem(of: name) == stem
        }
        let sameFolderFirst = candidates.sorted { lhs, rhs in
            (order(lhs.key), lhs.key.path) < (order(rhs.key), rhs.key.path)
        }
        for name in mediaNames {
            if let hit = sameFolderFirst.first(where: { $0.value.originalName.lowercased() == name }) { return hit.value }
        }
        return sameFolderFirst.first(where: { Self.stem(of: $0.value.originalName) == stem })?.value
    }

    /// The recording in the archive this transcript belongs to, the latest stored first.
    func matchInArchive(_ db: StoreDatabase) throws -> RecordingImport.Stored? {
        for name in mediaNames {
            if let recording = try PairingRecords.latestRecording(named: name, db) {
                return RecordingImport.Stored(id: recording.id!, sessionId: recording.sessionId, originalName: recording.originalName)
            }
        }
        return try PairingRecords.recordings(withStem: stem, db).first(where: { Self.stem(of: $0.originalName) == stem })
            .map { RecordingImport.Stored(id: $0.id!, sessionId: $0.sessionId, originalName: $0.originalName) }
    }

    private func order(_ recording: URL) -> Int {
        recording.standardizedFileURL.deletingLastPathComponent().path == folder ? 0 : 1
    }

    private static func stem(of name: String) -> String {
        (name as NSString).deletingPathExtension.lowercased()
    }
}
