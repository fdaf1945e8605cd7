import Foundation

/// The metadata a field team brings with a batch: localities, speakers and sessions from
/// `localities.csv`, `speakers.csv`, `sessions.csv` or `metadata.json`, validated row by row.
/// A bad row becomes one `MetadataProblem` per thing wrong with it and is left out; the other
/// rows are kept.
public struct FieldMetadata {
    public var localities: [Locality] = []
    public var speakers: [Speaker] = []
    public var sessions: [SessionEntry] = []
    public var problems: [MetadataProblem] = []
    /// The metadata files that were read.
    public var sources: [String] = []
    /// Every speaker and session row's links to other tables, checked once the batch is read.
    var references: [RowReferences] = []
    /// Ids of rows left out for their problems, by table.
    var leftOut: [String: Set<String>] = [:]
    /// Session rows left out for their problems (their files are still checked).
    var leftOutSessions: [SessionEntry] = []
    /// Where each kept row was read (`speakers.csv line 4`), by table and id.
    var rowSources: [String: String] = [:]

    public init() {}

    /// File names recognised as metadata at the top of an ingested folder.
    public static let fileNames: Set<String> = ["localities.csv", "speakers.csv", "sessions.csv", "metadata.json"]

    private static let tables: [(name: String, known: [String], required: [String])] = [
        ("localities", MetadataColumns.localities, ["id", "name"]),
        ("speakers", MetadataColumns.speakers, ["id"]),
        ("sessions", MetadataColumns.sessions, ["id"]),
    ]

    /// Reads every metadata file at the top of `folder`.
    public static func read(folder: URL, defaultCollection: String, only: Set<String>? = nil) -> FieldMetadata {
        var metadata = FieldMetadata()
        let jsonURL = folder.appendingPathComponent("metadata.json")
        var json: [String: Any]?
        if only?.contains("metadata.json") ?? true, FileManager.default.fileExists(atPath: jsonURL.path) {
            metadata.sources.append(jsonURL.path)
            do {
                json = try MetadataJSON.read(jsonURL)
            } catch {
                metadata.problems.append(MetadataJSON.problem(error, file: jsonURL.path))
            }
        }
        for table in tables {
            var rows: [MetadataRow] = []
            let csvURL = folder.appendingPathComponent("\(table.name).csv")
            if only?.contains("\(table.name).csv") ?? true, FileManager.default.fileExists(atPath: csvURL.path) {
                metadata.sources.append(csvURL.path)
                do {
                    let csv = try CSVTable.parse(try Data(contentsOf: csvURL), file: csvURL.path)
                    metadata.problems += csv.problems
                    rows += try MetadataRow.rows(of: csv, file: csvURL.path, known: table.known, required: table.required)
                } catch let problem as MetadataProblem {
                    metadata.problems.append(problem)
                } catch {
                    metadata.problems.append(MetadataProblem(file: csvURL.path, line: nil, column: nil,
                                                             reason: "cannot be read: \(error.localizedDescription)"))
                }
            }
            if let array = json?[table.name] {
                if let objects = array as? [Any] {
                    rows += MetadataRow.rows(of: objects, file: jsonURL.path, table: table.name, known: table.known,
                                             problems: &metadata.problems)
                } else {
                    metadata.problems.append(MetadataProblem(file: jsonURL.path, line: nil, column: nil, record: table.name,
                                                             reason: "expected an array of objects"))
                }
            }
            metadata.add(rows, table: table.name, required: table.required, folder: folder, defaultCollection: defaultCollection)
        }
        return metadata
    }

    /// Checks each row and keeps it when nothing is wrong with it, else notes all its problems.
    private mutating func add(_ rows: [MetadataRow], table: String, required: [String], folder: URL, defaultCollection: String) {
        var firstLine: [String: MetadataRow] = [:]
        for row in rows {
            var check = RowCheck(row)
            for column in required where row[column] == nil {
                check.problems.append(row.problem(column, "the required value '\(column)' is empty"))
            }
            if let id = row["id"] {
                if let first = firstLine[id] {
                    let earlier = first.line.map { "line \($0)" } ?? first.record ?? "an earlier row"
                    check.problems.append(row.problem("id", "the id '\(id)' appears twice in \(table) (first on \(earlier))"))
                } else {
                    firstLine[id] = row
                }
            }
            switch table {
            case "localities":
                let locality = Self.locality(row, &check)
                if check.problems.isEmpty { localities.append(locality) }
            case "speakers":
                let speaker = Self.speaker(row, &check)
                if check.problems.isEmpty { speakers.append(speaker) }
                references.append(RowReferences(table: table, row: row, locality: row["locality"], speakers: [],
                                                kept: check.problems.isEmpty))
            default:
                let entry = Self.session(row, &check, folder: folder, defaultCollection: defaultCollection)
                if check.problems.isEmpty { sessions.append(entry) } else { leftOutSessions.append(entry) }
                references.append(RowReferences(table: table, row: row, locality: row["locality"], speakers: entry.speakerIds,
                                                kept: check.problems.isEmpty))
            }
            if !check.problems.isEmpty {
                problems += check.problems
                if let id = row["id"] { leftOut[table, default: []].insert(id) }
            } else if let id = row["id"] {
                rowSources["\(table) \(id)"] = row.source
            }
        }
    }

    /// Merges metadata read from another folder of the same batch.
    public mutating func merge(_ other: FieldMetadata) {
        localities += other.localities
        speakers += other.speakers
        sessions += other.sessions
        problems += other.problems
        sources += other.sources
        references += other.references
        leftOut.merge(other.leftOut) { $0.union($1) }
        leftOutSessions += other.leftOutSessions
        rowSources.merge(other.rowSources) { $1 }
    }

    /// Where the kept row of `table` (`localities`, `speakers`, `sessions`) with this id was read.
    func source(_ table: String, _ id: String) -> String? {
        rowSources["\(table) \(id)"]
    }

    /// Drops rows that refer to localities or speakers found neither in this metadata nor in
    /// `known`, reporting each reference with its file, line and column.
    public mutating func checkReferences(knownLocalities: Set<String>, knownSpeakers: Set<String>) {
        let localityIds = knownLocalities.union(localities.map(\.id))
        var dropped = Set<String>()
        for reference in references where reference.table == "speakers" {
            guard let locality = reference.locality, !localityIds.contains(locality) else { continue }
            problems.append(reference.row.problem("locality", unknown(locality, "locality", in: "localities")))
            if reference.kept, let id = reference.row["id"] { dropped.insert(id) }
        }
        speakers.removeAll { dropped.contains($0.id) }
        leftOut["speakers", default: []].formUnion(dropped)

        let speakerIds = knownSpeakers.union(speakers.map(\.id))
        var droppedSessions = Set<String>()
        for reference in references where reference.table == "sessions" {
            var found: [MetadataProblem] = []
            if let locality = reference.locality, !localityIds.contains(locality) {
                found.append(reference.row.problem("locality", unknown(locality, "locality", in: "localities")))
            }
            for speaker in reference.speakers where !speakerIds.contains(speaker) {
                found.append(reference.row.problem("speakers", unknown(speaker, "speaker", in: "speakers")))
            }
            problems += found
            if !found.isEmpty, reference.kept, let id = reference.row["id"] { droppedSessions.insert(id) }
        }
        leftOutSessions += sessions.filter { droppedSessions.contains($0.session.id) }
        sessions.removeAll { droppedSessions.contains($0.session.id) }
    }

    private func unknown(_ id: String, _ kind: String, in table: String) -> String {
        leftOut[table, default: []].contains(id)
            ? "\(kind) id '\(id)' is in \(table), but that row was left out for the problems reported with it"
            : "unknown \(kind) id '\(id)'"
    }
}

/// A speaker or session row's links to a locality and to speakers.
struct RowReferences {
    var table: String
    var row: MetadataRow
    var locality: String?
    var speakers: [String]
    /// False when the row was already left out for problems of its own.
    var kept: Bool
}

/// A session row with what links it to people and files.
public struct SessionEntry {
    public var session: Session
    public var speakerIds: [String]
    /// Files as the row names them: a path relative to `folder`, or a base name.
    public var files: [String]
    /// The folder the metadata file was in.
    public var folder: URL
    var row: MetadataRow

    /// True when the row names `file` (by relative path or by base name).
    public func names(_ file: URL) -> Bool {
        let relative = file.standardizedFileURL.path
        return files.contains { name in
            name == file.lastPathComponent
                || folder.appendingPathComponent(name).standardizedFileURL.path == relative
        }
    }
}
