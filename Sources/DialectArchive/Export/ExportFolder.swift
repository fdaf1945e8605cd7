import Crypto
import Foundation

/// The folder an export writes into: refuses to start in a non-empty folder without `force`,
/// never writes outside itself, and checks every copied original against the archive's checksum.
final class ExportFolder {
    let root: URL
    private(set) var written: [(path: String, sha256: String, size: Int64)] = []

    init(_ root: URL, force: Bool) throws {
        let fm = FileManager.default
        self.root = root.standardizedFileURL
        if fm.fileExists(atPath: root.path) {
            let contents = try fm.contentsOfDirectory(atPath: root.path)
            if !contents.isEmpty && !force { throw ExportError.targetNotEmpty(root.path) }
        }
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// The absolute URL of `relative`, refusing anything that would land outside the folder.
    func url(_ relative: String) throws -> URL {
        let parts = relative.split(separator: "/").map(String.init)
        guard !relative.hasPrefix("/"), !parts.contains(".."), !parts.contains("."), !parts.isEmpty else {
            throw ExportError.outsideTarget(relative)
        }
        let url = root.appendingPathComponent(relative).standardizedFileURL
        guard url.path.hasPrefix(root.path + "/") else { throw ExportError.outsideTarget(relative) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return url
    }

    /// Writes generated content.
    @discardableResult
    func write(_ data: Data, to relative: String) throws -> String {
        try data.write(to: try url(relative))
        let sha = Checksum.sha256(data)
        written.append((relative, sha, Int64(data.count)))
        return sha
    }

    /// Copies a stored original, checking the copy against the archive's checksum.
    func copy(_ source: URL, expectedSHA256: String, to relative: String) throws {
        let destination = try url(relative)
        guard FileManager.default.createFile(atPath: destination.path, contents: nil) else {
            throw ArchiveError.storage(path: destination.path, reason: "the file could not be created")
        }
        let handle = try FileHandle(forWritingTo: destination)
        let reader = try HashingFileReader(path: source.path, copyTo: handle)
        let sha = try reader.finish()
        try handle.synchronize()
        try handle.close()
        guard sha == expectedSHA256 else {
            try? FileManager.default.removeItem(at: destination)
            throw ExportError.storedFileChanged(source.path)
        }
        written.append((relative, sha, reader.size))
    }

    var bytes: Int64 { written.reduce(0) { $0 + $1.size } }
}
