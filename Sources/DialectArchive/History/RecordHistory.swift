/// Everything that happened to one record, oldest first: what `history ID` shows.
public struct RecordHistory: Encodable, Equatable, Sendable {
    /// `recording`, `session`, `speaker`, `locality` or `collection`.
    public var kind: String
    public var id: String
    public var entries: [HistoryEntry]
}

/// One thing that happened to a record, or, in a session's history, to one of its recordings.
public struct HistoryEntry: Encodable, Equatable, Sendable {
    /// What happened.
    public enum Kind: String, Encodable, Sendable {
        /// Stored by an ingest, or added by a metadata row.
        case created
        /// Fields took new values (a re-read metadata row, `edit`).
        case changed
        /// `access set` changed its access condition.
        case accessChanged = "access_changed"
        /// A transcript of the recording was stored.
        case transcriptAdded = "transcript_added"
        /// A corrected transcript replaced an earlier revision.
        case transcriptRevised = "transcript_revised"
        case withdrawn
        /// A withdrawn record's stored files were deleted; their checksums stay.
        case purged
        /// A `verify` checked the record's stored files.
        case fixityCheck = "fixity_check"
        /// An export included the record.
        case exported
    }

    /// One stored file an entry concerns, with what became of it (for a fixity check:
    /// `intact`, `missing`, `altered`, `unreadable`, `read differently`, `purged`, `not due`).
    public struct File: Encodable, Equatable, Sendable {
        public var path: String
        public var sha256: String
        public var outcome: String?
    }

    /// A transcript revision: which revision replaced which, and how the segments differ.
    public struct Revision: Encodable, Equatable, Sendable {
        public var transcriptId: Int64
        public var revision: Int
        public var replacedTranscriptId: Int64?
        public var replacedRevision: Int?
        /// Nil when the ingest that stored it did not record the difference.
        public var segmentsAdded: Int?
        public var segmentsRemoved: Int?
        public var segmentsChanged: Int?
    }

    public var kind: Kind
    public var at: String
    /// The operating-system user of the audit event; nil when no event records it.
    public var user: String?
    /// The audit event it belongs to; nil when an old archive's trail cannot tell which.
    public var event: Int64?
    /// The record it concerns: `recording 5`, `session gz-cihui`, `transcript 9`.
    public var record: String
    /// One line for people.
    public var summary: String
    /// Why, as the person who made the change gave it.
    public var reason: String?
    /// Where it came from: a source file, `speakers.csv line 4`, `access set`.
    public var source: String?
    /// Each field's value before and after (created and changed records, access changes).
    public var fields: [ChangeSet.FieldChange] = []
    /// A fixity check's finding over all the record's files: `intact` or the worst found.
    public var outcome: String?
    public var files: [File] = []
    public var revision: Revision?
}
