import GRDB

/// Stores a batch's localities, speakers and sessions: new rows are added, rows with a known
/// id are updated to what the field team's files now say.
enum MetadataImport {
    static func store(_ metadata: FieldMetadata, in db: Database) throws -> [String: Int] {
        for locality in metadata.localities { try locality.save(db) }
        for speaker in metadata.speakers { try speaker.save(db) }
        for entry in metadata.sessions {
            try ensureCollection(entry.session.collectionId, in: db)
            var session = entry.session
            if session.date == nil, let existing = try Session.fetchOne(db, key: session.id) {
                session.date = existing.date
            }
            try session.save(db)
            try SessionParticipant.filter(Column("session_id") == session.id).deleteAll(db)
            for speakerId in entry.speakerIds {
                try SessionParticipant(sessionId: session.id, speakerId: speakerId, name: nil, role: "speaker").insert(db)
            }
            if let recorder = session.recorder {
                let known = try Speaker.exists(db, key: recorder)
                try SessionParticipant(sessionId: session.id, speakerId: known ? recorder : nil,
                                       name: known ? nil : recorder, role: "recorder").insert(db)
            }
        }
        return ["localities": metadata.localities.count, "speakers": metadata.speakers.count,
                "sessions": metadata.sessions.count]
    }

    static func ensureCollection(_ id: String, in db: Database) throws {
        if try !ArchiveCollection.exists(db, key: id) {
            try ArchiveCollection(id: id, createdAt: CalendarDate.timestamp()).insert(db)
        }
    }
}
