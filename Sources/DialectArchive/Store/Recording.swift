import GRDB

/// One archived audio file: where its original is stored and its exact technical facts.
public struct Recording: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "recording"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var sessionId: String
    /// Path of the stored original, relative to the archive folder.
    public var storedPath: String
    public var originalName: String
    public var sourcePath: String
    public var size: Int64
    public var sha256: String
    public var audioSha256: String
    public var container: String
    public var codec: String
    public var sampleRate: Int
    public var channels: Int
    public var bitsPerSample: Int?
    public var frames: Int64
    public var durationMs: Int64
    public var bextDescription: String?
    public var bextOriginator: String?
    public var bextOriginatorReference: String?
    public var bextOriginationDate: String?
    public var bextOriginationTime: String?
    public var bextTimeReference: Int64?
    public var bextCodingHistory: String?
    /// Access of this file when it differs from its session's; nil inherits.
    public var access: String?
    public var accessUntil: String?
    public var accessReason: String?
    /// When a fixity audit last found the stored file intact.
    public var verifiedAt: String?
    public var ingestedAt: String
    /// The AcoustID fingerprint, as `fpcalc` prints it.
    public var chromaprint: String?
    /// `FingerprintParameters.version` of the stored landmarks; nil when none are stored.
    public var fingerprintVersion: Int?
    /// Damage found at ingest in a file that still decoded (see `AudioFacts.warnings`); nil when none.
    public var warnings: [String]?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public init(sessionId: String, storedPath: String, originalName: String, sourcePath: String,
                facts: AudioFacts, ingestedAt: String) {
        self.sessionId = sessionId
        self.storedPath = storedPath
        self.originalName = originalName
        self.sourcePath = sourcePath
        size = facts.size
        sha256 = facts.sha256
        audioSha256 = facts.audioSHA256
        container = facts.container
        codec = facts.codec
        sampleRate = facts.sampleRate
        channels = facts.channels
        bitsPerSample = facts.bitsPerSample
        frames = facts.frames
        durationMs = facts.durationMs
        bextDescription = facts.bext?.description
        bextOriginator = facts.bext?.originator
        bextOriginatorReference = facts.bext?.originatorReference
        bextOriginationDate = facts.bext?.originationDate
        bextOriginationTime = facts.bext?.originationTime
        bextTimeReference = facts.bext.map { Int64(clamping: $0.timeReference) }
        bextCodingHistory = facts.bext?.codingHistory
        warnings = facts.warnings.isEmpty ? nil : facts.warnings
        self.ingestedAt = ingestedAt
    }
}

extension Recording: StoredRecord {
    static var table: String { databaseTableName }
}
