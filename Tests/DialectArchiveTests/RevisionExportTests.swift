@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// Every export carries the current revision of each transcript; `allRevisions` adds the replaced
/// ones beside it as `NAME.rN.ext`, marked as replaced, and never brings back withdrawn material.
final class RevisionExportTests: XCTestCase {
    private let oldWording = "0002 月光", newWording = "0002 月亮光"

    /// The sample archive with gz-yf-cihui.eaf corrected (月光 → 月亮光) and re-ingested as revision 2.
    private func revisedArchive(_ test: String = #function) throws -> (Archive, URL) {
        let (archive, url) = try SampleArchive.ingested(test)
        let folder = try TestSupport.scratchFolder(test + "-corrected")
        let original = try String(contentsOf: TestSupport.repository.appendingPathComponent("transcripts/gz-yf-cihui.eaf"), encoding: .utf8)
        try original.replacingOccurrences(of: oldWording, with: newWording)
            .write(to: folder.appendingPathComponent("gz-yf-cihui.eaf"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [folder])).revisions.count, 1)
        return (archive, url)
    }

    private func files(in folder: URL) -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var found: [(String, String)] = []
        while let file = enumerator?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            found.append((String(file.path.dropFirst(folder.path.count + 1)), String(decoding: data, as: UTF8.self)))
        }
        return found
    }

    private func export(_ archive: Archive, _ format: ExportRequest.Format, allRevisions: Bool, sessions: [String] = ["gz-cihui"]) throws
        -> (ExportReport, [(path: String, text: String)]) {
        let out = try TestSupport.scratchFolder("export").appendingPathComponent(format.rawValue)
        let report = try archive.export(ExportRequest(format: format, out: out, sessions: sessions, includeRestricted: true,
                                                      allRevisions: allRevisions))
        return (report, files(in: out))
    }

    func testEveryExportFormatCarriesOnlyTheCurrentRevisionByDefault() throws {
        let (archive, _) = try revisedArchive()
        let replaced = try XCTUnwrap(archive.store.read { db in
            try db.record(TranscriptFile.self, "SELECT * FROM transcript WHERE original_name = ? AND revision = 1", ["gz-yf-cihui.eaf"])
        })
        for format in ExportRequest.Format.allCases {
            let (report, files) = try export(archive, format, allRevisions: false)
            XCTAssertEqual(report.replacedRevisions, 0, format.rawValue)
            for file in files {
                XCTAssertFalse(file.text.contains(oldWording), "\(format): \(file.path) has the replaced wording")
                XCTAssertFalse(file.path.contains(".r1."), "\(format): \(file.path)")
                XCTAssertFalse(file.text.contains(replaced.storedPath), "\(format): \(file.path) names the replaced file")
                // The package's provenance (premis.xml, the crate's actions) tells that the
                // transcript was revised; it names no replaced file, and marks none as replaced.
                if file.path == "premis.xml" || file.path == "ro-crate-metadata.json" {
                    XCTAssertFalse(file.text.contains("creativeWorkStatus"), "\(format): \(file.path)")
                } else {
                    XCTAssertFalse(file.text.contains("replaced"), "\(format): \(file.path)")
                }
            }
            if format != .olac && format != .csv && format != .json {
                XCTAssertTrue(files.contains { $0.text.contains(newWording) }, "\(format) carries the current revision")
            }
        }
    }

    func testAllRevisionsAddsTheReplacedOnesBesideTheCurrentNamedByRevisionAndMarkedAsReplaced() throws {
        let (archive, url) = try revisedArchive()
        let (revision1, revision2) = try archive.store.read { db in
            (try db.record(TranscriptFile.self, "SELECT * FROM transcript WHERE original_name = ? AND revision = 1", ["gz-yf-cihui.eaf"])!,
             try db.record(TranscriptFile.self, "SELECT * FROM transcript WHERE original_name = ? AND revision = 2", ["gz-yf-cihui.eaf"])!)
        }
        XCTAssertEqual(revision1.storedPath, "transcripts/sample/gz-cihui/gz-yf-cihui.eaf")
        let exported = "transcripts/sample/gz-cihui/gz-yf-cihui.r1.eaf"

        let (bag, bagFiles) = try export(archive, .bagit, allRevisions: true)
        XCTAssertEqual(bag.transcripts, 1)
        XCTAssertEqual(bag.replacedRevisions, 1)
        let old = try XCTUnwrap(bagFiles.first { $0.path == "data/" + exported })
        XCTAssertTrue(old.text.contains(oldWording))
        XCTAssertTrue(try XCTUnwrap(bagFiles.first { $0.path == "data/" + revision2.storedPath }).text.contains(newWording))
        let manifest = try XCTUnwrap(bagFiles.first { $0.path == "manifest-sha256.txt" }).text
        XCTAssertTrue(manifest.contains("\(revision1.sha256)  data/\(exported)"), manifest)
        let table = try XCTUnwrap(bagFiles.first { $0.path == "data/metadata/recordings.csv" }).text
        let lines = table.split(separator: "\r\n").map(String.init)
        XCTAssertTrue(lines[0].hasSuffix(",replaced_transcripts"), lines[0])
        XCTAssertTrue(lines[1].hasSuffix(",\(exported)"), lines[1])
        XCTAssertTrue(lines[1].contains(",\(revision2.storedPath),"), lines[1])

        let (_, crateFiles) = try export(archive, .rocrate, allRevisions: true)
        let metadata = try XCTUnwrap(crateFiles.first { $0.path == "ro-crate-metadata.json" })
        let graph = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(metadata.text.utf8)) as? [String: Any])?["@graph"] as? [[String: Any]])
        let oldEntity = try XCTUnwrap(graph.first { $0["@id"] as? String == exported })
        XCTAssertEqual(oldEntity["creativeWorkStatus"] as? String, "replaced")
        XCTAssertEqual(oldEntity["version"] as? String, "1")
        XCTAssertEqual(oldEntity["sha256"] as? String, revision1.sha256)
        let newEntity = try XCTUnwrap(graph.first { $0["@id"] as? String == revision2.storedPath })
        XCTAssertNil(newEntity["creativeWorkStatus"])
        XCTAssertEqual(newEntity["version"] as? String, "2")
        let root = try XCTUnwrap(graph.first { $0["@id"] as? String == "./" })
        XCTAssertTrue((root["hasPart"] as? [[String: String]])?.contains(["@id": exported]) == true)
        XCTAssertTrue(crateFiles.contains { $0.path == exported && $0.text.contains(oldWording) })

        for format in [ExportRequest.Format.eaf, .textgrid, .vtt] {
            let (_, converted) = try export(archive, format, allRevisions: true)
            let ext = format == .textgrid ? "TextGrid" : format.rawValue
            XCTAssertTrue(converted.contains { $0.path == "sample/gz-cihui/gz-yf-cihui.r1.\(ext)" && $0.text.contains(oldWording) },
                          "\(format): \(converted.map(\.path))")
            XCTAssertTrue(converted.contains { !$0.path.contains(".r1.") && $0.text.contains(newWording) }, "\(format)")
        }
        let (_, json) = try export(archive, .json, allRevisions: true)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json[0].text.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.first?["replaced_transcripts"] as? String, exported)
        XCTAssertEqual(rows.first?["transcripts"] as? String, revision2.storedPath)

        let out = try TestSupport.scratchFolder("cli").appendingPathComponent("bag")
        let cli = try TestSupport.cli(["export", "--format", "bagit", "--out", out.path, "--session", "gz-cihui", "--all-revisions"], archive: url)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertTrue(cli.stdout.contains("1 transcripts (and 1 replaced revisions)"), cli.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("data/" + exported).path))
        let validation = try TestSupport.run("python3", ["-m", "bagit", "--validate", out.path])
        XCTAssertEqual(validation.status, 0, validation.stderr)
        XCTAssertTrue(validation.stderr.contains("is valid"), validation.stderr)
        let event = try XCTUnwrap(try archive.events().last)
        XCTAssertEqual(event.kind, "export")
        let details = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(event.details.utf8)) as? [String: Any])
        XCTAssertEqual(details["all_revisions"] as? Bool, true, event.details)
    }

    func testAWithdrawnSessionsRevisionsAreInNoExportEvenWithAllRevisions() throws {
        let (archive, url) = try revisedArchive()
        let withdraw = try TestSupport.cli(["withdraw", "gz-cihui", "--reason", "the speaker withdrew consent"], archive: url)
        XCTAssertEqual(withdraw.status, 0, withdraw.stderr)
        for format in ExportRequest.Format.allCases {
            let (_, files) = try export(archive, format, allRevisions: true, sessions: [])
            XCTAssertFalse(files.isEmpty, format.rawValue)
            for file in files {
                XCTAssertFalse(file.path.contains("gz-yf-cihui") || file.text.contains("gz-yf-cihui") || file.text.contains("月亮光"),
                               "\(format): \(file.path)")
            }
        }
    }
}
