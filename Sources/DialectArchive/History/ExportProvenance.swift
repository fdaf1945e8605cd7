/// One event in the history of what an export contains, tied to the package's files it
/// concerns: what `premis.xml` and an RO-Crate's actions are written from.
struct ProvenanceEvent {
    /// A file of the package, by its path in the archive (an export puts it under its own root).
    struct PackageFile: Hashable {
        var path: String
        var sha256: String
        var size: Int64
        /// Its media type.
        var format: String
        var originalName: String

        /// The recording and transcript files an export of `item` holds.
        static func all(in item: ExportItem) -> [PackageFile] {
            [PackageFile(path: item.recording.storedPath, sha256: item.recording.sha256, size: item.recording.size,
                         format: ROCrateExport.mediaType(item.recording.container, item.recording.codec), originalName: item.recording.originalName)]
                + item.transcripts.map { PackageFile(path: $0.storedPath, sha256: $0.sha256, size: $0.size,
                                                     format: ROCrateExport.transcriptType($0.format), originalName: $0.originalName) }
        }
    }

    /// A preservation event type of the Library of Congress vocabulary
    /// (`http://id.loc.gov/vocabulary/preservation/eventType`): its term and code.
    struct EventType: Equatable {
        var term: String
        var code: String
        var uri: String { "http://id.loc.gov/vocabulary/preservation/eventType/\(code)" }

        static let ingestion = EventType(term: "ingestion", code: "ing")
        static let metadataModification = EventType(term: "metadata modification", code: "mem")
        static let modification = EventType(term: "modification", code: "mod")
        static let fixityCheck = EventType(term: "fixity check", code: "fix")
        static let deaccession = EventType(term: "deaccession", code: "dea")
        static let deletion = EventType(term: "deletion", code: "del")
        static let dissemination = EventType(term: "dissemination", code: "dis")
    }

    /// Unique within the package: the audit event, the record and what happened to it.
    var identifier: String
    var entry: HistoryEntry
    var type: EventType
    var objects: [PackageFile]

    /// What the event did, in one paragraph: the summary, each field before → after, the reason.
    var detail: String {
        var parts = [entry.summary]
        parts += entry.fields.map { "\($0.field): \($0.before ?? "-") → \($0.after ?? "-")" }
        if let reason = entry.reason, entry.kind != .withdrawn { parts.append("reason: \(reason)") }
        return parts.joined(separator: "; ")
    }

    /// `success`, or `failure` for a fixity check that found a file damaged.
    var succeeded: Bool { entry.kind != .fixityCheck || entry.outcome == "intact" || entry.outcome == "intact, or not due" }

    static func type(of kind: HistoryEntry.Kind) -> EventType {
        switch kind {
        case .created, .transcriptAdded: return .ingestion
        case .changed, .accessChanged: return .metadataModification
        case .transcriptRevised: return .modification
        case .fixityCheck: return .fixityCheck
        case .withdrawn: return .deaccession
        case .purged: return .deletion
        case .exported: return .dissemination
        }
    }
}

extension Archive {
    /// The history of every recording of an export (its creation, transcripts and revisions,
    /// fixity checks, earlier exports, change sets) and the change sets of its session and
    /// speakers, each event tied to the exported files it concerns, oldest first. A restricted
    /// speaker's values are withheld unless `includeRestricted`, as `history` withholds them.
    func provenance(of items: [ExportItem], includeRestricted: Bool) throws -> [ProvenanceEvent] {
        try store.read { db in
            var events: [String: ProvenanceEvent] = [:]
            for item in items {
                let files = ProvenanceEvent.PackageFile.all(in: item)
                var timeline = HistoryTimeline(db: db, events: [])
                try timeline.addChangeSets(.session, item.session.id)
                for speaker in item.speakers {
                    let open = includeRestricted || AccessRules.isOpen(access: speaker.access, until: speaker.accessUntil)
                    try timeline.addChangeSets(.speaker, speaker.id, shownFields: open ? nil : ["role", "access", "access_until"])
                }
                for entry in try Self.history(of: item.recording, db) + timeline.sorted {
                    let named = Set(entry.files.map(\.path))
                    let objects = named.isEmpty ? files : files.filter { named.contains($0.path) }
                    guard !objects.isEmpty else { continue }
                    let identifier = "event-\(entry.event.map(String.init) ?? entry.at)-\(entry.record.replacingOccurrences(of: " ", with: "-"))-\(entry.kind.rawValue)"
                    if var known = events[identifier] {
                        known.objects += objects.filter { !known.objects.contains($0) }
                        events[identifier] = known
                    } else {
                        events[identifier] = ProvenanceEvent(identifier: identifier, entry: entry, type: ProvenanceEvent.type(of: entry.kind), objects: objects)
                    }
                }
            }
            return events.values.sorted { ($0.entry.at, $0.entry.event ?? 0, $0.identifier) < ($1.entry.at, $1.entry.event ?? 0, $1.identifier) }
        }
    }
}
