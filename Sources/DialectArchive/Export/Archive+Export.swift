import Foundation
import Transcripts

extension Archive {
    /// Exports a selection (a collection, sessions, or the recordings a search finds) as a
    /// package other archives and tools take. Restricted and closed material is left out
    /// unless `request.includeRestricted`; the export is an audit event.
    ///
    /// ```swift
    /// let report = try archive.export(ExportRequest(format: .bagit, out: URL(fileURLWithPath: "transfer"), collection: "sample"))
    /// ```
    public func export(_ request: ExportRequest) throws -> ExportReport {
        let (items, leftOut) = try exportItems(request)
        guard !items.isEmpty else {
            throw ExportError.emptySelection(leftOut > 0
                ? "the \(leftOut) selected recordings are all restricted or closed (add --include-restricted to include them)"
                : "no recording matches the selection")
        }
        let existedBefore = FileManager.default.fileExists(atPath: request.out.path)
        let folder = try ExportFolder(request.out, force: request.force)
        do {
            try write(items, as: request, to: folder)
        } catch {
            // A half-written package must not be mistaken for a complete one.
            if !existedBefore { try? FileManager.default.removeItem(at: folder.root) }
            throw error
        }
        let report = ExportReport(format: request.format.rawValue, out: folder.root.path, recordings: items.count,
                                  transcripts: items.reduce(0) { $0 + $1.transcripts.count },
                                  replacedRevisions: items.reduce(0) { $0 + $1.replacedRevisions.count }, files: folder.written.count,
                                  bytes: folder.bytes, includesRestricted: request.includeRestricted, leftOutRestricted: leftOut)
        var selection: [String: Any] = ["sessions": request.sessions]
        if let collection = request.collection { selection["collection"] = collection }
        if let query = request.query { selection["query"] = query.text }
        // An archive that can only be read cannot keep an audit trail of its exports.
        guard !isReadOnly else { return report }
        try record(AuditEvent(kind: "export", summary: "export \(request.format.rawValue): \(items.count) recordings to \(folder.root.path)"
                              + (request.includeRestricted ? " (including restricted material)" : ""),
                              details: ["format": request.format.rawValue, "out": folder.root.path, "recordings": items.count,
                                        "files": folder.written.count, "bytes": folder.bytes, "include_restricted": request.includeRestricted,
                                        "left_out_restricted": leftOut, "all_revisions": request.allRevisions, "selection": selection,
                                        "recording_ids": items.map { $0.recording.id! },
                                        "session_ids": Array(Set(items.map(\.session.id))).sorted()]))
        return report
    }

    private func write(_ items: [ExportItem], as request: ExportRequest, to folder: ExportFolder) throws {
        switch request.format {
        case .bagit: try BagItExport.write(items, archive: self, to: folder, request: request)
        case .rocrate: try ROCrateExport.write(items, archive: self, to: folder, request: request)
        case .olac: try OLACExport.write(items, to: folder, request: request)
        case .csv: try folder.write(RecordingTable.csv(items, includeRestricted: request.includeRestricted), to: "recordings.csv")
        case .json: try folder.write(try RecordingTable.json(items, includeRestricted: request.includeRestricted), to: "recordings.json")
        case .eaf, .textgrid, .vtt:
            let format = Transcript.Format(rawValue: request.format.rawValue)!
            for item in items {
                for file in item.exportedTranscripts {
                    let transcript = try Transcript.read(contentsOf: absolute(file.storedPath))
                    let stem = (String(file.exportPath.dropFirst(Self.transcriptsFolder.count + 1)) as NSString).deletingPathExtension
                    let ext = format == .textgrid ? "TextGrid" : format.rawValue
                    try folder.write(try transcript.data(as: format), to: "\(stem).\(ext)")
                }
            }
        }
    }
}
