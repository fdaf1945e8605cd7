/// What a fixity audit found: every stored file re-hashed against the archive.
public struct FixityReport: Encodable {
    /// A stored file that is gone.
    public struct Missing: Encodable, Equatable {
        public var path: String
        public var kind: String
        public var id: Int64
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
    public var seconds = 0.0
    public var missing: [Missing] = []
    public var altered: [Altered] = []
    /// Files in the archive's folders that no record accounts for.
    public var unexpected: [String] = []
    public var changedParses: [ChangedParse] = []

    /// True when nothing is missing, altered, unexpected or changed.
    public var intact: Bool { missing.isEmpty && altered.isEmpty && unexpected.isEmpty && changedParses.isEmpty }
}
