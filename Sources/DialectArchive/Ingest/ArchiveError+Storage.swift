import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

extension ArchiveError {
    /// The error to report when storing into the archive at `archive` failed: a full disk,
    /// whether met writing a copy or the database, is said to be the archive's; a copy that
    /// could not be written for another reason is the archive's fault too, never the source's.
    /// Other errors are returned as they are.
    static func explaining(_ error: Error, archive: URL) -> Error {
        if isDiskFull(error, archive: archive) { return ArchiveError.diskFull(path: archive.path) }
        if let copy = error as? ArchiveCopyFailure {
            return ArchiveError.storage(path: archive.path, reason: "could not write the archive copy: \(copy.underlying.localizedDescription)")
        }
        return error
    }

    /// True when `error` comes from a disk (or quota) with no room left.
    static func isDiskFull(_ error: Error, archive: URL? = nil) -> Bool {
        switch error {
        case ArchiveError.diskFull: return true
        case let copy as ArchiveCopyFailure: return isDiskFull(copy.underlying)
        case let database as DatabaseError:
            // SQLite says "disk I/O error" when it cannot make its shared-memory index.
            return database.resultCode == .SQLITE_FULL
                || (database.resultCode == .SQLITE_IOERR && archive.map(hasNoRoom) == true)
        default: break
        }
        let error = error as NSError
        if error.domain == NSCocoaErrorDomain, error.code == CocoaError.fileWriteOutOfSpace.rawValue { return true }
        if error.domain == NSPOSIXErrorDomain, error.code == Int(ENOSPC) || error.code == Int(EDQUOT) { return true }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? Error { return isDiskFull(underlying) }
        return false
    }

    /// True when the disk holding `folder` has less room than SQLite's index of a database needs.
    static func hasNoRoom(_ folder: URL) -> Bool {
        var info = statvfs()
        return statvfs(folder.path, &info) == 0 && UInt64(info.f_bavail) * UInt64(info.f_frsize) < 64 * 1024
    }
}
