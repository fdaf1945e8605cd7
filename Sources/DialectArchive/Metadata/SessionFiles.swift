import Foundation

/// The files session rows name, checked against the batch: a file neither among the ingested
/// files nor beside the metadata file, and a file two sessions claim (it goes to the first, as
/// `SessionAssignment` files it). Rows left out for other problems are checked for missing files
/// too, so that a team sees every problem of a row at once.
extension FieldMetadata {
    func fileProblems(batch: [URL]) -> [MetadataProblem] {
        var problems: [MetadataProblem] = []
        var claimedBy: [String: SessionEntry] = [:]
        let files = batch.map(\.standardizedFileURL)
        let byName = Dictionary(grouping: files.map(\.path), by: { ($0 as NSString).lastPathComponent })
        let paths = Set(files.map(\.path))
        let kept = Set(sessions.map(\.session.id))
        for entry in sessions + leftOutSessions {
            for name in entry.files {
                // The rule of `SessionEntry.names`: a base name, or a path relative to the metadata.
                let onDisk = entry.folder.appendingPathComponent(name).standardizedFileURL.path
                var matches = byName[name] ?? []
                if paths.contains(onDisk) && !matches.contains(onDisk) { matches.append(onDisk) }
                if matches.isEmpty && !FileManager.default.fileExists(atPath: onDisk) {
                    problems.append(entry.row.problem("files", "the file '\(name)' is neither among the ingested files nor in \(entry.folder.path)"))
                }
                guard kept.contains(entry.session.id) else { continue }
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
}
