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
    /// The first row naming each base name, and each path relative to its metadata file, by
    /// position in `entries`: asked for every file of a batch, so looked up, not searched.
    private let byName: [String: Int]
    private let byPath: [String: Int]

    init(entries: [SessionEntry], defaultCollection: String) {
        self.entries = entries
        self.defaultCollection = defaultCollection
        var byName: [String: Int] = [:], byPath: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            for name in entry.files {
                if byName[name] == nil { byName[name] = index }
                let path = entry.folder.appendingPathComponent(name).standardizedFileURL.path
                if byPath[path] == nil { byPath[path] = index }
            }
        }
        self.byName = byName
        self.byPath = byPath
    }

    /// The session row that names `file` (the rule of `SessionEntry.names`); the first, when two do.
    func entry(naming file: URL) -> SessionEntry? {
        let found = [byName[file.lastPathComponent], byPath[file.standardizedFileURL.path]].compactMap { $0 }.min()
        return found.map { entries[$0] }
    }

    func placement(for file: URL) -> Placement {
        if let entry = entry(naming: file) {
            return Placement(sessionId: entry.session.id, collectionId: entry.session.collectionId, warning: nil)
        }
        let folder = file.deletingLastPathComponent().lastPathComponent
        let id = OriginalStore.safeComponent(folder.isEmpty ? "unsorted" : folder)
        return Placement(sessionId: id, collectionId: defaultCollection,
                         warning: "no session in the metadata names this file; filed under session '\(id)' named after its folder")
    }

    /// Creates the fallback session (and its collection) when it does not exist yet; returns
    /// the session's collection as stored.
    @discardableResult
    static func ensureSession(_ placement: Placement, in db: StoreDatabase) throws -> String {
        if let existing = try db.record(Session.self, id: placement.sessionId) { return existing.collectionId }
        try MetadataImport.ensureCollection(placement.collectionId, in: db)
        var session = Session(id: placement.sessionId, collectionId: placement.collectionId)
        session.title = placement.sessionId
        try db.insert(session)
        return placement.collectionId
    }
}
