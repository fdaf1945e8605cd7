import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An SQLite archive's database moved to PostgreSQL for good: copied (`DatabaseMigration`),
/// the copy proven (`DatabaseMigrationProof`) and, only when the proof found no difference, the
/// folder switched to it. Its `archive.database` then names the PostgreSQL database, and its
/// SQLite database is kept beside it, renamed `archive.sqlite.before-postgres` (with its `-wal`
/// and `-shm` files, if any), as it was when the copy was made. The move is an event in the
/// archive's audit trail, on PostgreSQL.
///
/// ```swift
/// let moved = try DatabaseMove.run(archive, to: "postgres://archive@db.example.org/dialects")
/// if moved.switched != nil { let archive = try Archive.open(at: archive.url) }   // on PostgreSQL now
/// ```
///
/// From start to end the SQLite database's write lock is held, so that nothing is written to it
/// after the copy: writes from other processes wait, then fail; reads go on. The kept database
/// then refuses changes (`SQLiteWriteLock.releaseAfterMove`), so that a process that had the
/// archive open before the move cannot change it unseen; such a process (a web server) reads
/// the kept database until it is started again.
public enum DatabaseMove {
    /// The copy, its proof and, when the folder was switched, the switch.
    public struct Moved: Codable, Sendable {
        public var copy: DatabaseMigration.Copied
        public var proof: DatabaseMigrationProof
        public var switched: Switched?

        /// `switched` is written as null when the folder was not switched.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(copy, forKey: .copy)
            try container.encode(proof, forKey: .proof)
            try container.encode(switched, forKey: .switched)
        }
    }

    /// A folder switched to PostgreSQL: the address `archive.database` names (password hidden)
    /// and the SQLite files kept, by their new names.
    public struct Switched: Codable, Equatable, Sendable {
        public var address: String
        public var kept: [String]
    }

    /// Copies `archive`'s database into the empty PostgreSQL database at `address`, proves the
    /// copy with `queriesPerKind` searches of each kind and, when `switching` and the proof
    /// passed, switches the folder to it. Refuses before copying anything when the folder could
    /// not be switched (read-only, or a file from an earlier move in the way). After a switch,
    /// `archive` must not be used: open the folder again.
    public static func run(_ archive: Archive, to address: String, queriesPerKind: Int = 20, switching: Bool = true,
                           progress: (DatabaseMigration.Step) -> Void = { _ in }) throws -> Moved {
        _ = try archive.sqliteDatabase()
        let kept = keptNames(archive.url)
        if switching {
            if archive.isReadOnly {
                throw ArchiveError.storage(path: archive.url.path, reason: """
                    the archive is read-only, so its folder cannot be switched to PostgreSQL \
                    (migrate-database --keep-sqlite copies and proves without switching)
                    """)
            }
            if let inTheWay = kept.map(\.to).first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
                throw ArchiveError.storage(path: inTheWay.path, reason: "kept from an earlier move to PostgreSQL; move it out of the archive folder first")
            }
        }
        let lock = archive.isReadOnly ? nil : try SQLiteWriteLock(archive: archive.url)
        var moved = false
        defer { if moved { lock?.releaseAfterMove() } else { lock?.release() } }
        let copied = try DatabaseMigration.copy(archive, to: address, progress: progress)
        progress(.proving(copied))
        let proof = try DatabaseMigrationProof.check(archive, against: address, queriesPerKind: queriesPerKind)
        guard switching, proof.passed else { return Moved(copy: copied, proof: proof, switched: nil) }

        // `archive.database` first: a folder left with both files by a crash here is refused
        // until someone decides, and the write-ahead log moves before the file it belongs to.
        try DatabaseAddressFile(archive: archive.url).write(address)
        moved = true
        var renamed: [String] = []
        for (from, to) in kept.reversed() where FileManager.default.fileExists(atPath: from.path) {
            guard rename(from.path, to.path) == 0 else {
                throw ArchiveError.storage(path: from.path, reason: "could not be renamed to \(to.lastPathComponent): \(String(cString: strerror(errno)))")
            }
            renamed.insert(to.lastPathComponent, at: 0)
        }
        syncFolder(archive.url)
        let switched = Switched(address: copied.address, kept: renamed)
        try Archive.open(at: archive.url).record(AuditEvent(kind: "migrate-database", summary: "the archive's database moved from SQLite to PostgreSQL, \(copied.address)", details: [
            "address": copied.address, "kept": switched.kept, "rows_compared": proof.rowsCompared, "recordings_compared": proof.recordingsCompared,
            "events": proof.events, "sqlite_head": proof.sqliteHead ?? "", "searches_compared": proof.queries.count,
        ]))
        return Moved(copy: copied, proof: proof, switched: switched)
    }

    /// `archive.sqlite`, its `-wal` and its `-shm`, each with the name it is kept by
    /// (`archive.sqlite.before-postgres-wal`, so that SQLite still reads the log with its database).
    private static func keptNames(_ folder: URL) -> [(from: URL, to: URL)] {
        ["", "-wal", "-shm"].map { ending in
            (folder.appendingPathComponent(Archive.databaseName + ending), folder.appendingPathComponent(Archive.databaseBeforePostgresName + ending))
        }
    }

    /// Makes the folder's new names durable.
    private static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
