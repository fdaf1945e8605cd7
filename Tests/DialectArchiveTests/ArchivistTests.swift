@testable import DialectArchive
import Foundation
import XCTest

/// What goes in comes out unchanged, to the right people, in packages other archives accept.
final class ArchivistTests: XCTestCase {
    /// A fresh archive of the bundled sample collection (mx-koutou is a restricted session).
    private func sampleArchive(_ name: String = #function) throws -> (Archive, URL) {
        try SampleArchive.ingested(name)
    }

    func testVerifyReportsAFlippedByteADeletedFileAndAStrayFile() throws {
        let (archive, url) = try sampleArchive()
        XCTAssertTrue(try archive.verify().intact)
        let recordings = try archive.recordings().map(\.recording)
        let flipped = archive.absolute(recordings[0].storedPath)
        chmod(flipped.path, 0o644)
        var bytes = try Data(contentsOf: flipped)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: flipped)
        try FileManager.default.removeItem(at: archive.absolute(recordings[1].storedPath))
        try Data("stray".utf8).write(to: url.appendingPathComponent("recordings/sample/stray.wav"))

        let result = try TestSupport.cli(["verify", "--json"], archive: url)
        XCTAssertNotEqual(result.status, 0)
        let report = try JSONSerialization.jsonObject(with: result.output) as! [String: Any]
        let altered = report["altered"] as! [[String: Any]]
        XCTAssertEqual(altered.map { $0["path"] as? String }, [recordings[0].storedPath])
        XCTAssertEqual(altered.first?["expected_sha256"] as? String, recordings[0].sha256)
        XCTAssertEqual((report["missing"] as! [[String: Any]]).map { $0["path"] as? String }, [recordings[1].storedPath])
        XCTAssertEqual(report["unexpected"] as? [String], ["recordings/sample/stray.wav"])
        let events = try archive.events().filter { $0.kind == "verify" }
        XCTAssertEqual(events.count, 2)
        XCTAssertTrue(events.last!.summary.contains("1 missing, 1 altered, 1 unexpected"))
    }

    func testVerifySinceSkipsFilesVerifiedRecently() throws {
        let (archive, _) = try sampleArchive()
        let first = try archive.verify()
        XCTAssertEqual(first.checked, 16)
        let again = try archive.verify(since: 3600)
        XCTAssertEqual(again.checked, 0)
        XCTAssertEqual(again.skipped, 16)
    }

    func testAccessChangesAreAuditedAndLapseAfterTheirDate() throws {
        let (archive, url) = try sampleArchive()
        let result = try TestSupport.cli(["access", "set", "bj-cihui", "closed", "--until", "2099-01-01", "--reason", "consent pending"], archive: url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let event = try XCTUnwrap(archive.events().last)
        XCTAssertEqual(event.kind, "edit")
        XCTAssertEqual(event.summary, "access of session bj-cihui: open → closed until 2099-01-01")
        XCTAssertEqual(try archive.search(try SearchQuery("月亮")).total, 0)
        try archive.setAccess(.session("bj-cihui"), AccessCondition(level: .closed, until: "2001-01-01"))
        XCTAssertEqual(try archive.search(try SearchQuery("月亮")).total, 1, "a closure whose date has passed has lapsed")
    }

    func testARestrictedSessionNeverAppearsInAnyExportWithoutTheFlag() throws {
        let (archive, _) = try sampleArchive()
        let root = try TestSupport.scratchFolder()
        for format in ExportRequest.Format.allCases {
            let out = root.appendingPathComponent(format.rawValue)
            let report = try archive.export(ExportRequest(format: format, out: out, collection: "sample"))
            XCTAssertEqual(report.leftOutRestricted, 2, format.rawValue)
            let everything = try allText(in: out)
            XCTAssertFalse(everything.contains("mx-koutou"), "\(format.rawValue) export names the restricted session")
            XCTAssertFalse(everything.contains("月光光"), "\(format.rawValue) export holds restricted text")
            XCTAssertFalse(everything.contains("1955"), "\(format.rawValue) export shows the restricted speaker's birth year")
        }
        let included = try archive.export(ExportRequest(format: .csv, out: root.appendingPathComponent("all"), collection: "sample", includeRestricted: true))
        XCTAssertTrue(included.includesRestricted)
        XCTAssertTrue(try allText(in: root.appendingPathComponent("all")).contains("mx-koutou"))
        XCTAssertEqual(try archive.events().last?.summary.hasSuffix("(including restricted material)"), true)
    }

    func testBagValidatesWithTheLibraryOfCongressTool() throws {
        let (archive, _) = try sampleArchive()
        let out = try TestSupport.scratchFolder().appendingPathComponent("bag")
        _ = try archive.export(ExportRequest(format: .bagit, out: out, collection: "sample", organization: "Test Archive"))
        let result = try TestSupport.run("python3", ["-m", "bagit", "--validate", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("is valid"), result.stderr)
        let info = try String(contentsOf: out.appendingPathComponent("bag-info.txt"), encoding: .utf8)
        for field in ["Source-Organization: Test Archive", "Bagging-Date: ", "Payload-Oxum: ", "External-Description: ", "Bag-Count: 1 of 1"] {
            XCTAssertTrue(info.contains(field), field)
        }
    }

    func testROCrateLoadsAndEveryFileEntityExists() throws {
        let (archive, _) = try sampleArchive()
        let out = try TestSupport.scratchFolder().appendingPathComponent("crate")
        _ = try archive.export(ExportRequest(format: .rocrate, out: out, collection: "sample"))
        let script = """
            import os, sys
            from rocrate.rocrate import ROCrate
            crate = ROCrate(sys.argv[1])
            files = [e for e in crate.get_entities() if 'File' in (e.type if isinstance(e.type, list) else [e.type])]
            missing = [f.id for f in files if not os.path.isfile(os.path.join(sys.argv[1], f.id))]
            assert all(f.get('sha256') and f.get('contentSize') and f.get('encodingFormat') for f in files)
            print(len(files), len(missing))
            """
        let result = try TestSupport.run("python3", ["-c", script, out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "12 0")
    }

    func testOLACRecordsAreWellFormedAndUseTheOLACNamespaces() throws {
        let (archive, _) = try sampleArchive()
        let out = try TestSupport.scratchFolder().appendingPathComponent("olac")
        _ = try archive.export(ExportRequest(format: .olac, out: out, collection: "sample"))
        let script = """
            import glob, sys, xml.etree.ElementTree as ET
            OLAC = '{http://www.language-archives.org/OLAC/1.1/}'
            XSI = '{http://www.w3.org/2001/XMLSchema-instance}type'
            for path in sorted(glob.glob(sys.argv[1] + '/olac/*.xml')):
                root = ET.parse(path).getroot()
                assert root.tag == OLAC + 'olac', root.tag
                types = [e.get(XSI) for e in root]
                assert 'olac:language' in types and 'olac:role' in types, types
                print(path.split('/')[-1], root.find('{http://purl.org/dc/elements/1.1/}subject').get(OLAC + 'code'))
            """
        let result = try TestSupport.run("python3", ["-c", script, out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("gz-cihui.xml yue"), result.stdout)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 6)
    }

    func testCSVCellsCannotBecomeSpreadsheetFormulas() {
        XCTAssertEqual(RecordingTable.neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")")
        XCTAssertEqual(RecordingTable.neutralise("+1"), "'+1")
        XCTAssertEqual(RecordingTable.neutralise("-2+3"), "'-2+3")
        XCTAssertEqual(RecordingTable.neutralise("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(RecordingTable.neutralise("老男"), "老男")
    }

    func testAnExportRefusesANonEmptyFolderAndNeverWritesOutsideIt() throws {
        let (archive, _) = try sampleArchive()
        let out = try TestSupport.scratchFolder().appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: out.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try archive.export(ExportRequest(format: .csv, out: out, collection: "sample"))) { error in
            XCTAssertEqual(error as? ExportError, .targetNotEmpty(out.path))
        }
        XCTAssertNoThrow(try archive.export(ExportRequest(format: .csv, out: out, collection: "sample", force: true)))
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8), "keep me")
        let folder = try ExportFolder(out, force: true)
        XCTAssertThrowsError(try folder.url("../escape.txt"))
        XCTAssertThrowsError(try folder.url("/etc/passwd"))
    }

    private func allText(in folder: URL) throws -> String {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
        return files.compactMap { try? String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
            + files.map(\.path).joined(separator: "\n")
    }
}
