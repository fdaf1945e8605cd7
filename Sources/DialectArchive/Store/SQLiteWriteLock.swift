import Foundation
import GRDB

/// An SQLite archive's write lock, held by a connection of its own for as long as a long read
/// must see the database unchanged and nothing may be written after it (its copy to
/// PostgreSQL, proven, and the folder switched): other writers wait for it, up to their busy
/// timeout, then fail; readers go on.
final class SQLiteWriteLock {
    private let queue: DatabaseQueue

    /// Takes the lock, waiting up to 30 seconds for a writer that holds it now.
    init(archive: URL) throws {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        configuration.busyMode = .timeout(30)
        queue = try DatabaseQueue(path: archive.appendingPathComponent(Archive.databaseName).path, configuration: configuration)
        do {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            try? queue.close()
            throw ArchiveError.storage(path: archive.path, reason: "another process kept writing to the archive for 30 seconds (an ingest?); try again when it has finished")
        }
    }

    /// Lets other writers go on; nothing was written under the lock.
    func release() {
        try? queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        try? queue.close()
    }

    /// Lets other writers go on after the archive's database moved to PostgreSQL, leaving this
    /// one refusing every audit event, and so every change the library makes, in the same
    /// commit: a process that opened the archive before the move and waited for the lock would
    /// otherwise write its change into the copy kept beside the archive, where nobody reads it.
    func releaseAfterMove() {
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: """
                    CREATE TRIGGER \(Self.keptTrigger) BEFORE INSERT ON event BEGIN
                        SELECT RAISE(ABORT, 'this SQLite database was kept when the archive moved to PostgreSQL and takes no changes: run the command again, on the archive as it is now');
                    END
                    """)
                try db.execute(sql: "COMMIT")
            }
            try? queue.close()
        } catch {
            release()
        }
    }

    /// The trigger by which a database kept after a move refuses changes; dropping it makes the
    /// database writable again.
    static let keptTrigger = "kept_after_move_to_postgres"
}
