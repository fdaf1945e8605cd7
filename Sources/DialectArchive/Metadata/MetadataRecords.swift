import Foundation

/// The problems of one metadata row, gathered so that a team sees all of them at once rather
/// than one per ingest.
struct RowCheck {
    let row: MetadataRow
    var problems: [MetadataProblem]

    init(_ row: MetadataRow) {
        self.row = row
        problems = row.problems
    }

    /// The value `read` gives, or nil with its problem noted.
    mutating func value<T>(_ read: () throws -> T?) -> T? {
        do {
            return try read()
        } catch let problem as MetadataProblem {
            problems.append(problem)
        } catch {
            problems.append(row.problem(nil, "\(error)"))
        }
        return nil
    }
}

/// Localities, speakers and sessions made from their rows; each cell's problem is noted and
/// the other cells are still read.
extension FieldMetadata {
    static func locality(_ row: MetadataRow, _ check: inout RowCheck) -> Locality {
        var locality = Locality(id: row["id"] ?? "", name: row["name"] ?? "")
        locality.romanisedName = row["romanised_name"]
        locality.province = row["province"]
        locality.prefecture = row["prefecture"]
        locality.county = row["county"]
        locality.township = row["township"]
        locality.adminCode = row["admin_code"]
        locality.latitude = check.value { try MetadataValues.latitude(row) }
        locality.longitude = check.value { try MetadataValues.longitude(row) }
        if (row["latitude"] == nil) != (row["longitude"] == nil) {
            check.problems.append(row.problem(row["latitude"] == nil ? "latitude" : "longitude",
                                              "a coordinate needs both latitude and longitude"))
        }
        locality.dialectGroup = row["dialect_group"]
        locality.dialectSubgroup = row["dialect_subgroup"]
        locality.dialectCluster = row["dialect_cluster"]
        locality.glottocode = row["glottocode"]
        locality.iso639_3 = row["iso639_3"]
        locality.extra = row.extraJSON
        return locality
    }

    static func speaker(_ row: MetadataRow, _ check: inout RowCheck) -> Speaker {
        let access = check.value { try AccessCondition.read(row) } ?? AccessCondition(level: .open)
        var speaker = Speaker(id: row["id"] ?? "", access: access.level.rawValue)
        speaker.accessUntil = access.until
        speaker.accessReason = access.reason
        speaker.name = row["name"]
        speaker.sex = check.value { try MetadataValues.choice(row, "sex", MetadataValues.sexes, "m, f, 男, 女 or other") }
        speaker.birthYear = check.value { try MetadataValues.birthYear(row) }
        speaker.role = check.value {
            try MetadataValues.choice(row, "role", MetadataValues.speakerRoles, "老男, 青男, 老女, 青女, 口头文化, 地方普通话 or other")
        }
        speaker.localityId = row["locality"]
        speaker.education = row["education"]
        speaker.occupation = row["occupation"]
        speaker.languages = row["languages"]
        (speaker.consentDate, speaker.consentScope) = MetadataValues.consent(row)
        speaker.extra = row.extraJSON
        return speaker
    }

    static func session(_ row: MetadataRow, _ check: inout RowCheck, folder: URL, defaultCollection: String) -> SessionEntry {
        let access = check.value { try AccessCondition.read(row) } ?? AccessCondition(level: .open)
        var session = Session(id: row["id"] ?? "", collectionId: row["collection"] ?? defaultCollection, access: access.level.rawValue)
        session.accessUntil = access.until
        session.accessReason = access.reason
        session.title = row["title"]
        session.date = check.value { try MetadataValues.date(row) }
        session.localityId = row["locality"]
        session.contentType = check.value {
            try MetadataValues.choice(row, "content", MetadataValues.contentTypes, "单字, 词汇, 语法, 话语, 口头文化 or other")
        }
        session.recorder = row["recorder"]
        session.keywords = row["keywords"]
        session.description = row["description"]
        session.tierKinds = check.value { try TierKind.overrides(row) }
        session.extra = row.extraJSON
        return SessionEntry(session: session, speakerIds: MetadataValues.list(row["speakers"]),
                            files: MetadataValues.list(row["files"]), folder: folder, row: row)
    }
}
