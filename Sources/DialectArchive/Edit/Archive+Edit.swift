import Foundation

/// What an edit changed: the record, each field before and after, and the audit event that
/// keeps it. An edit that found the record already saying so changed nothing and has no event.
public struct EditReport: Encodable, Equatable {
    public var recordKind: ChangeSet.RecordKind
    public var recordId: String
    public var reason: String
    /// The fields that took new values; empty when nothing changed.
    public var changes: [ChangeSet.FieldChange]
    public var event: Int64?
}

/// Why an edit was refused; nothing was changed.
public enum EditError: Error, CustomStringConvertible, Equatable {
    case noReason
    case noFields
    case notAnAssignment(String)
    case unknownField(field: String, record: String, editable: [String])
    case notEditable(field: String, record: String, why: String)
    case invalidValue(field: String, value: String, reason: String)
    case required(field: String)
    /// An `invalidValue` or `required` of a record, as it is reported.
    indirect case of(record: String, EditError)

    public var description: String {
        let unchanged = "; nothing was changed"
        switch self {
        case .noReason:
            return "an edit needs a reason (--reason TEXT), such as where the corrected value comes from; nothing was changed"
        case .noFields:
            return "name at least one FIELD=VALUE to change, e.g. birth_year=1949; nothing was changed"
        case .notAnAssignment(let text):
            return "'\(text)' is not FIELD=VALUE (e.g. birth_year=1949, or title= to clear the title)\(unchanged)"
        case .unknownField(let field, let record, let editable):
            return "\(record) has no field '\(field)'; the fields that can be edited are \(editable.joined(separator: ", "))\(unchanged)"
        case .notEditable(let field, let record, let why):
            return "\(field) of \(record) cannot be edited: \(why)\(unchanged)"
        case .invalidValue(let field, let value, let reason):
            return (value.isEmpty ? "\(field) cannot be emptied" : "\(field) '\(value)' is refused") + ": \(reason)\(unchanged)"
        case .required(let field):
            return "\(field) cannot be empty\(unchanged)"
        case .of(let record, let error):
            return "\(record): \(error)"
        }
    }
}

extension Archive {
    /// Changes fields of a locality, speaker, session, recording or collection, named as the
    /// metadata files name them (`birth_year=1949`, `纬度=39.93`); each value must pass the
    /// same checks as in those files. The record and an `edit` audit event carrying a change
    /// set (each field before and after, with `reason`) are written together; an edit that
    /// changes nothing writes nothing.
    ///
    /// ```swift
    /// try archive.edit("bj-lm", ["birth_year=1953"], reason: "birth certificate seen on 2024-06-01")
    /// ```
    public func edit(_ id: String, _ assignments: [String], reason: String?) throws -> EditReport {
        try requireWritable()
        guard let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else { throw EditError.noReason }
        guard !assignments.isEmpty else { throw EditError.noFields }
        let values = try assignments.map { text -> (field: String, written: String, value: String) in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { throw EditError.notAnAssignment(text) }
            let written = text[..<equals].trimmingCharacters(in: .whitespaces)
            return (Self.fieldName(written), written, String(text[text.index(after: equals)...]))
        }
        defer { checkpoint() }
        return try store.write { db in
            guard let old = try EditedRecord.find(id, db) else { throw ArchiveError.notFound(id: id) }
            let record = "\(old.kind.rawValue) \(old.id)"
            var new = old
            for (field, written, value) in values {
                if let why = new.refusal(field) { throw EditError.notEditable(field: written, record: record, why: why) }
                guard new.editable.contains(field) else {
                    throw EditError.unknownField(field: written, record: record, editable: new.editable)
                }
                do { try new.set(field, value, db) } catch let error as EditError { throw EditError.of(record: record, error) }
            }
            if let missing = new.missing { throw EditError.of(record: record, missing) }
            guard let change = Self.change(from: old, to: new, reason: reason) else {
                return EditReport(recordKind: old.kind, recordId: old.id, reason: reason, changes: [], event: nil)
            }
            try Self.store(new, db)
            let fields = change.fields.map { "\($0.field) \($0.before ?? "(empty)") → \($0.after ?? "(empty)")" }
            var event = AuditEvent(kind: "edit", summary: "edit \(record): \(fields.joined(separator: ", ")): \(reason)", details: [
                "target": record, "reason": reason,
                "fields": change.fields.map { field -> [String: Any] in
                    ["field": field.field, "before": field.before.map { $0 as Any } ?? NSNull(), "after": field.after.map { $0 as Any } ?? NSNull()]
                },
            ])
            try event.append(db, changeSets: [change])
            return EditReport(recordKind: old.kind, recordId: old.id, reason: reason, changes: change.fields, event: event.id)
        }
    }

    /// A field as written on the command line (`出生年份`, `lat`, `locality_id`) by the name the
    /// metadata files and change sets use.
    private static func fieldName(_ written: String) -> String {
        ChangeSet.fieldName(MetadataColumns.canonical(written))
    }

    private static func change(from old: EditedRecord, to new: EditedRecord, reason: String) -> ChangeSet? {
        let id = old.id
        switch (old, new) {
        case (.locality(let was), .locality(let now)):
            return ChangeSet.between(was, now, kind: .locality, id: id, reason: reason, source: "edit")
        case (.speaker(let was), .speaker(let now)):
            return ChangeSet.between(was, now, kind: .speaker, id: id, reason: reason, source: "edit")
        case (.session(let was, let speakersWere), .session(let now, let speakers)):
            var change = ChangeSet.between(was, now, kind: .session, id: id, reason: reason, source: "edit")
            if speakersWere != speakers {
                let joined = { (ids: [String]) in ids.isEmpty ? nil : ids.joined(separator: ";") }
                change = change ?? ChangeSet(recordKind: .session, recordId: id, action: .changed, reason: reason, source: "edit", fields: [])
                change?.fields.append(.init(field: "speakers", before: joined(speakersWere), after: joined(speakers)))
                change?.fields.sort { $0.field < $1.field }
            }
            return change
        case (.recording(let was), .recording(let now)):
            return ChangeSet.between(was, now, kind: .recording, id: id, reason: reason, source: "edit")
        case (.collection(let was), .collection(let now)):
            return ChangeSet.between(was, now, kind: .collection, id: id, reason: reason, source: "edit")
        default:
            return nil
        }
    }

    private static func store(_ record: EditedRecord, _ db: StoreDatabase) throws {
        switch record {
        case .locality(let locality): try db.update(locality)
        case .speaker(let speaker): try db.update(speaker)
        case .session(let session, let speakers):
            try db.update(session)
            try SessionParticipant.replace(of: session, speakers: speakers, db)
        case .recording(let recording):
            try db.update(recording)
            // A recording's transcripts are filed with it.
            try TranscriptFile.file(transcriptsOf: recording.id!, under: recording.sessionId, db)
        case .collection(let collection): try db.update(collection)
        }
    }
}
