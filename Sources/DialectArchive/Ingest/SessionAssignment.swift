import Foundation
import GRDB

/// Decides which session each file of a batch belongs to: the session row that names it, or
/// else a session named after the file's folder (with a warning, so the team can fix the sheet).
struct SessionAssignment {
    struct Placement {
        var sessionId: String
        var collectionId: String
        /// Set when the file fell back to its folder's session.
        var warning: String?
    }

    let entries: [SessionEntry]
    let defaultCollection: String

    func placement(for file: URL) -> Placement {
        if let entry = entries.first(where: { $0.names(file) }) {
            return Placement(sessionId: entry.session.id, collectionId: entry.session.collectionId, warning: nil)
        }
        let folder = file.deletingLastPathComponent().lastPathComponent
        let id = OriginalStore.safeComponent(folder.isEmpty ? "unsorted" : folder)
        return Placement(sessionId: id, collectionId: defaultCollection,
                         warning: "no session in the metadata names this file; filed under session '\(id)' named after its folder")
    }

    /// What is wrong with the files the session rows name: a file neither among `batch` nor
    /// beside the metadata file, and a file two sessions claim (it goes to the first).
    func fileProblems(batch: [URL]) -> [MetadataProblem] {
        var problems: [MetadataProblem] = []
        var claimedBy: [String: SessionEntry] = [:]
        let files = batch.map(\.standardizedFileURL)
        let byName = Dictionary(grouping: files.map(\.path), by: { ($0 as NSString).lastPathComponent })
        let paths = Set(files.map(\.path))
        for entry in entries {
            for name in entry.files {
                // The same rule as `SessionEntry.names`: a base name, or a path relative to the metadata.
                let onDisk = entry.folder.appendingPathComponent(name).standardizedFileURL.path
                var matches = byName[name] ?? []
                if paths.contains(onDisk) && !matches.contains(onDisk) { matches.append(onDisk) }
                if matches.isEmpty && !FileManager.default.fileExists(atPath: onDisk) {
                    problems.append(entry.row.problem("files", "the file '\(name)' is neither among the ingested files nor in \(entry.folder.path)"))
                }
                var other: SessionEntry?
                for path in matches.isEmpty ? [onDisk] : matches {
                    if let first = claimedBy[path] {
                        if first.session.id != entry.session.id, other == nil { other = first }
                    } else {
                        claimedBy[path] = entry
                    }
                }
                if let other {
                    var place = other.row.line.map { "line \($0)" } ?? other.row.record ?? ""
                    if other.row.file != entry.row.file { place += (place.isEmpty ? "" : " of ") + other.row.file }
                    problems.append(entry.row.problem(
                        "files", "the file '\(name)' is also in session '\(other.session.id)' (\(place)); it is filed there"))
                }
            }
        }
        return problems
    }

    /// Creates the fallback session (and its collection) when it does not exist yet; returns
    /// the session's collection as stored.
    @discardableResult
    static func ensureSession(_ placement: Placement, in db: Database) throws -> String {
        if let existing = try Session.fetchOne(db, key: placement.sessionId) { return existing.collectionId }
        try MetadataImport.ensureCollection(placement.collectionId, in: db)
        var session = Session(id: placement.sessionId, collectionId: placement.collectionId)
        session.title = placement.sessionId
        try session.insert(db)
        return placement.collectionId
    }
}
