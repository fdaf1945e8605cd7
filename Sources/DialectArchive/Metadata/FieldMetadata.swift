import Foundation

/// The metadata a field team brings with a batch: localities, speakers and sessions from
/// `localities.csv`, `speakers.csv`, `sessions.csv` or `metadata.json`, validated row by row.
/// A bad row becomes a `MetadataProblem` and is left out; the other rows are kept.
public struct FieldMetadata {
    public var localities: [Locality] = []
    public var speakers: [Speaker] = []
    public var sessions: [SessionEntry] = []
    public var problems: [MetadataProblem] = []
    /// The metadata files that were read.
    public var sources: [String] = []

    public init() {}

    /// File names recognised as metadata at the top of an ingested folder.
    public static let fileNames: Set<String> = ["localities.csv", "speakers.csv", "sessions.csv", "metadata.json"]

    /// Reads every metadata file at the top of `folder`.
    public static func read(folder: URL, defaultCollection: String, only: Set<String>? = nil) -> FieldMetadata {
        var metadata = FieldMetadata()
        let tables: [(String, [String], [String], (inout FieldMetadata, MetadataRow, URL, String) throws -> Void)] = [
            ("localities", MetadataColumns.localities, ["id", "name"], { m, row, _, _ in m.localities.append(try locality(row)) }),
            ("speakers", MetadataColumns.speakers, ["id"], { m, row, _, _ in let speaker = try m.speaker(row); m.speakers.append(speaker) }),
            ("sessions", MetadataColumns.sessions, ["id"], { m, row, folder, collection in
                m.sessions.append(try session(row, folder: folder, defaultCollection: collection)) }),
        ]
        let jsonURL = folder.appendingPathComponent("metadata.json")
        var json: [String: Any]?
        if only?.contains("metadata.json") ?? true, FileManager.default.fileExists(atPath: jsonURL.path) {
            metadata.sources.append(jsonURL.path)
            do {
                let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: jsonURL))
                guard let dictionary = object as? [String: Any] else {
                    throw MetadataProblem(file: jsonURL.path, line: nil, column: nil,
                                          reason: "expected an object with arrays 'localities', 'speakers', 'sessions'")
                }
                json = dictionary
            } catch let problem as MetadataProblem {
                metadata.problems.append(problem)
            } catch {
                metadata.problems.append(MetadataProblem(file: jsonURL.path, line: nil, column: nil,
                                                         reason: "not valid JSON: \(error.localizedDescription)"))
            }
        }
        for (name, known, required, add) in tables {
            var rows: [MetadataRow] = []
            let csvURL = folder.appendingPathComponent("\(name).csv")
            if only?.contains("\(name).csv") ?? true, FileManager.default.fileExists(atPath: csvURL.path) {
                metadata.sources.append(csvURL.path)
                do {
                    let table = try CSVTable.parse(try Data(contentsOf: csvURL), file: csvURL.path)
                    rows += try MetadataRow.rows(of: table, file: csvURL.path, known: known, required: required)
                } catch let problem as MetadataProblem {
                    metadata.problems.append(problem)
                } catch {
                    metadata.problems.append(MetadataProblem(file: csvURL.path, line: nil, column: nil, reason: "\(error.localizedDescription)"))
                }
            }
            if let array = json?[name] {
                do {
                    guard let objects = array as? [Any] else {
                        throw MetadataProblem(file: jsonURL.path, line: nil, column: name, reason: "expected an array")
                    }
                    rows += try MetadataRow.rows(of: objects, file: jsonURL.path, table: name, known: known)
                } catch let problem as MetadataProblem {
                    metadata.problems.append(problem)
                } catch {
                    metadata.problems.append(MetadataProblem(file: jsonURL.path, line: nil, column: name, reason: "\(error)"))
                }
            }
            var seen = Set<String>()
            for row in rows {
                do {
                    for column in required where row[column] == nil {
                        throw row.problem(column, "the required value '\(column)' is empty")
                    }
                    if let id = row["id"], !seen.insert(id).inserted {
                        throw row.problem("id", "the id '\(id)' appears twice in \(name)")
                    }
                    try add(&metadata, row, folder, defaultCollection)
                } catch let problem as MetadataProblem {
                    metadata.problems.append(problem)
                } catch {
                    metadata.problems.append(row.problem(nil, "\(error)"))
                }
            }
        }
        return metadata
    }

    /// Merges metadata read from another folder of the same batch.
    public mutating func merge(_ other: FieldMetadata) {
        localities += other.localities
        speakers += other.speakers
        sessions += other.sessions
        problems += other.problems
        sources += other.sources
    }

    /// Drops rows that refer to localities or speakers found neither in this metadata nor in
    /// `known`, reporting each with its file, line and column.
    public mutating func checkReferences(knownLocalities: Set<String>, knownSpeakers: Set<String>) {
        let localityIds = knownLocalities.union(localities.map(\.id))
        speakers.removeAll { speaker in
            guard let locality = speaker.localityId, !localityIds.contains(locality) else { return false }
            problems.append(speakerRows[speaker.id]?.problem("locality", "unknown locality id '\(locality)'")
                            ?? MetadataProblem(file: "speakers", line: nil, column: "locality", reason: "unknown locality id '\(locality)'"))
            return true
        }
        let speakerIds = knownSpeakers.union(speakers.map(\.id))
        sessions.removeAll { entry in
            if let locality = entry.session.localityId, !localityIds.contains(locality) {
                problems.append(entry.row.problem("locality", "unknown locality id '\(locality)'"))
                return true
            }
            if let unknown = entry.speakerIds.first(where: { !speakerIds.contains($0) }) {
                problems.append(entry.row.problem("speakers", "unknown speaker id '\(unknown)'"))
                return true
            }
            return false
        }
    }

    private var speakerRows: [String: MetadataRow] = [:]

    private static func locality(_ row: MetadataRow) throws -> Locality {
        var locality = Locality(id: row["id"]!, name: row["name"]!)
        locality.romanisedName = row["romanised_name"]
        locality.province = row["province"]
        locality.prefecture = row["prefecture"]
        locality.county = row["county"]
        locality.township = row["township"]
        locality.adminCode = row["admin_code"]
        locality.latitude = try MetadataValues.latitude(row)
        locality.longitude = try MetadataValues.longitude(row)
        if (locality.latitude == nil) != (locality.longitude == nil) {
            throw row.problem(locality.latitude == nil ? "latitude" : "longitude", "a coordinate needs both latitude and longitude")
        }
        locality.dialectGroup = row["dialect_group"]
        locality.dialectSubgroup = row["dialect_subgroup"]
        locality.dialectCluster = row["dialect_cluster"]
        locality.glottocode = row["glottocode"]
        locality.iso639_3 = row["iso639_3"]
        locality.extra = row.extraJSON
        return locality
    }

    private mutating func speaker(_ row: MetadataRow) throws -> Speaker {
        let access = try AccessCondition.read(row)
        var speaker = Speaker(id: row["id"]!, access: access.level.rawValue)
        speaker.accessUntil = access.until
        speaker.accessReason = access.reason
        speaker.name = row["name"]
        speaker.sex = try MetadataValues.choice(row, "sex", MetadataValues.sexes, "m, f, 男, 女 or other")
        speaker.birthYear = try MetadataValues.birthYear(row)
        speaker.role = try MetadataValues.choice(row, "role", MetadataValues.speakerRoles, "老男, 青男, 老女, 青女, 口头文化, 地方普通话 or other")
        speaker.localityId = row["locality"]
        speaker.education = row["education"]
        speaker.occupation = row["occupation"]
        speaker.languages = row["languages"]
        (speaker.consentDate, speaker.consentScope) = try MetadataValues.consent(row)
        speaker.extra = row.extraJSON
        speakerRows[speaker.id] = row
        return speaker
    }

    private static func session(_ row: MetadataRow, folder: URL, defaultCollection: String) throws -> SessionEntry {
        let access = try AccessCondition.read(row)
        var session = Session(id: row["id"]!, collectionId: row["collection"] ?? defaultCollection, access: access.level.rawValue)
        session.accessUntil = access.until
        session.accessReason = access.reason
        session.title = row["title"]
        session.date = try MetadataValues.date(row)
        session.localityId = row["locality"]
        session.contentType = try MetadataValues.choice(row, "content", MetadataValues.contentTypes, "单字, 词汇, 语法, 话语, 口头文化 or other")
        session.recorder = row["recorder"]
        session.keywords = row["keywords"]
        session.description = row["description"]
        session.tierKinds = try TierKind.overrides(row)
        session.extra = row.extraJSON
        return SessionEntry(session: session, speakerIds: MetadataValues.list(row["speakers"]),
                            files: MetadataValues.list(row["files"]), folder: folder, row: row)
    }
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
