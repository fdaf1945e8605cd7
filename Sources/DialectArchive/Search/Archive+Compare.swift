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
                        as reader: Reader) throws -> [ComparisonRow] {
        let result = try search(query, filters: filters, order: .place, limit: limit, counting: false, as: reader)
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
    /// named after recording and time; returns the files written. Access as for `clip`.
    public func writeClips(for hits: [SearchHit], padMs: Int64, to folder: URL, includeRestricted: Bool = false) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [URL] = []
        for hit in hits {
            guard let recordingId = hit.recordingId else { continue }
            let stem = ((hit.recordingFile ?? "recording-\(recordingId)") as NSString).deletingPathExtension
            let name = "\(stem)_\(TimeFormat.fileStamp(hit.startMs))-\(TimeFormat.fileStamp(hit.endMs)).wav"
            let destination = folder.appendingPathComponent(OriginalStore.safeComponent(name))
            _ = try clip(recording: recordingId, startMs: hit.startMs, endMs: hit.endMs, padMs: padMs, to: destination,
                         includeRestricted: includeRestricted)
            written.append(destination)
        }
        return written
    }

    /// Writes any span of a recording as a WAV file. A restricted or closed recording is cut
    /// only for a reader who may hear it, and each such clip is an audit event: `clip` naming
    /// the recording, the span and the file written, or for an account `access` (a play).
    public func clip(recording id: Int64, startMs: Int64, endMs: Int64, padMs: Int64 = 0, to destination: URL,
                     as reader: Reader) throws -> AudioClip.Written {
        let (recording, withheld) = try store.read { db in try Self.audible(id, reader, db) }
        let written = try AudioClip.write(from: absolute(recording.storedPath), startMs: startMs, endMs: endMs, padMs: padMs, to: destination)
        do {
            try noteClip(of: recording, withheld: withheld, startMs: startMs, endMs: endMs, padMs: padMs, file: destination, by: reader)
        } catch {
            // No restricted clip without its audit event.
            try? FileManager.default.removeItem(at: destination)
            throw error
        }
        return written
    }

    /// The audit event of a clip of withheld material: an account's play (`access`), or
    /// anyone else's `clip` naming the span and the file written (none for bytes handed over).
    func noteClip(of recording: Recording, withheld: AccessCondition.Level?, startMs: Int64, endMs: Int64, padMs: Int64,
                  file: URL?, by reader: Reader) throws {
        guard let withheld, let id = recording.id else { return }
        let span: String = TimeFormat.clock(startMs) + "–" + TimeFormat.clock(endMs)
        if reader.account != nil {
            try noteAccess(by: reader, recordings: [id], what: "play of recording \(id) " + span)
            return
        }
        let summary: String = "clip of \(withheld.rawValue) recording \(id) (\(recording.originalName)) \(span)" + (file.map { " to \($0.path)" } ?? "")
        var details: [String: Any] = [
            "recording": id, "access": withheld.rawValue, "start_ms": startMs, "end_ms": endMs, "pad_ms": padMs,
        ]
        if let file { details["file"] = file.path }
        try record(AuditEvent(kind: "clip", summary: summary, details: details))
    }
}

import Foundation
