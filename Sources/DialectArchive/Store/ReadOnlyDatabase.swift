import Foundation
import GRDB

/// Opens the database of an archive that can only be read (a read-only mount, a CD, another
/// user's archive) without writing a byte, and without a migration.
enum ReadOnlyDatabase {
    /// SQLite reads a database in WAL mode through its `-shm` index, which it must create when
    /// it is missing, and cannot on a read-only medium. When the `-wal` file is missing or
    /// empty the database file holds everything, so it is opened as immutable and needs no
    /// index. A `-wal` with content belongs to another process writing now, or to changes not
    /// yet written into the database file; SQLite then reads through the `-shm` that is there.
    static func open(_ archive: URL, configuration: Configuration) throws -> DatabasePool {
        var configuration = configuration
        configuration.readonly = true
        let path = archive.appendingPathComponent(Archive.databaseName).path
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        let location = walSize > 0 ? path : "file:\(uriPath(path))?immutable=1"
        let complete: Bool
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: location, configuration: configuration)
            complete = try pool.read { db in
                try ArchiveSchema.migrator.appliedIdentifiers(db).isSuperset(of: ArchiveSchema.migrator.migrations)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN && walSize > 0 {
            throw ArchiveError.storage(path: archive.path, reason: """
                the archive is read-only and changes in \(Archive.databaseName)-wal have not been written into \
                \(Archive.databaseName) yet; open it once where it can be written to complete it
                """)
        }
        guard complete else { throw ArchiveError.readOnlyNeedsUpgrade(path: archive.path) }
        return pool
    }

    /// A path as SQLite reads it in a `file:` URI, where `%`, `?` and `#` have a meaning.
    private static func uriPath(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3F")
            .replacingOccurrences(of: "#", with: "%23")
    }
}
