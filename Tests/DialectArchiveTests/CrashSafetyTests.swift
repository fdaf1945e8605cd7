import DialectArchive
import Foundation
import XCTest

/// A crash or `kill -9` at any moment of an ingest leaves no half-stored file or row, and
/// running the same command again finishes the job.
final class CrashSafetyTests: XCTestCase {
    func testKillNineMidIngestLeavesNothingHalfStoredAndARerunFinishes() throws {
        let trip = try FieldFolder()
        var sourceHashes = Set<String>()
        for index in 0..<16 {
            let file = try trip.tone("take-\(index).wav", frequency: 200 + 37 * index, seconds: 12,
                                     extra: ["-ac", "2", "-ar", "48000", "-c:a", "pcm_s24le"])
            sourceHashes.insert(try TestSupport.sha256sum(file))
        }
        let archiveURL = try TestSupport.scratchFolder().appendingPathComponent("archive")
        _ = try Archive.create(at: archiveURL)

        for delay in [0.05, 0.15, 0.3, 0.5, 0.8, 1.2, 1.8] {
            let process = Process()
            process.executableURL = TestSupport.cli
            process.arguments = ["ingest", trip.url.path, "--archive", archiveURL.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try assertNothingHalfStored(archiveURL, sourceHashes: sourceHashes, after: "kill -9 after \(delay) s")
        }

        let finish = try TestSupport.cli(["ingest", trip.url.path], archive: archiveURL)
        XCTAssertEqual(finish.status, 0, finish.stderr)
        let archive = try Archive.open(at: archiveURL)
        XCTAssertEqual(try archive.recordings().count, 16)
        try assertNothingHalfStored(archiveURL, sourceHashes: sourceHashes, after: "the final run")
        let stored = try storedFiles(archiveURL)
        XCTAssertEqual(stored.count, 16, "every stored file has its row and no file is stored twice")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: archiveURL.appendingPathComponent(".incoming").path), [])

        let again = try TestSupport.cli(["ingest", trip.url.path], archive: archiveURL)
        XCTAssertTrue(again.stdout.contains("0 added, 16 already present"), again.stdout)
    }

    private func storedFiles(_ archive: URL) throws -> [URL] {
        let root = archive.appendingPathComponent("recordings")
        return (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { !$0.hasDirectoryPath && (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    private func assertNothingHalfStored(_ archiveURL: URL, sourceHashes: Set<String>, after moment: String) throws {
        let archive = try Archive.open(at: archiveURL)
        for listing in try archive.recordings() {
            let file = archive.absolute(listing.recording.storedPath)
            XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "\(moment): row without file \(file.path)")
            XCTAssertEqual(try TestSupport.sha256sum(file), listing.recording.sha256, "\(moment): \(file.path) differs from its row")
        }
        for file in try storedFiles(archiveURL) {
            XCTAssertTrue(sourceHashes.contains(try TestSupport.sha256sum(file)), "\(moment): \(file.path) is not a whole original")
        }
    }
}
