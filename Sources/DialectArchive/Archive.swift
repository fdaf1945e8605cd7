import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// A dialect archive on disk: `archive.sqlite` and the stored originals beside it.
///
/// ```swift
/// let archive = try Archive.create(at: URL(fileURLWithPath: "archive"))
/// let report = try archive.ingest(IngestRequest(paths: [URL(fileURLWithPath: "recordings")]))
/// print(report.added.count)
/// ```
///
/// An archive may be shared by any number of threads and tasks: everything it holds is
/// immutable, and the database pool gives each read a connection of its own. From async code,
/// call its verbs through `perform`, which runs them on the archive's own threads.
public final class Archive: Sendable {
    /// The archive folder.
    public let url: URL
    /// The SQLite index of everything in the folder. Not part of the archive's API: the
    /// library reads and writes it through `Store/`; benchmarks that generate millions of rows
    /// write them here directly.
    @_spi(Benchmark) public let database: DatabasePool
    /// The archive's database as the library's records are read and written through it.
    let store: ArchiveStore
    /// True when the archive can be read but not changed: a read-only mount, a CD, another
    /// user's archive. Commands that only read work; those that would change it refuse.
    public let isReadOnly: Bool

    static let databaseName = "archive.sqlite"
    static let recordingsFolder = "recordings"
    static let transcriptsFolder = "transcripts"
    /// Where files wait, under a temporary name, until they are verified and moved into place.
    static let incomingFolder = ".incoming"

    init(url: URL, database: DatabasePool, store: ArchiveStore? = nil, isReadOnly: Bool = false) {
        self.url = url
        self.database = database
        self.store = store ?? ArchiveStore(.sqlite(database))
        self.isReadOnly = isReadOnly
    }

    /// Creates an empty archive at `url`, or opens the one already there (safe to repeat).
    @discardableResult
    public static func create(at url: URL) throws -> Archive {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ArchiveError.notAnArchive(path: url.path, reason: "it is a file, not a folder")
        }
        guard canWrite(url) else { throw ArchiveError.readOnly(path: url.path) }
        let existed = fm.fileExists(atPath: url.appendingPathComponent(databaseName).path)
        for folder in ["", recordingsFolder, transcriptsFolder, incomingFolder] {
            try fm.createDirectory(at: url.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let archive: Archive
        do {
            archive = try Archive(url: url, database: openDatabase(url))
        } catch {
            throw ArchiveError.explaining(error, archive: url)
        }
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
        if !canWrite(url) {
            return Archive(url: url, database: try ReadOnlyDatabase.open(url, configuration: configuration()), isReadOnly: true)
        }
        return try create(at: url)
    }

    /// Whether the archive folder (or, before it exists, the folder it would be made in) and its
    /// database can be written; `access` also answers no on a read-only mount, even for root.
    private static func canWrite(_ url: URL) -> Bool {
        var folder = url.standardizedFileURL
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" { folder.deleteLastPathComponent() }
        let database = url.appendingPathComponent(databaseName).path
        return access(folder.path, W_OK) == 0 && (!FileManager.default.fileExists(atPath: database) || access(database, W_OK) == 0)
    }

    /// Refuses to change an archive that can only be read.
    func requireWritable() throws {
        if isReadOnly { throw ArchiveError.readOnly(path: url.path) }
    }

    /// Searches read hits scattered over the whole archive: the file is read through a memory
    /// map (no copy per page) and each connection keeps a larger page cache.
    private static let mappedBytes = 1 << 34
    private static let cacheKiB = 32 * 1024

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            db.add(tokenizer: DialectTokenizer.self)
            try db.execute(sql: "PRAGMA mmap_size = \(mappedBytes); PRAGMA cache_size = -\(cacheKiB)")
        }
        return configuration
    }

    private static func openDatabase(_ url: URL) throws -> DatabasePool {
        let pool = try DatabasePool(path: url.appendingPathComponent(databaseName).path, configuration: configuration())
        try ArchiveSchema.migrator.migrate(pool)
        return pool
    }

    /// Appends an event to the audit trail. Every command that changes the archive ends with
    /// one, so the database file is brought up to date here: a copy of the folder without its
    /// `-wal` file (burnt to a CD, say) is then complete.
    public func record(_ event: AuditEvent) throws {
        try requireWritable()
        try store.write { db in
            var event = event
            try event.append(db)
        }
        if store.kind == .sqlite { checkpoint() }
    }

    /// Writes everything in the write-ahead log into `archive.sqlite` and empties the log.
    func checkpoint() {
        _ = try? database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
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
    /// The disk that holds the archive has no room left.
    case diskFull(path: String)
    /// The archive can be read but not changed.
    case readOnly(path: String)
    /// The archive can only be read, and was made by an older version whose database must be upgraded.
    case readOnlyNeedsUpgrade(path: String)

    public var description: String {
        switch self {
        case .notAnArchive(let path, let reason): return "\(path): \(reason)"
        case .busy(let path): return "\(path): another ingest is running on this archive; try again when it has finished"
        case .notFound(let id): return "nothing in the archive has the id \(id)"
        case .storage(let path, let reason): return "\(path): \(reason)"
        case .diskFull(let path): return "the archive's disk is full (\(path)): free some space on it and run the same command again"
        case .readOnly(let path): return "the archive at \(path) is read-only"
        case .readOnlyNeedsUpgrade(let path):
            return "the archive at \(path) is read-only and was made by an older version of dialect-archive; it must be opened writable once, to upgrade it"
        }
    }
}
