import GRDB

/// One locality's answers in a cross-dialect comparison: the matching segments with the
/// IPA said over the same span.
public struct ComparisonRow: Encodable, Equatable {
    public var locality: LocalitySummary?
    public var dialect: String?
    public var hits: [SearchHit]
    /// The distinct IPA forms said at this locality for the matches.
    public var ipa: [String]
}

extension Archive {
    /// How one concept is said across sites: every locality with matching segments, in the
    /// order of its dialect classification, with the IPA of each hit.
    ///
    /// ```swift
    /// for row in try archive.compare(try SearchQuery("太阳")) { print(row.locality?.name ?? "", row.ipa) }
    /// ```
    public func compare(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), limit: Int = 10_000,
                        includeRestricted: Bool = false) throws -> [ComparisonRow] {
        let result = try search(query, filters: filters, order: .place, limit: limit, counting: false, includeRestricted: includeRestricted)
        var rows: [ComparisonRow] = []
        for hit in result.hits {
            let ipa = hit.tierKind == "ipa" ? [hit.text] : hit.parallel.filter { $0.tierKind == "ipa" }.map(\.text)
            if let last = rows.last, last.locality == hit.locality {
                rows[rows.count - 1].hits.append(hit)
                for form in ipa where !rows[rows.count - 1].ipa.contains(form) { rows[rows.count - 1].ipa.append(form) }
            } else {
                var unique: [String] = []
                for form in ipa where !unique.contains(form) { unique.append(form) }
                rows.append(ComparisonRow(locality: hit.locality, dialect: hit.dialect, hits: [hit], ipa: unique))
            }
        }
        return rows
    }

    /// Writes the audio behind each hit (with `padMs` either side) as WAV files into `folder`,
    /// named after recording and time; returns the files written.
    public func writeClips(for hits: [SearchHit], padMs: Int64, to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [URL] = []
        for hit in hits {
            guard let recordingId = hit.recordingId else { continue }
            let stem = ((hit.recordingFile ?? "recording-\(recordingId)") as NSString).deletingPathExtension
            let name = "\(stem)_\(TimeFormat.fileStamp(hit.startMs))-\(TimeFormat.fileStamp(hit.endMs)).wav"
            let destination = folder.appendingPathComponent(OriginalStore.safeComponent(name))
            _ = try clip(recording: recordingId, startMs: hit.startMs, endMs: hit.endMs, padMs: padMs, to: destination)
            written.append(destination)
        }
        return written
    }

    /// Writes any span of a recording as a WAV file.
    public func clip(recording id: Int64, startMs: Int64, endMs: Int64, padMs: Int64 = 0, to destination: URL) throws -> AudioClip.Written {
        guard let recording = try database.read({ db in try Recording.fetchOne(db, key: id) }) else {
            throw ArchiveError.notFound(id: "\(id)")
        }
        return try AudioClip.write(from: absolute(recording.storedPath), startMs: startMs, endMs: endMs, padMs: padMs, to: destination)
    }
}

import Foundation
