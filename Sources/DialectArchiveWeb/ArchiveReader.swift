import DialectArchive

/// The archive as request handlers read it. Its reads are synchronous SQLite and file work, so
/// each runs through `Archive.perform` on the archive's own threads, never on the threads that
/// run handlers; `DatabasePool` lets such reads run at once beside an ingest in another process.
struct ArchiveReader: Sendable {
    let archive: Archive
    /// Recent searches' pages and counts, for every request this server answers.
    let searchCache: SearchCache

    func read<T>(_ body: @escaping @Sendable (Archive) throws -> sending T) async throws -> sending T {
        try await archive.perform(body)
    }
}
