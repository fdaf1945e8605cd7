/// What a fixity audit found: every stored file re-hashed against the archive.
public struct FixityReport: Encodable {
    /// A stored file that is gone.
    public struct Missing: Encodable, Equatable {
        public var path: String
        public var kind: String
        public var id: Int64
    }

    /// A stored file that is there but cannot be read (permission denied, not a file).
    public struct Unreadable: Encodable, Equatable {
        public var path: String
        public var kind: String
        public var id: Int64
        public var reason: String
    }

    /// A stored file whose bytes changed.
    public struct Altered: Encodable, Equatable {
        public var path: String
        public var kind: String
        public var id: Int64
        public var expectedSHA256: String
        public var foundSHA256: String
    }

    /// A transcript whose stored file no longer reads as the segments the archive holds.
    public struct ChangedParse: Encodable, Equatable {
        public var path: String
        public var id: Int64
        public var reason: String
    }

    public var checked = 0
    public var bytes: Int64 = 0
    /// Files left out because they were verified within the `since` period.
    public var skipped = 0
    /// Files of withdrawn material deleted by a purge (recorded in the audit trail), not checked.
    public var purged = 0
    public var seconds = 0.0
    public var missing: [Missing] = []
    public var altered: [Altered] = []
    public var unreadable: [Unreadable] = []
    /// Files in the archive's folders that no record accounts for.
    public var unexpected: [String] = []
    /// Files that an ingest running during the audit was storing: placed, not yet recorded.
    public var inFlight: [String] = []
    public var changedParses: [ChangedParse] = []
    /// The audit trail's hash chain, checked before this audit was added to it.
    public var auditTrail = AuditTrailReport()

    /// True when nothing is missing, altered, unreadable, unexpected or changed, and the audit
    /// trail's chain is unbroken.
    public var intact: Bool {
        missing.isEmpty && altered.isEmpty && unreadable.isEmpty && unexpected.isEmpty && changedParses.isEmpty && auditTrail.unbroken
    }
}
