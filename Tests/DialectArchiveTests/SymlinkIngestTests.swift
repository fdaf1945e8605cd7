@testable import DialectArchive
import Foundation
import XCTest

/// A symbolic link the user names is followed; links met inside a folder are skipped, and
/// the report says which and where they point.
final class SymlinkIngestTests: XCTestCase {
    func testALinkToAFolderGivenToIngestIsFollowed() throws {
        let trip = try FieldFolder()
        try trip.tone("word.wav", frequency: 350)
        try trip.write("word.vtt", "WEBVTT\n\n00:00.100 --> 00:00.600\n太阳\n")
        let link = trip.url.deletingLastPathComponent().appendingPathComponent("latest-trip")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: trip.url)
        let archive = try TestArchive.create(at: trip.url.deletingLastPathComponent().appendingPathComponent("archive"))

        let report = try archive.ingest(IngestRequest(paths: [link]))
        XCTAssertEqual(report.failed, [])
        XCTAssertEqual(report.added.map { URL(fileURLWithPath: $0.file).lastPathComponent }.sorted(), ["word.vtt", "word.wav"])
        XCTAssertEqual(report.added.first?.file, link.appendingPathComponent("word.wav").path, "files are named under the path the user gave")
        XCTAssertEqual(try archive.recordings().count, 1)
    }

    func testLinksInsideAFolderAreReportedAsSkippedWithWhereTheyPoint() throws {
        let trip = try FieldFolder()
        try trip.tone("word.wav", frequency: 360)
        let elsewhere = trip.url.deletingLastPathComponent().appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try TestSupport.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=370:duration=1:sample_rate=16000", elsewhere.appendingPathComponent("other.wav").path])
        try FileManager.default.createSymbolicLink(atPath: trip.url.appendingPathComponent("more").path, withDestinationPath: "../elsewhere")
        try FileManager.default.createSymbolicLink(atPath: trip.url.appendingPathComponent("other.wav").path, withDestinationPath: "../elsewhere/other.wav")
        let archive = try TestArchive.create(at: trip.url.deletingLastPathComponent().appendingPathComponent("archive"))

        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(report.added.map(\.file), [trip.url.appendingPathComponent("word.wav").path])
        let skipped = report.warnings.filter { $0.message.contains("symbolic link") }
        XCTAssertEqual(skipped.map(\.file).sorted(), [trip.url.appendingPathComponent("more").path, trip.url.appendingPathComponent("other.wav").path])
        XCTAssertTrue(skipped.contains { $0.message.contains("../elsewhere/other.wav") }, "\(skipped)")
        XCTAssertTrue(skipped.allSatisfy { $0.message.contains("skipped") }, "\(skipped)")

        let cli = try TestSupport.cli(["ingest", trip.url.path], archive: archive.url)
        XCTAssertTrue(cli.stdout.contains("more: skipped: a symbolic link (to ../elsewhere)"), cli.stdout)
    }
}
