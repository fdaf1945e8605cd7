import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `archive.database`: the file in an archive folder that names the archive's PostgreSQL
/// database, one line holding its address as given. It may hold a password, so only its owner
/// may read it (mode 0600). A folder with this file and no `archive.sqlite` is an archive whose
/// database is PostgreSQL.
struct DatabaseAddressFile {
    static let name = "archive.database"

    let url: URL

    init(archive: URL) {
        url = archive.appendingPathComponent(Self.name)
    }

    var exists: Bool { FileManager.default.fileExists(atPath: url.path) }

    /// The address the file holds, or nil when there is no file; an error naming the file when
    /// it cannot be read or holds no PostgreSQL address.
    func read() throws -> String? {
        guard exists else { return nil }
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ArchiveError.storage(path: url.path, reason: "cannot be read (\(String(cString: strerror(errno)))); it names the archive's PostgreSQL database")
        }
        let data = (try? FileHandle(fileDescriptor: fd, closeOnDealloc: true).readToEnd()) ?? Data()
        let address = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !address.isEmpty, !address.contains(where: \.isNewline) else {
            throw ArchiveError.storage(path: url.path, reason: "should hold one line, the address of the archive's PostgreSQL database (postgres://…)")
        }
        do {
            _ = try PostgresAddress(address)
        } catch {
            throw ArchiveError.storage(path: url.path, reason: "does not name a PostgreSQL database: \(error)")
        }
        return address
    }

    /// Writes `address` as the file's one line, readable by its owner alone, in place of any
    /// file there: written to a temporary name, flushed, then renamed, so that the file is
    /// whole or absent.
    func write(_ address: String) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(Self.name).\(getpid())")
        let bytes = Array((address + "\n").utf8)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(errno) }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let problem = written != bytes.count ? errno : fchmod(fd, 0o600) != 0 || fsync(fd) != 0 ? errno : 0
        close(fd)
        guard problem == 0, rename(temporary.path, url.path) == 0 else {
            let code = problem != 0 ? problem : errno
            unlink(temporary.path)
            throw failure(code)
        }
    }

    private func failure(_ code: Int32) -> ArchiveError {
        code == ENOSPC || code == EDQUOT ? .diskFull(path: url.deletingLastPathComponent().path)
            : .storage(path: url.path, reason: "could not be written: \(String(cString: strerror(code)))")
    }
}
