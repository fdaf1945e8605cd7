import Foundation

/// What to take into the archive: folders and files, with the collection and metadata to use.
public struct IngestRequest {
    /// Folders and files; metadata files at the top of each folder are read.
    public var paths: [URL]
    /// Collection for sessions whose metadata names none.
    public var collection: String
    /// A metadata folder or file to use instead of those found at the top of the folders.
    public var metadata: URL?
    /// Analyse and report without storing anything.
    public var dryRun: Bool
    /// Fingerprint new recordings (landmarks and Chromaprint) and check them against the archive.
    /// Only benchmarks turn this off, to measure what fingerprinting adds to an ingest.
    @_spi(Benchmark) public var fingerprinting = true

    public init(paths: [URL], collection: String? = nil, metadata: URL? = nil, dryRun: Bool = false) {
        self.paths = paths
        self.collection = collection ?? "default"
        self.metadata = metadata
        self.dryRun = dryRun
    }
}
