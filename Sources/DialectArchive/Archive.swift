import Foundation
import GRDB

/// A dialect archive on disk: `archive.sqlite` and the stored originals beside it.
///
/// ```swift
/// let archive = try Archive.create(at: URL(fileURLWithPath: "archive"))
/// let report = try archive.ingest(IngestRequest(paths: [URL(fileURLWithPath: "recordings")]))
/// print(report.added.count)
/// ```
public final class Archive {
    /// The archive folder.
    public let url: URL
    /// The SQLite index of everything in the folder.
    public let database: DatabasePool

    static let databaseName = "archive.sqlite"
    static let recordingsFolder = "recordings"
    static let transcriptsFolder = "transcripts"
    /// Where files wait, under a temporary name, until they are verified and moved into place.
    static let incomingFolder = ".incoming"

    private init(url: URL, database: DatabasePool) {
        self.url = url
        self.database = database
    }

    /// Creates an empty archive at `url`, or opens the one already there (safe to repeat).
    @discardableResult
    public static func create(at url: URL) throws -> Archive {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ArchiveError.notAnArchive(path: url.path, reason: "it is a file, not a folder")
        }
        let existed = fm.fileExists(atPath: url.appendingPathComponent(databaseName).path)
        for folder in ["", recordingsFolder, transcriptsFolder, incomingFolder] {
            try fm.createDirectory(at: url.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let archive = try Archive(url: url, database: openDatabase(url))
        if !existed {
            try archive.record(AuditEvent(kind: "init", summary: "created the archive at \(url.path)",
                                          details: ["path": url.path]))
        }
        return archive
    }

    /// Opens an existing archive; fails with a clear message when there is none at `url`.
    public static func open(at url: URL) throws -> Archive {
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent(databaseName).path) else {
            throw ArchiveError.notAnArchive(path: url.path, reason: "no archive here; create one with `dialect-archive init`")
        }
        return try create(at: url)
    }

    /// Searches read hits scattered over the whole archive: the file is read through a memory
    /// map (no copy per page) and each connection keeps a larger page cache.
    private static let mappedBytes = 1 << 34
    private static let cacheKiB = 32 * 1024

    private static func openDatabase(_ url: URL) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            db.add(tokenizer: DialectTokenizer.self)
            try db.execute(sql: "PRAGMA mmap_size = \(mappedBytes); PRAGMA cache_size = -\(cacheKiB)")
        }
        let pool = try DatabasePool(path: url.appendingPathComponent(databaseName).path, configuration: configuration)
        try ArchiveSchema.migrator.migrate(pool)
        return pool
    }

    /// Appends an event to the audit trail.
    public func record(_ event: AuditEvent) throws {
        try database.write { db in
            var event = event
            try event.insert(db)
        }
    }

    /// Absolute location of a path stored relative to the archive.
    public func absolute(_ storedPath: String) -> URL {
        url.appendingPathComponent(storedPath)
    }
}

/// Problems with the archive itself (as opposed to one input file).
public enum ArchiveError: Error, CustomStringConvertible, Equatable {
    case notAnArchive(path: String, reason: String)
    case busy(path: String)
    case notFound(id: String)
    /// The archive's folder could not be written as needed.
    case storage(path: String, reason: String)

    public var description: String {
        switch self {
        case .notAnArchive(let path, let reason): return "\(path): \(reason)"
        case .busy(let path): return "\(path): another ingest is running on this archive; try again when it has finished"
        case .notFound(let id): return "nothing in the archive has the id \(id)"
        case .storage(let path, let reason): return "\(path): \(reason)"
        }
    }
}
