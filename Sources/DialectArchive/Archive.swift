import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// A dialect archive on disk: the stored originals in a folder, and the database of everything
/// in it, either `archive.sqlite` beside them or a PostgreSQL database that the folder's
/// `archive.database` names (`DatabaseChoice`).
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
    /// The SQLite index of everything in the folder, when the archive's database is SQLite;
    /// nil when it is PostgreSQL. Not part of the archive's API: the library reads and writes
    /// it through `Store/`; benchmarks that generate millions of rows write them here directly.
    @_spi(Benchmark) public let database: DatabasePool?
    /// The archive's database as the library's records are read and written through it.
    let store: ArchiveStore
    /// True when the archive can be read but not changed: a read-only mount, a CD, another
    /// user's archive. Commands that only read work; those that would change it refuse.
    public let isReadOnly: Bool

    static let databaseName = "archive.sqlite"
    /// What `archive.sqlite` is renamed to when the archive's database moves to PostgreSQL (`DatabaseMove`).
    static let databaseBeforePostgresName = "archive.sqlite.before-postgres"
    static let recordingsFolder = "recordings"
    static let transcriptsFolder = "transcripts"
    /// Where files wait, under a temporary name, until they are verified and moved into place.
    static let incomingFolder = ".incoming"

    /// An archive whose database is SQLite.
    init(url: URL, database: DatabasePool, isReadOnly: Bool = false) {
        self.url = url
        self.database = database
        store = ArchiveStore(.sqlite(database))
        self.isReadOnly = isReadOnly
    }

    /// An archive whose database is PostgreSQL.
    init(url: URL, postgres: PostgresDatabase, isReadOnly: Bool = false) {
        self.url = url
        database = nil
        store = ArchiveStore(.postgres(postgres))
        self.isReadOnly = isReadOnly
    }

    /// The PostgreSQL database the archive's records are in (its description hides the
    /// password); nil when they are in `archive.sqlite`.
    public var postgresAddress: PostgresAddress? {
        if case .postgres(let database) = store.place { return database.address }
        return nil
    }

    /// Creates an empty archive at `url` whose database is `archive.sqlite`, or opens the one
    /// already there (safe to repeat).
    @discardableResult
    public static func create(at url: URL) throws -> Archive {
        try create(at: url, database: .sqlite)
    }

    /// Creates an empty archive at `url` whose database is the one `database` chooses, or opens
    /// the one already there when its database is that one (safe to repeat). Refuses a folder
    /// whose archive keeps its database elsewhere, and a PostgreSQL database that already holds
    /// an archive's records. When the PostgreSQL server cannot be reached, nothing is made.
    @discardableResult
    public static func create(at url: URL, database choice: DatabaseChoice) throws -> Archive {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ArchiveError.notAnArchive(path: url.path, reason: "it is a file, not a folder")
        }
        guard canWrite(url) else { throw ArchiveError.readOnly(path: url.path) }
        let named = try namedDatabase(url)
        let hasSQLite = fm.fileExists(atPath: url.appendingPathComponent(databaseName).path)
        switch choice {
        case .sqlite:
            if let named { throw ArchiveError.keptOnPostgres(path: url.path, address: PostgresAddress.hidingPassword(named)) }
            return try createOnSQLite(at: url)
        case .postgres(let address):
            if hasSQLite { throw ArchiveError.keptOnSQLite(path: url.path) }
            if let named, try PostgresAddress(named) != PostgresAddress(address) {
                throw ArchiveError.otherDatabase(path: url.path, named: PostgresAddress.hidingPassword(named),
                                                 given: PostgresAddress.hidingPassword(address))
            }
            return try createOnPostgres(at: url, address: address, named: named != nil)
        }
    }

    private static func createOnSQLite(at url: URL) throws -> Archive {
        let fm = FileManager.default
        let existed = fm.fileExists(atPath: url.appendingPathComponent(databaseName).path)
        try makeFolders(url)
        let archive: Archive
        do {
            archive = try Archive(url: url, database: openDatabase(url))
        } catch {
            throw ArchiveError.explaining(error, archive: url)
        }
        if !existed { try archive.recordCreation() }
        return archive
    }

    /// Connects first, so that a server that cannot be reached leaves no folder behind; writes
    /// `archive.database` once the database is known to be the archive's or empty.
    private static func createOnPostgres(at url: URL, address: String, named: Bool) throws -> Archive {
        let (database, readOnly) = try connect(address, archive: url)
        do {
            if readOnly {
                throw ArchiveError.storage(path: database.address.description,
                                           reason: "the server lets this database only be read (a read replica?); an archive is made in one that can be written")
            }
            if !named {
                let occupied = try DatabaseMigration.tablesWithRows(database)
                if !occupied.isEmpty { throw ArchiveError.databaseNotEmpty(address: database.address.description, tables: occupied) }
            }
            try makeFolders(url)
            if !named { try DatabaseAddressFile(archive: url).write(address) }
        } catch {
            database.close()
            throw ArchiveError.explaining(error, archive: url)
        }
        let archive = Archive(url: url, postgres: database)
        // Also when an earlier init stopped between writing `archive.database` and its event.
        if try archive.store.read({ try AuditLogRecords.count(kind: nil, user: nil, $0) }) == 0 { try archive.recordCreation() }
        return archive
    }

    private static func makeFolders(_ url: URL) throws {
        for folder in ["", recordingsFolder, transcriptsFolder, incomingFolder] {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    private func recordCreation() throws {
        try record(AuditEvent(kind: "init", summary: "created the archive at \(url.path)", details: ["path": url.path]))
    }

    /// The address in the folder's `archive.database`, or nil when there is none; refuses a
    /// folder that has both it and `archive.sqlite`.
    private static func namedDatabase(_ url: URL) throws -> String? {
        guard let named = try DatabaseAddressFile(archive: url).read() else { return nil }
        if FileManager.default.fileExists(atPath: url.appendingPathComponent(databaseName).path) {
            throw ArchiveError.bothDatabases(path: url.path)
        }
        return named
    }

    /// Connects to the archive's PostgreSQL database, saying which archive's it is when that fails.
    private static func connect(_ address: String, archive url: URL) throws -> (database: PostgresDatabase, readOnly: Bool) {
        do {
            return try PostgresSchema.connectArchive(address, archive: url)
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError.databaseUnavailable(path: url.path, reason: "\(error)")
        }
    }

    /// Opens an existing archive; fails with a clear message when there is none at `url`.
    public static func open(at url: URL) throws -> Archive {
        if let named = try namedDatabase(url) {
            let (database, readOnly) = try connect(named, archive: url)
            return Archive(url: url, postgres: database, isReadOnly: readOnly || !canWrite(url))
        }
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent(databaseName).path) else {
            throw ArchiveError.notAnArchive(path: url.path, reason: "no archive here; create one with `dialect-archive init`")
        }
        if !canWrite(url) {
            return Archive(url: url, database: try ReadOnlyDatabase.open(url, configuration: configuration()), isReadOnly: true)
        }
        return try create(at: url)
    }

    /// Whether the archive folder (or, before it exists, the folder it would be made in) and its
    /// `archive.sqlite`, if it has one, can be written; `access` also answers no on a read-only
    /// mount, even for root.
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
        checkpoint()
    }

    /// Writes everything in the write-ahead log into `archive.sqlite` and empties the log; on
    /// PostgreSQL, nothing.
    func checkpoint() {
        guard case .sqlite(let pool) = store.place else { return }
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// The SQLite database of an archive whose database is SQLite, for what reads SQLite itself
    /// (FTS5 searches, the copy to PostgreSQL and its proof, loading PostgreSQL's indexes from
    /// it); refuses an archive whose database is already PostgreSQL.
    func sqliteDatabase() throws -> DatabasePool {
        switch store.place {
        case .sqlite(let pool): return pool
        case .postgres(let database): throw ArchiveError.alreadyOnPostgres(path: url.path, address: database.address.description)
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
    /// The disk that holds the archive has no room left.
    case diskFull(path: String)
    /// The archive can be read but not changed.
    case readOnly(path: String)
    /// The archive can only be read, and was made by an older version whose database must be upgraded.
    case readOnlyNeedsUpgrade(path: String)
    /// `init` without a PostgreSQL database, on an archive whose database is PostgreSQL.
    case keptOnPostgres(path: String, address: String)
    /// `init` with a PostgreSQL database, on an archive whose database is `archive.sqlite`.
    case keptOnSQLite(path: String)
    /// `init` with a PostgreSQL database other than the one the archive's `archive.database` names.
    case otherDatabase(path: String, named: String, given: String)
    /// A folder with both `archive.sqlite` and `archive.database`.
    case bothDatabases(path: String)
    /// A new archive's PostgreSQL database already holds another archive's records.
    case databaseNotEmpty(address: String, tables: [String])
    /// The archive's PostgreSQL database could not be reached or opened.
    case databaseUnavailable(path: String, reason: String)
    /// What copies an archive's SQLite database was given an archive whose database is PostgreSQL.
    case alreadyOnPostgres(path: String, address: String)

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
        case .keptOnPostgres(let path, let address):
            return "\(path): this archive's database is PostgreSQL, \(address) (named in \(DatabaseAddressFile.name)), so init does not make an "
                + "archive.sqlite here; give --database with that address to repeat init (migrate-database moves an archive from SQLite to PostgreSQL, not back)"
        case .keptOnSQLite(let path):
            return "\(path): this archive's database is \(Archive.databaseName), so init does not make it another; "
                + "to move its database to PostgreSQL, run `dialect-archive migrate-database --to postgres://…`"
        case .otherDatabase(let path, let named, let given):
            return "\(path): this archive's database is \(named) (named in \(DatabaseAddressFile.name)), not \(given)"
        case .bothDatabases(let path):
            return "\(path): the folder has both \(Archive.databaseName) and \(DatabaseAddressFile.name), so it is not clear which is the "
                + "archive's database (an interrupted migrate-database?): if its copy to PostgreSQL was proven, rename \(Archive.databaseName) "
                + "(with its -wal and -shm files) to \(Archive.databaseBeforePostgresName); otherwise remove \(DatabaseAddressFile.name)"
        case .databaseNotEmpty(let address, let tables):
            return "\(address): the database already holds an archive's records (in \(tables.joined(separator: ", "))); a new archive needs "
                + "an empty database. An archive on PostgreSQL is opened through its own folder, whose \(DatabaseAddressFile.name) names it"
        case .databaseUnavailable(let path, let reason):
            return "\(path): the archive's database could not be opened: \(reason)"
        case .alreadyOnPostgres(let path, let address):
            return "\(path): the archive's database is already PostgreSQL, \(address); only an archive whose database is SQLite can be copied to PostgreSQL"
        }
    }
}
