import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Real file systems for fault tests: a small ext4 image on a loop device (a disk that fills)
/// and read-only bind mounts (a CD, a read-only share). Mounting needs root; where it is not
/// permitted the test is skipped.
enum TestMount {
    /// Mounts a fresh ext4 file system of `megabytes` at `folder`; unmount it with `unmount`.
    static func loop(megabytes: Int, at folder: URL) throws {
        try requireRoot()
        let image = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + ".img")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try check(TestSupport.run("truncate", ["-s", "\(megabytes)M", image.path]))
        try check(TestSupport.run("/sbin/mkfs.ext4", ["-q", "-F", "-m", "0", image.path]))
        try mount(["-o", "loop", image.path, folder.path])
    }

    /// Shows `source` read-only at `folder`, as a CD or a read-only share would.
    static func readOnly(_ source: URL, at folder: URL) throws {
        try requireRoot()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try mount(["--bind", source.path, folder.path])
        do {
            try check(TestSupport.run("mount", ["-o", "remount,ro,bind", folder.path]))
        } catch {
            unmount(folder)
            throw error
        }
    }

    static func unmount(_ folder: URL) {
        _ = try? TestSupport.run("umount", [folder.path])
    }

    /// Bytes free for files on the file system holding `folder`.
    static func freeBytes(_ folder: URL) -> Int64 {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { return 0 }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// Runs the CLI as the unprivileged user `nobody`, for whom permissions apply.
    static func cliAsNobody(_ arguments: [String], archive: URL) throws -> TestSupport.Result {
        try requireRoot()
        return try TestSupport.run("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups",
                                               TestSupport.cli.path] + arguments + ["--archive", archive.path])
    }

    private static func requireRoot() throws {
        guard geteuid() == 0 else { throw XCTSkip("mounting file systems and changing user need root") }
    }

    private static func mount(_ arguments: [String]) throws {
        let result = try TestSupport.run("mount", arguments)
        guard result.status == 0 else { throw XCTSkip("mount is not permitted here: \(result.stderr)") }
    }

    private static func check(_ result: TestSupport.Result) throws {
        guard result.status == 0 else { throw NSError(domain: "TestMount", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
    }
}
