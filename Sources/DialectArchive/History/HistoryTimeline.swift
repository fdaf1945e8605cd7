import Foundation

/// The entries of one record's history as they are gathered from change sets, records and the
/// audit events that name them; `sorted` puts them oldest first.
struct HistoryTimeline {
    let db: StoreDatabase
    /// The ingest, export, verify, withdraw and purge events that may concern the record.
    let events: [LoggedEvent]
    private(set) var entries: [HistoryEntry] = []

    init(db: StoreDatabase, events: [LoggedEvent]) {
        self.db = db
        self.events = events
    }

    /// Oldest first; entries of one event in the order they were gathered.
    var sorted: [HistoryEntry] {
        entries.enumerated().sorted { a, b in
            (a.element.at, a.element.event ?? 0, a.offset) < (b.element.at, b.element.event ?? 0, b.offset)
        }.map(\.element)
    }

    mutating func add(_ entry: HistoryEntry) { entries.append(entry) }

    /// The first ingest that `names` the record, else, for a trail older than the lists of ids
    /// ingests keep or a record stored by an ingest that was never recorded, the first ingest
    /// recorded at or after `storedAt`.
    func ingest(storedAt: String, names: (LoggedEvent) -> Bool) -> LoggedEvent? {
        let ingests = events.filter { $0.kind == "ingest" }
        return ingests.first(where: names) ?? ingests.first { $0.at >= storedAt }
    }

    /// Each change set of the record, with its event's who and when. Values of fields not in
    /// `shownFields` (when given) are replaced by `withheld`.
    mutating func addChangeSets(_ kind: ChangeSet.RecordKind, _ id: String, shownFields: Set<String>? = nil) throws {
        let sets = try ChangeSet.of(kind, id, db)
        let events = try HistoryRecords.events(ids: Set(sets.compactMap(\.eventId)), db)
        for set in sets {
            let event = set.eventId.flatMap { events[$0] }
            let fields = set.fields.map { change -> ChangeSet.FieldChange in
                guard let shownFields, !shownFields.contains(change.field) else { return change }
                return .init(field: change.field, before: change.before.map { _ in "withheld" }, after: change.after.map { _ in "withheld" })
            }
            let entryKind: HistoryEntry.Kind = set.source == "access set" ? .accessChanged : (set.action == .created ? .created : .changed)
            let names = fields.map(\.field).joined(separator: ", ")
            let summary: String
            switch entryKind {
            case .created: summary = "\(kind.rawValue) \(id) created with \(names)"
            case .accessChanged: summary = "access of \(kind.rawValue) \(id) changed: \(names)"
            default: summary = "\(kind.rawValue) \(id) changed: \(names)"
            }
            add(HistoryEntry(kind: entryKind, at: event?.at ?? "", user: event?.user, event: set.eventId, record: "\(kind.rawValue) \(id)",
                             summary: summary, reason: set.reason, source: set.source, fields: fields))
        }
    }

    /// The ingest that stored a recording, from its source file.
    mutating func addCreation(of recording: Recording) {
        let number = recording.id!
        let event = ingest(storedAt: recording.ingestedAt) { $0.ids("recordings")?.contains(number) == true }
        add(HistoryEntry(kind: .created, at: event?.at ?? recording.ingestedAt, user: event?.event.user, event: event?.id,
                         record: "recording \(number)",
                         summary: "recording \(number) stored from \(recording.sourcePath)",
                         source: recording.sourcePath,
                         files: [.init(path: recording.storedPath, sha256: recording.sha256)]))
    }

    /// A collection's creation, unless a change set already records it: collections are made
    /// by the ingest that first files a session under them.
    mutating func addCreation(of collection: ArchiveCollection) {
        guard !entries.contains(where: { $0.kind == .created }) else { return }
        let event = events.first { $0.kind == "ingest" && $0.at >= collection.createdAt }
        add(HistoryEntry(kind: .created, at: collection.createdAt, user: event?.event.user, event: event?.id,
                         record: "collection \(collection.id)",
                         summary: "collection \(collection.id) created"))
    }

    /// Each transcript file of the recording: the first of its name as added, each later one as
    /// the revision it is, with the difference its ingest recorded.
    mutating func addTranscripts(_ files: [TranscriptFile]) {
        for file in files {
            let id = file.id!
            let event = ingest(storedAt: file.ingestedAt) { event in
                event.ids("transcripts")?.contains(id) == true
                    || event.objects("revisions").contains { ($0["transcript_id"] as? NSNumber)?.int64Value == id }
                    || event.objects("paired").contains { ($0["transcript_id"] as? NSNumber)?.int64Value == id }
            }
            let stored = HistoryEntry.File(path: file.storedPath, sha256: file.sha256)
            guard file.revision > 1 else {
                add(HistoryEntry(kind: .transcriptAdded, at: event?.at ?? file.ingestedAt, user: event?.event.user, event: event?.id,
                                 record: "transcript \(id)",
                                 summary: "transcript \(id) (\(file.originalName)) stored from \(file.sourcePath)", source: file.sourcePath,
                                 files: [stored]))
                continue
            }
            let recorded = event?.objects("revisions").first { ($0["transcript_id"] as? NSNumber)?.int64Value == id }
            func count(_ key: String) -> Int? { (recorded?[key] as? NSNumber)?.intValue }
            let replaced = (try? TranscriptFile.replaced(by: id, db)) ?? nil
            let revision = HistoryEntry.Revision(
                transcriptId: id, revision: file.revision,
                replacedTranscriptId: (recorded?["replaced_transcript_id"] as? NSNumber)?.int64Value ?? replaced?.id,
                replacedRevision: count("replaced_revision") ?? replaced?.revision,
                segmentsAdded: count("segments_added"), segmentsRemoved: count("segments_removed"), segmentsChanged: count("segments_changed"))
            var summary = "transcript \(id) (\(file.originalName)) revision \(file.revision)"
            if let old = revision.replacedTranscriptId { summary += " replaced transcript \(old) (revision \(revision.replacedRevision ?? file.revision - 1))" }
            if let added = revision.segmentsAdded, let removed = revision.segmentsRemoved, let changed = revision.segmentsChanged {
                summary += ": segments \(added) added, \(removed) removed, \(changed) changed"
            }
            add(HistoryEntry(kind: .transcriptRevised, at: event?.at ?? file.ingestedAt, user: event?.event.user, event: event?.id,
                             record: "transcript \(id)", summary: summary, source: file.sourcePath, files: [stored], revision: revision))
        }
    }
}
