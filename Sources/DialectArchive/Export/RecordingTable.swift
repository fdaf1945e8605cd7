import Foundation

/// One row per recording with every metadata field, for CSV and JSON exports. Replaced transcript
/// revisions, when an export carries them, are listed apart from the current ones.
enum RecordingTable {
    static let columns = [
        "recording_id", "file", "stored_path", "size", "sha256", "audio_sha256", "container", "codec", "sample_rate",
        "channels", "bits_per_sample", "frames", "duration_ms", "access",
        "session_id", "session_title", "date", "content_type", "collection", "recorder", "keywords", "session_description",
        "locality_id", "locality", "province", "prefecture", "county", "admin_code", "latitude", "longitude",
        "dialect_group", "dialect_subgroup", "dialect_cluster", "glottocode", "iso639_3",
        "speakers", "speaker_names", "speaker_roles", "speaker_sexes", "speaker_birth_years",
        "bext_description", "bext_originator", "bext_origination_date", "bext_origination_time", "bext_time_reference",
        "chromaprint", "transcripts", "original_source_path", "ingested_at",
    ]

    /// The columns of `items`: `replaced_transcripts` only when some item carries replaced revisions.
    static func columns(_ items: [ExportItem]) -> [String] {
        items.contains { !$0.replacedRevisions.isEmpty } ? columns + ["replaced_transcripts"] : columns
    }

    static func row(_ item: ExportItem, includeRestricted: Bool) -> [String: String] {
        let r = item.recording, s = item.session, l = item.locality
        let speakers = item.speakers.map { $0.shown(includeRestricted: includeRestricted) }
        func text(_ value: Any?) -> String {
            switch value {
            case nil: return ""
            case let string as String: return string
            case let optional as String?: return optional ?? ""
            default: return "\(value!)"
            }
        }
        let values: [String: Any?] = [
            "recording_id": r.id, "file": r.originalName, "stored_path": r.storedPath, "size": r.size, "sha256": r.sha256,
            "audio_sha256": r.audioSha256, "container": r.container, "codec": r.codec, "sample_rate": r.sampleRate,
            "channels": r.channels, "bits_per_sample": r.bitsPerSample, "frames": r.frames, "duration_ms": r.durationMs,
            "access": item.access, "session_id": s.id, "session_title": s.title, "date": s.date, "content_type": s.contentType,
            "collection": s.collectionId, "recorder": s.recorder, "keywords": s.keywords, "session_description": s.description,
            "locality_id": l?.id, "locality": l?.name, "province": l?.province, "prefecture": l?.prefecture, "county": l?.county,
            "admin_code": l?.adminCode, "latitude": l?.latitude, "longitude": l?.longitude, "dialect_group": l?.dialectGroup,
            "dialect_subgroup": l?.dialectSubgroup, "dialect_cluster": l?.dialectCluster, "glottocode": l?.glottocode,
            "iso639_3": l?.iso639_3,
            "speakers": speakers.map(\.id).joined(separator: ";"),
            "speaker_names": speakers.map { $0.name ?? "" }.joined(separator: ";"),
            "speaker_roles": speakers.map { $0.role ?? "" }.joined(separator: ";"),
            "speaker_sexes": speakers.map { $0.sex ?? "" }.joined(separator: ";"),
            "speaker_birth_years": speakers.map { $0.birthYear.map(String.init) ?? "" }.joined(separator: ";"),
            "bext_description": r.bextDescription, "bext_originator": r.bextOriginator,
            "bext_origination_date": r.bextOriginationDate, "bext_origination_time": r.bextOriginationTime,
            "bext_time_reference": r.bextTimeReference, "chromaprint": r.chromaprint,
            "transcripts": item.transcripts.map(\.exportPath).joined(separator: ";"),
            "replaced_transcripts": item.replacedRevisions.map(\.exportPath).joined(separator: ";"),
            "original_source_path": r.sourcePath, "ingested_at": r.ingestedAt,
        ]
        return values.mapValues(text)
    }

    /// CSV safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@` (or a tab or
    /// carriage return) is prefixed with `'` so it is never read as a formula.
    static func csv(_ items: [ExportItem], includeRestricted: Bool) -> Data {
        let columns = self.columns(items)
        var lines = [columns.map(quote).joined(separator: ",")]
        for item in items {
            let row = self.row(item, includeRestricted: includeRestricted)
            lines.append(columns.map { quote(neutralise(row[$0] ?? "")) }.joined(separator: ","))
        }
        return Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func json(_ items: [ExportItem], includeRestricted: Bool) throws -> Data {
        let rows = items.map { item -> [String: Any] in
            var row: [String: Any] = [:]
            for (key, value) in self.row(item, includeRestricted: includeRestricted) where !value.isEmpty { row[key] = value }
            for key in ["recording_id", "size", "sample_rate", "channels", "bits_per_sample", "frames", "duration_ms", "bext_time_reference"] {
                if let text = row[key] as? String, let number = Int64(text) { row[key] = number }
            }
            for key in ["latitude", "longitude"] {
                if let text = row[key] as? String, let number = Double(text) { row[key] = number }
            }
            return row
        }
        return try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    static func neutralise(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }

    static func quote(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
