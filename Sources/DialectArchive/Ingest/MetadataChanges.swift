/// What storing a batch's metadata changes, worked out before anything is written: the rows
/// to write, and one change set per record that is new or whose fields differ from what the
/// archive holds. The dry run lists the change sets; the ingest writes the rows and keeps the
/// change sets with its metadata event, so both say the same.
struct MetadataChanges {
    /// The rows to write: those new or changed.
    var localities: [Locality] = []
    var speakers: [Speaker] = []
    /// Sessions as they will be stored (a session row without a date keeps the one it had).
    var sessions: [SessionEntry] = []
    /// Collections that sessions name and the archive does not have yet.
    var newCollections: [ArchiveCollection] = []
    /// In the order the rows are stored; a row that changes nothing has none.
    var changeSets: [ChangeSet] = []

    /// The changes `metadata` makes to the archive `db` holds. A record named twice in one batch
    /// is compared with what the earlier row made of it.
    static func of(_ metadata: FieldMetadata, in db: StoreDatabase) throws -> MetadataChanges {
        var plan = MetadataChanges()
        var localities: [String: Locality] = [:], speakers: [String: Speaker] = [:]
        var sessions: [String: (session: Session, speakers: String?)] = [:], collections: Set<String> = []

        for locality in metadata.localities {
            let old = try localities[locality.id] ?? db.record(Locality.self, id: locality.id)
            let change = ChangeSet.between(old, locality, kind: .locality, id: locality.id, source: metadata.source("localities", locality.id))
            localities[locality.id] = locality
            // A row that changes nothing is not written again.
            if plan.add(change) { plan.localities.append(locality) }
        }
        for speaker in metadata.speakers {
            let old = try speakers[speaker.id] ?? db.record(Speaker.self, id: speaker.id)
            let change = ChangeSet.between(old, speaker, kind: .speaker, id: speaker.id, source: metadata.source("speakers", speaker.id))
            speakers[speaker.id] = speaker
            if plan.add(change) { plan.speakers.append(speaker) }
        }
        for var entry in metadata.sessions {
            let collection = entry.session.collectionId
            if !collections.contains(collection), try !ArchiveCollection.exists(collection, db) {
                let created = ArchiveCollection(id: collection, createdAt: CalendarDate.timestamp())
                plan.newCollections.append(created)
                plan.add(ChangeSet.between(nil, created, kind: .collection, id: collection, source: entry.row.source))
            }
            collections.insert(collection)

            let id = entry.session.id
            let old = try sessions[id] ?? db.record(Session.self, id: id).map { (session: $0, speakers: try SessionParticipant.speakerList(of: id, db)) }
            if entry.session.date == nil { entry.session.date = old?.session.date }
            let now = entry.speakerIds.isEmpty ? nil : entry.speakerIds.joined(separator: ";")
            var change = ChangeSet.between(old?.session, entry.session, kind: .session, id: id, source: entry.row.source)
            if old == nil ? now != nil : old?.speakers != now {
                // The speakers are rows of their own, but to the field team a column of the session.
                let field = ChangeSet.FieldChange(field: "speakers", before: old?.speakers, after: now)
                change = change ?? ChangeSet(recordKind: .session, recordId: id, action: old == nil ? .created : .changed,
                                             source: entry.row.source, fields: [])
                change?.fields.append(field)
                change?.fields.sort { $0.field < $1.field }
            }
            sessions[id] = (entry.session, now)
            if plan.add(change) { plan.sessions.append(entry) }
        }
        return plan
    }

    /// Keeps `change`; false when there is none, the record being as the archive holds it.
    @discardableResult
    private mutating func add(_ change: ChangeSet?) -> Bool {
        guard let change else { return false }
        changeSets.append(change)
        return true
    }
}
