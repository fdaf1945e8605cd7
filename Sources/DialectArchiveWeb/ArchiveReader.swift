import DialectArchive
import Dispatch

/// The archive as request handlers read it. Its reads are synchronous SQLite and file work,
/// so each runs on a Dispatch worker thread, never on the threads that serve connections;
/// `DatabasePool` lets any number of such reads run at once beside an ingest in another process.
struct ArchiveReader: @unchecked Sendable {
    let archive: Archive

    func read<T>(_ body: @escaping (Archive) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body(archive) })
            }
        }
    }
}
