/// What happened to every file of an ingest: the closing summary and the audit event's counts.
public struct IngestReport: Encodable {
    /// One file's fate.
    public struct Outcome: Encodable, Equatable {
        public enum Status: String, Encodable { case added, alreadyPresent = "already_present", failed }
        public enum Kind: String, Encodable { case recording, transcript, metadata, path }
        public var file: String
        public var kind: Kind
        public var status: Status
        /// Archive id of the recording or transcript (new or already present).
        public var id: Int64?
        /// For failures the reason; for duplicates what the file duplicates.
        public var message: String?
    }

    /// A warning about a file that was still taken in.
    public struct Warning: Encodable, Equatable {
        public var file: String
        public var message: String
    }

    /// A transcript an earlier ingest stored without its recording, paired with one this ingest added.
    public struct Pairing: Encodable, Equatable {
        public var transcriptId: Int64
        /// The transcript's source file.
        public var transcript: String
        public var recordingId: Int64
        /// The recording's file name.
        public var recording: String
    }

    /// A corrected transcript that replaced the current one of the same name for its recording.
    public struct Revision: Encodable, Equatable {
        /// The new revision's source file.
        public var file: String
        public var transcriptId: Int64
        public var revision: Int
        public var replacedTranscriptId: Int64
        public var replacedRevision: Int
        public var difference: TranscriptDifference

        /// `transcript 9 (revision 2) replaced transcript 4 (revision 1): segments 0 added, 0 removed, 1 changed`.
        public var summary: String {
            "transcript \(transcriptId) (revision \(revision)) replaced transcript \(replacedTranscriptId) (revision \(replacedRevision)): "
                + "segments \(difference.summary)"
        }
    }

    public var dryRun = false
    public var outcomes: [Outcome] = []
    public var warnings: [Warning] = []
    /// Earlier transcripts paired with a recording this ingest added.
    public var paired: [Pairing] = []
    /// Transcripts this ingest added as new revisions of earlier ones (also among `added`).
    public var revisions: [Revision] = []
    /// Files that are neither audio, transcripts nor metadata (photos, consent forms, notes), left alone.
    public var ignored: [String] = []
    /// Files that could not be stored because the archive's disk is full (also among `failed`).
    public var diskFull: [String] = []
    /// Metadata rows stored: counts per table.
    public var metadataRows: [String: Int] = [:]
    /// What the metadata changed (or, in a dry run, would change): one change set per record
    /// added or altered, each field before and after.
    public var metadataChanges: [ChangeSet] = []
    /// The audit event that keeps `metadataChanges`; nil when nothing changed or in a dry run.
    public var metadataEvent: Int64?
    public var bytesRead: Int64 = 0
    public var seconds: Double = 0

    public var added: [Outcome] { outcomes.filter { $0.status == .added } }
    public var alreadyPresent: [Outcome] { outcomes.filter { $0.status == .alreadyPresent } }
    public var failed: [Outcome] { outcomes.filter { $0.status == .failed } }
    /// True when nothing failed.
    public var succeeded: Bool { failed.isEmpty }

    mutating func add(_ file: String, _ kind: Outcome.Kind, _ status: Outcome.Status, id: Int64? = nil, _ message: String? = nil) {
        outcomes.append(Outcome(file: file, kind: kind, status: status, id: id, message: message))
    }

    mutating func warn(_ file: String, _ message: String) {
        warnings.append(Warning(file: file, message: message))
    }

    func count(_ kind: Outcome.Kind, _ status: Outcome.Status) -> Int {
        outcomes.filter { $0.kind == kind && $0.status == status }.count
    }

    /// Counts for the audit trail.
    var counts: [String: Int] {
        [
            "recordings_added": count(.recording, .added),
            "recordings_already_present": count(.recording, .alreadyPresent),
            "transcripts_added": count(.transcript, .added),
            "transcripts_already_present": count(.transcript, .alreadyPresent),
            "transcripts_paired": paired.count,
            "transcripts_revised": revisions.count,
            "failed": failed.count,
            "warnings": warnings.count,
        ]
    }
}
