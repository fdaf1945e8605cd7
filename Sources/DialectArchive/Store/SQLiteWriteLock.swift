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
}
