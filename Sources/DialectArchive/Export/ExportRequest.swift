import Foundation

/// What to export, in which package, where.
public struct ExportRequest {
    /// The package formats other archives and tools take.
    public enum Format: String, CaseIterable, Sendable {
        case bagit, rocrate, olac, csv, json, eaf, textgrid, vtt
    }

    public var format: Format
    /// The folder to write; it must be empty or missing unless `force` is set.
    public var out: URL
    /// Sessions of this collection.
    public var collection: String?
    /// These sessions.
    public var sessions: [String]
    /// Recordings with a hit for this search.
    public var query: SearchQuery?
    public var includeRestricted: Bool
    /// Also the replaced revisions of each transcript, beside the current one as `NAME.rN.ext`.
    public var allRevisions: Bool
    public var force: Bool
    /// For BagIt's `Source-Organization`.
    public var organization: String

    public init(format: Format, out: URL, collection: String? = nil, sessions: [String] = [], query: SearchQuery? = nil,
                includeRestricted: Bool = false, allRevisions: Bool = false, force: Bool = false,
                organization: String = "dialect-archive") {
        self.format = format
        self.out = out
        self.collection = collection
        self.sessions = sessions
        self.query = query
        self.includeRestricted = includeRestricted
        self.allRevisions = allRevisions
        self.force = force
        self.organization = organization
    }
}

/// What an export wrote.
public struct ExportReport: Encodable {
    public var format: String
    public var out: String
    public var recordings: Int
    /// Transcripts in their current revision.
    public var transcripts: Int
    /// Replaced transcript revisions included on request (`allRevisions`).
    public var replacedRevisions: Int
    public var files: Int
    public var bytes: Int64
    /// True when restricted and closed material was asked for and is included.
    public var includesRestricted: Bool
    /// Recordings of the selection left out because of their access conditions.
    public var leftOutRestricted: Int
}

/// Why an export could not be written.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    case targetNotEmpty(String)
    case outsideTarget(String)
    case emptySelection(String)
    case storedFileChanged(String)

    public var description: String {
        switch self {
        case .targetNotEmpty(let path): return "\(path): the folder is not empty; choose another or pass --force"
        case .outsideTarget(let path): return "\(path): refusing to write outside the export folder"
        case .emptySelection(let what): return "nothing to export: \(what)"
        case .storedFileChanged(let path): return "\(path): the stored file no longer matches its checksum; run `dialect-archive verify`"
        }
    }
}
