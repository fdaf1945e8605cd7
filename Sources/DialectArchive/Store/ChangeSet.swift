import Foundation
import GRDB

/// One record's change within one audit event: which record, what was done to it, and per
/// field the value before and after. Who and when are the event's; the change set is covered
/// by the event's hash (see `AuditChain`), so it cannot be altered without breaking the chain.
public struct ChangeSet: Codable, Equatable, Sendable {
    /// The kinds of record whose fields are versioned.
    public enum RecordKind: String, Codable, CaseIterable, Sendable {
        case locality, speaker, session, recording, collection

        /// The table that holds records of this kind.
        var table: String { rawValue }
    }

    /// What happened to the record.
    public enum Action: String, Codable, Sendable {
        /// The record was added; every field's `before` is nil.
        case created
        /// Fields of an existing record took new values.
        case changed
    }

    /// One field's value before and after, as text (numbers as written, nil for empty).
    public struct FieldChange: Codable, Equatable, Sendable {
        /// The field's name as the metadata files and `edit` spell it (`birth_year`).
        public var field: String
        public var before: String?
        public var after: String?

        public init(field: String, before: String?, after: String?) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    /// Set once stored.
    public var id: Int64?
    /// The audit event the change belongs to; set once stored.
    public var eventId: Int64?
    public var recordKind: RecordKind
    public var recordId: String
    public var action: Action
    /// Why, as the person making the change gave it; nil when none was asked (an ingest).
    public var reason: String?
    /// Where the new values came from: `speakers.csv line 4`, `edit`, `access set`.
    public var source: String?
    /// The fields that differ (`between` lists them by name).
    public var fields: [FieldChange]

    public init(recordKind: RecordKind, recordId: String, action: Action, reason: String? = nil, source: String? = nil,
                fields: [FieldChange]) {
        self.recordKind = recordKind
        self.recordId = recordId
        self.action = action
        self.reason = reason
        self.source = source
        self.fields = fields
    }

    /// The change from `old` to `new` (a record as its table stores it), or nil when no field
    /// differs. A nil `old` is a creation, listing every field `new` sets.
    public static func between<Record: EncodableRecord & Equatable>(_ old: Record?, _ new: Record, kind: RecordKind, id: String,
                                                                    reason: String? = nil, source: String? = nil) -> ChangeSet? {
        // Most rows of a re-read file are unchanged: equal records need no column-by-column look.
        if let old, old == new { return nil }
        let after = values(of: new)
        let before = old.map(values(of:)) ?? [:]
        var fields: [FieldChange] = []
        for column in after.keys where column != "id" {
            let was = before[column] ?? nil, now = after[column] ?? nil
            if old == nil ? now != nil : was != now { fields.append(FieldChange(field: fieldName(column), before: was, after: now)) }
        }
        fields.sort { $0.field < $1.field }
        guard !fields.isEmpty else { return nil }
        return ChangeSet(recordKind: kind, recordId: id, action: old == nil ? .created : .changed, reason: reason, source: source, fields: fields)
    }

    /// The field a column holds, as the metadata files name it: a session's `locality_id` is
    /// its `locality`, its `content_type` its `content`, its `collection_id` its `collection`,
    /// a recording's `session_id` its `session`.
    static func fieldName(_ column: String) -> String {
        switch column {
        case "locality_id": return "locality"
        case "session_id": return "session"
        case "content_type": return "content"
        case "collection_id": return "collection"
        default: return column
        }
    }

    /// A record's columns as text, the way a change set keeps values.
    static func values<Record: EncodableRecord>(of record: Record) -> [String: String?] {
        var values: [String: String?] = [:]
        for (column, value) in (try? record.databaseDictionary) ?? [:] { values[column] = text(value.databaseValue) }
        return values
    }

    /// A database value as a change set writes it: numbers as written, text as it is, nil for
    /// NULL and for empty text.
    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let number): return String(number)
        case .double(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): return text.isEmpty ? nil : text
        case .blob(let data): return data.base64EncodedString()
        }
    }

    /// The canonical JSON of a change set as its event's hash covers it (see `AuditChain`):
    /// every member but the ids, keys sorted, `fields` as the canonical form of the JSON array
    /// stored in the `fields` column. Made from the stored columns, so that checking the chain
    /// needs no decoding.
    static func canonicalContent(action: String, fields: String, reason: String?, recordId: String, recordKind: String,
                                 source: String?) throws -> [UInt8] {
        var out: [UInt8] = []
        func member(_ key: String, _ value: String?, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.appendString(key.utf8, to: &out)
            out.append(UInt8(ascii: ":"))
            if let value { CanonicalJSON.appendString(value.utf8, to: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        out.append(UInt8(ascii: "{"))
        member("action", action, first: true)
        out.append(UInt8(ascii: ","))
        CanonicalJSON.appendString("fields".utf8, to: &out)
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: try CanonicalJSON.canonical(fields))
        member("reason", reason)
        member("record_id", recordId)
        member("record_kind", recordKind)
        member("source", source)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
