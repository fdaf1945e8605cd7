import GRDB

/// Stores a batch's localities, speakers and sessions: new rows are added, rows with a known
/// id are updated to what the field team's files now say, blanks included. What that changes
/// is kept, in the same transaction, as a `metadata` audit event carrying a change set per
/// record; a batch that changes nothing writes no event.
enum MetadataImport {
    /// What `store` did: rows written per table, and the event that keeps the changes.
    struct Stored {
        var rows: [String: Int]
        var changeSets: [ChangeSet]
        /// Nil when nothing changed.
        var eventId: Int64?
    }

    static func store(_ metadata: FieldMetadata, in db: StoreDatabase) throws -> Stored {
        let plan = try MetadataChanges.of(metadata, in: db)
        for collection in plan.newCollections { try db.insert(collection) }
        for locality in plan.localities { try db.save(locality) }
        for speaker in plan.speakers { try db.save(speaker) }
        for entry in plan.sessions {
            try db.save(entry.session)
            try storeParticipants(of: entry.session, speakers: entry.speakerIds, db)
        }
        let rows = ["localities": metadata.localities.count, "speakers": metadata.speakers.count, "sessions": metadata.sessions.count]
        guard !plan.changeSets.isEmpty else { return Stored(rows: rows, changeSets: [], eventId: nil) }
        let created: Int = plan.changeSets.filter { $0.action == .created }.count
        let fields: Int = plan.changeSets.filter { $0.action == .changed }.reduce(0) { $0 + $1.fields.count }
        let details: [String: Any] = ["records_created": created, "records_changed": plan.changeSets.count - created,
                                      "fields_changed": fields, "metadata_files": metadata.sources]
        var event = AuditEvent(kind: "metadata", summary: summary(plan.changeSets), details: details)
        let stored = try event.append(db, changeSets: plan.changeSets)
        return Stored(rows: rows, changeSets: stored, eventId: event.id)
    }

    /// Replaces a session's participants: its speakers, and its recorder (a known speaker, or a name).
    static func storeParticipants(of session: Session, speakers: [String], _ db: StoreDatabase) throws {
        try SessionParticipant.replace(of: session, speakers: speakers, db)
    }

    /// Creates a collection a recording is filed under when the archive does not have it yet.
    static func ensureCollection(_ id: String, in db: StoreDatabase) throws {
        if try !ArchiveCollection.exists(id, db) {
            try db.insert(ArchiveCollection(id: id, createdAt: CalendarDate.timestamp()))
        }
    }

    /// One change in full (`ingest: speakers.csv line 3 changed birth_year of speaker S01: 1948 → 1949`),
    /// else the counts.
    static func summary(_ changeSets: [ChangeSet]) -> String {
        if changeSets.count == 1, let change = changeSets.first {
            let record = "\(change.recordKind.rawValue) \(change.recordId)"
            let from = change.source.map { "\($0) " } ?? ""
            if change.action == .created { return "ingest: \(from)added \(record)" }
            if change.fields.count == 1, let field = change.fields.first {
                return "ingest: \(from)changed \(field.field) of \(record): \(field.before ?? "(empty)") → \(field.after ?? "(empty)")"
            }
            return "ingest: \(from)changed \(change.fields.map(\.field).joined(separator: ", ")) of \(record)"
        }
        let created = changeSets.filter { $0.action == .created }.count
        let changed = changeSets.count - created
        let fields = changeSets.filter { $0.action == .changed }.reduce(0) { $0 + $1.fields.count }
        return "ingest: metadata of \(changeSets.count) records: \(created) added, \(changed) changed (\(fields) fields)"
    }
}
