import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts originals into the archive byte for byte: each is written under a temporary name in
/// `.incoming/`, flushed to disk, checked against the checksum computed while reading the
/// source, and only then renamed into place, so a crash leaves the whole file or nothing.
struct OriginalStore {
    let archiveURL: URL

    var incomingFolder: URL { archiveURL.appendingPathComponent(Archive.incomingFolder) }

    /// Removes what an interrupted ingest left half-written.
    func clearIncoming() throws {
        let fm = FileManager.default
        try fm.createDirectory(at: incomingFolder, withIntermediateDirectories: true)
        for leftover in try fm.contentsOfDirectory(at: incomingFolder, includingPropertiesForKeys: nil) {
            try fm.removeItem(at: leftover)
        }
    }

    /// A fresh temporary file in `.incoming/`, open for writing.
    func makeIncoming(for name: String) throws -> (url: URL, handle: FileHandle) {
        let url = incomingFolder.appendingPathComponent("\(UUID().uuidString)-\(name).partial")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            if ArchiveError.hasNoRoom(incomingFolder) { throw ArchiveError.diskFull(path: archiveURL.path) }
            throw ArchiveError.storage(path: url.path, reason: "cannot create a file in the archive")
        }
        return (url, try FileHandle(forWritingTo: url))
    }

    /// Flushes a copy and checks it against the checksum of the source; removes it on mismatch.
    /// The source was read whole and hashed, so a failure here is the archive's disk.
    func seal(_ url: URL, handle: FileHandle, expectedSHA256: String, source: String) throws {
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw explain(ArchiveCopyFailure(underlying: error))
        }
        let found = try Self.sha256(of: url)
        guard found == expectedSHA256 else {
            try? FileManager.default.removeItem(at: url)
            throw ArchiveError.storage(path: archiveURL.path, reason: "the copy of \(source) written to the archive reads back differently "
                                       + "(expected sha256 \(expectedSHA256), got \(found)); the archive's disk may be failing")
        }
    }

    /// The error to report for a failure met while storing: see `ArchiveError.explaining`.
    func explain(_ error: Error) -> Error {
        ArchiveError.explaining(error, archive: archiveURL)
    }

    /// Copies `source` to `.incoming/` and checks the copy against the source's checksum.
    func copyVerified(_ source: URL, expectedSHA256: String) throws -> URL {
        let (url, handle) = try makeIncoming(for: source.lastPathComponent)
        do {
            let reader = try HashingFileReader(path: source.path, copyTo: handle)
            let sha = try reader.finish()
            guard sha == expectedSHA256 else {
                throw AudioError.unreadable(path: source.path, reason: "the file changed while it was being ingested")
            }
            try seal(url, handle: handle, expectedSHA256: expectedSHA256, source: source.path)
            return url
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    /// Moves a sealed copy to `folder/name` (relative to the archive) and returns the stored
    /// relative path. A file already there with the same bytes (left by an interrupted run) is
    /// adopted; one with other bytes keeps its place and the new file gets a distinct name.
    func place(_ incoming: URL, sha256: String, folder: [String], name: String) throws -> String {
        let fm = FileManager.default
        let relativeFolder = folder.map(Self.safeComponent).joined(separator: "/")
        let folderURL = archiveURL.appendingPathComponent(relativeFolder)
        try fm.createDirectory(at: folderURL, withIntermediateDirectories: true)
        let safeName = Self.safeComponent(name)
        let stem = (safeName as NSString).deletingPathExtension, ext = (safeName as NSString).pathExtension
        let candidates = [safeName, "\(stem)-\(sha256.prefix(8))" + (ext.isEmpty ? "" : ".\(ext)")]
        for candidate in candidates {
            let destination = folderURL.appendingPathComponent(candidate)
            if fm.fileExists(atPath: destination.path) {
                if (try? Self.sha256(of: destination)) == sha256 {
                    try fm.removeItem(at: incoming)
                    return relativeFolder + "/" + candidate
                }
                continue
            }
            guard rename(incoming.path, destination.path) == 0 else {
                if errno == ENOSPC || errno == EDQUOT { throw ArchiveError.diskFull(path: archiveURL.path) }
                throw ArchiveError.storage(path: destination.path, reason: "cannot move the file into place: \(String(cString: strerror(errno)))")
            }
            chmod(destination.path, 0o444)
            Self.syncFolder(folderURL)
            return relativeFolder + "/" + candidate
        }
        throw ArchiveError.storage(path: folderURL.path, reason: "\(name) exists twice there with other contents")
    }

    /// SHA-256 of a file's bytes, streamed.
    static func sha256(of url: URL) throws -> String {
        try HashingFileReader(path: url.path).finish()
    }

    /// A path component that cannot climb out of its folder or hide itself.
    static func safeComponent(_ text: String) -> String {
        var safe = text.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\0", with: "")
        while safe.hasPrefix(".") { safe = "_" + safe.dropFirst() }
        return safe.isEmpty ? "_" : safe
    }

    private static func syncFolder(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
