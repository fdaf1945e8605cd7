import GRDB

extension Archive {
    /// How many of the archive's calls run at once (`perform`): as many as the SQLite pool has
    /// readers, or cores if that is more; an archive on PostgreSQL opens up to as many
    /// connections. More at once would only wait for a connection.
    static let concurrentCalls = max(Configuration().maximumReaderCount, ParallelWork.cores)

    private static let workers = WorkerThreads(count: concurrentCalls, name: "dialect-archive")

    /// Runs `body` on one of the archive's own threads and waits for it without holding the
    /// caller's: the boundary between async code (a server's request handlers) and the archive's
    /// verbs, which do synchronous SQLite and file work and would otherwise keep busy the few
    /// threads that Swift concurrency shares among all tasks.
    ///
    /// Calls run at once, up to the number of the database pool's readers (5) or of cores if
    /// that is more; later ones wait their turn. Reads each take a connection of their own and go
    /// on beside a write, here or in another process (SQLite's WAL, or PostgreSQL's connections);
    /// writes wait for one another as they do when called directly.
    ///
    /// ```swift
    /// let total = try await archive.perform { try $0.search(SearchQuery("月光"), as: .anonymous).total }
    /// ```
    public func perform<T>(_ body: @escaping @Sendable (Archive) throws -> sending T) async throws -> sending T {
        try await withCheckedThrowingContinuation { continuation in
            Self.workers.run {
                do {
                    continuation.resume(returning: try body(self))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
