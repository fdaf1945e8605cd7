import ArgumentParser
import DialectArchive
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Options every archive command shares: where the archive is, and JSON output.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The archive folder (default: $DIALECT_ARCHIVE, else ./archive).")
    var archive: String?

    @Flag(help: "Print machine-readable JSON.") var json = false

    var archiveURL: URL {
        let path = archive ?? ProcessInfo.processInfo.environment["DIALECT_ARCHIVE"] ?? "archive"
        return URL(fileURLWithPath: path)
    }

    func openArchive() throws -> Archive {
        try failing { try Archive.open(at: archiveURL) }
    }

    /// Progress for a long run over the archive's files: a bar when stderr is a terminal,
    /// nothing otherwise (and nothing with `--json`).
    var fileProgress: IngestProgress {
        json || isatty(STDERR_FILENO) == 0 ? SilentProgress() : TerminalProgress()
    }
}

/// Runs `body`; a library error is printed to stderr as one line and becomes a failing exit code.
func failing<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("error: \(error)")
        throw ExitCode.failure
    }
}

/// Tells on stderr when some recordings' fingerprints are missing or outdated, which makes
/// `identify` and `duplicates` miss them or rate them lower.
func noteOutdatedFingerprints(_ archive: Archive) {
    guard let outdated = try? archive.outdatedFingerprints(), outdated > 0 else { return }
    printError("note: \(outdated) recording\(outdated == 1 ? " has" : "s have") no fingerprint or one of an older version; "
               + "`dialect-archive refingerprint` brings \(outdated == 1 ? "it" : "them") up to date")
}

/// Tells on stderr that a command which keeps an audit event could not, the archive being read-only.
func noteNotRecorded(_ archive: Archive, _ what: String) {
    guard archive.isReadOnly else { return }
    printError("note: the archive at \(archive.url.path) is read-only, so this \(what) is not recorded in its audit trail")
}
