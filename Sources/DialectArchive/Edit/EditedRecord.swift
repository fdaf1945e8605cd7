/// A record as `edit` changes it: its fields named as the metadata files name them, each value
/// read by the same rules as a cell of those files, so an edit can store nothing an ingest
/// would refuse.
enum EditedRecord {
    case locality(Locality)
    case speaker(Speaker)
    /// With its speakers (participants), which the metadata files give as a column of the session.
    case session(Session, speakers: [String])
    case recording(Recording)
    case collection(ArchiveCollection)

    /// The record `id` names, as `show` finds it: a recording number, else a session, speaker,
    /// locality or collection id.
    static func find(_ id: String, _ db: StoreDatabase) throws -> EditedRecord? {
        if let number = Int64(id), let recording = try db.record(Recording.self, id: number) { return .recording(recording) }
        if let session = try db.record(Session.self, id: id) {
            return .session(session, speakers: MetadataValues.list(try SessionParticipant.speakerList(of: id, db)))
        }
        if let speaker = try db.record(Speaker.self, id: id) { return .speaker(speaker) }
        if let locality = try db.record(Locality.self, id: id) { return .locality(locality) }
        if let collection = try db.record(ArchiveCollection.self, id: id) { return .collection(collection) }
        return nil
    }

    var kind: ChangeSet.RecordKind {
        switch self {
        case .locality: return .locality
        case .speaker: return .speaker
        case .session: return .session
        case .recording: return .recording
        case .collection: return .collection
        }
    }

    var id: String {
        switch self {
        case .locality(let locality): return locality.id
        case .speaker(let speaker): return speaker.id
        case .session(let session, _): return session.id
        case .recording(let recording): return String(recording.id ?? 0)
        case .collection(let collection): return collection.id
        }
    }

    /// The fields `edit` can set on this kind of record.
    var editable: [String] {
        switch self {
        case .locality: return MetadataColumns.localities.filter { $0 != "id" }
        case .speaker: return MetadataColumns.speakers.filter { $0 != "id" && $0 != "access" }
        case .session: return MetadataColumns.sessions.filter { !["id", "access", "files"].contains($0) }
        case .recording: return ["session"]
        case .collection: return ["title"]
        }
    }

    /// Why `field`, which records of this kind have, cannot be edited; nil when it is editable
    /// or unknown.
    func refusal(_ field: String) -> String? {
        if field == "id" { return "an id cannot be changed: it is how the rest of the archive refers to the \(kind.rawValue)" }
        if ["access", "access_until", "access_reason"].contains(field), kind != .locality, kind != .collection {
            return "access is changed with `dialect-archive access set \(id) LEVEL --reason TEXT`, which keeps its own record"
        }
        if ["withdrawn_at", "withdrawn_by", "withdrawn_reason", "purged_at"].contains(field), kind == .session || kind == .recording {
            return "a withdrawal is made with `dialect-archive withdraw \(id) --reason TEXT`"
        }
        if kind == .session, field == "files" { return "a session's files are matched to it when they are ingested" }
        if kind == .collection, field == "created_at" { return "when a collection was created is set by the archive" }
        if case .recording(let recording) = self, field != "session", ChangeSet.values(of: recording).keys.contains(field) {
            return "it is a fact of the stored file (checksums, stored path, audio, ingest), which is never edited"
        }
        return nil
    }

    /// Sets one field from text as a metadata file would give it; an empty value clears the
    /// field. Throws `EditError` when the value would be refused in a metadata file.
    mutating func set(_ field: String, _ text: String, _ db: StoreDatabase) throws {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let row = MetadataRow(file: "edit", line: nil, pointer: nil, fields: value.isEmpty ? [:] : [field: value],
                              headers: [field: field], extra: [:])
        let text: String? = value.isEmpty ? nil : value
        func read<T>(_ reading: () throws -> T?) throws -> T? {
            do { return try reading() } catch let problem as MetadataProblem {
                throw EditError.invalidValue(field: field, value: value, reason: problem.reason)
            }
        }
        func known<Record: StoredRecord>(_ type: Record.Type, _ name: String) throws -> String? {
            guard let text else { return nil }
            guard try db.record(type, id: text) != nil else { throw EditError.invalidValue(field: field, value: value, reason: "unknown \(name) id '\(text)'") }
            return text
        }
        switch self {
        case .locality(var locality):
            switch field {
            case "name": locality.name = text ?? ""
            case "latitude": locality.latitude = try read { try MetadataValues.latitude(row) }
            case "longitude": locality.longitude = try read { try MetadataValues.longitude(row) }
            case "romanised_name": locality.romanisedName = text
            case "province": locality.province = text
            case "prefecture": locality.prefecture = text
            case "county": locality.county = text
            case "township": locality.township = text
            case "admin_code": locality.adminCode = text
            case "dialect_group": locality.dialectGroup = text
            case "dialect_subgroup": locality.dialectSubgroup = text
            case "dialect_cluster": locality.dialectCluster = text
            case "glottocode": locality.glottocode = text
            default: locality.iso639_3 = text
            }
            self = .locality(locality)
        case .speaker(var speaker):
            switch field {
            case "name": speaker.name = text
            case "sex": speaker.sex = try read { try MetadataValues.choice(row, "sex", MetadataValues.sexes, "m, f, 男, 女 or other") }
            case "birth_year": speaker.birthYear = try read { try MetadataValues.birthYear(row) }
            case "role":
                speaker.role = try read {
                    try MetadataValues.choice(row, "role", MetadataValues.speakerRoles, "老男, 青男, 老女, 青女, 口头文化, 地方普通话 or other")
                }
            case "locality": speaker.localityId = try known(Locality.self, "locality")
            case "education": speaker.education = text
            case "occupation": speaker.occupation = text
            case "languages": speaker.languages = text
            default: (speaker.consentDate, speaker.consentScope) = MetadataValues.consent(row)
            }
            self = .speaker(speaker)
        case .session(var session, var speakers):
            switch field {
            case "title": session.title = text
            case "date": session.date = try read { try MetadataValues.date(row) }
            case "locality": session.localityId = try known(Locality.self, "locality")
            case "speakers":
                speakers = MetadataValues.list(text)
                for speaker in speakers where try db.record(Speaker.self, id: speaker) == nil {
                    throw EditError.invalidValue(field: field, value: value, reason: "unknown speaker id '\(speaker)'")
                }
            case "recorder": session.recorder = text
            case "content":
                session.contentType = try read {
                    try MetadataValues.choice(row, "content", MetadataValues.contentTypes, "单字, 词汇, 语法, 话语, 口头文化 or other")
                }
            case "collection": session.collectionId = try known(ArchiveCollection.self, "collection") ?? ""
            case "keywords": session.keywords = text
            case "description": session.description = text
            default: session.tierKinds = try read { try TierKind.overrides(row) }
            }
            self = .session(session, speakers: speakers)
        case .recording(var recording):
            recording.sessionId = try known(Session.self, "session") ?? ""
            if let withdrawal = try Withdrawal.of("session", recording.sessionId, db) {
                throw EditError.invalidValue(field: field, value: value, reason: WithdrawalError.sessionWithdrawn(id: recording.sessionId, withdrawal).description)
            }
            self = .recording(recording)
        case .collection(var collection):
            collection.title = text
            self = .collection(collection)
        }
    }

    /// A field the record cannot be without, left empty; or half a coordinate.
    var missing: EditError? {
        switch self {
        case .locality(let locality):
            if locality.name.isEmpty { return .required(field: "name") }
            if (locality.latitude == nil) != (locality.longitude == nil) {
                return .invalidValue(field: locality.latitude == nil ? "latitude" : "longitude", value: "",
                                     reason: "a coordinate needs both latitude and longitude")
            }
        case .session(let session, _) where session.collectionId.isEmpty: return .required(field: "collection")
        case .recording(let recording) where recording.sessionId.isEmpty: return .required(field: "session")
        default: break
        }
        return nil
    }
}
