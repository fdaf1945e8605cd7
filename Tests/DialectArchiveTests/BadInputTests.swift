import DialectArchive
import Foundation
import XCTest

/// Every kind of bad input gets one clear message naming the file (and CSV line and column)
/// and the reason; the rest of the batch is ingested; the exit code says something failed.
final class BadInputTests: XCTestCase {
    func testEmptyFileIsReported() throws {
        let trip = try FieldFolder()
        let file = try trip.write("empty.wav", "")
        XCTAssertThrowsError(try AudioAnalyzer.analyze(file)) { error in
            XCTAssertEqual(error as? AudioError, .empty(path: file.path))
            XCTAssertEqual("\(error)", "\(file.path): file is empty")
        }
    }

    func testTextFileNamedWAVIsReportedAsText() throws {
        let trip = try FieldFolder()
        let file = try trip.write("notes.wav", "Speaker arrived late; recorder battery low.\n")
        XCTAssertThrowsError(try AudioAnalyzer.analyze(file)) { error in
            XCTAssertTrue("\(error)".hasPrefix(file.path), "\(error)")
            XCTAssertTrue("\(error)".contains("not an audio file: it holds text"), "\(error)")
        }
    }

    func testWAVWhoseHeaderClaimsMoreDataThanTheFileHoldsIsTruncated() throws {
        let trip = try FieldFolder()
        let file = try trip.tone("cut.wav", seconds: 2)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 20_000)
        try handle.close()
        XCTAssertThrowsError(try AudioAnalyzer.analyze(file)) { error in
            guard case .truncated(let path, let reason)? = error as? AudioError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, file.path)
            XCTAssertTrue(reason.contains("declares 64000 bytes of audio data but the file holds only"), reason)
        }
    }

    func testTruncatedFLACIsReported() throws {
        let trip = try FieldFolder()
        let file = try trip.tone("cut.flac", seconds: 3)
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as! Int
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        XCTAssertThrowsError(try AudioAnalyzer.analyze(file)) { error in
            guard case .truncated(let path, let reason)? = error as? AudioError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, file.path)
            XCTAssertTrue(reason.contains("promises 48000 sample frames") && reason.contains("the file ends early"), reason)
        }
    }

    func testUnreadableFileIsReported() throws {
        let trip = try FieldFolder()
        let fifo = trip.url.appendingPathComponent("device.wav")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        XCTAssertThrowsError(try AudioAnalyzer.analyze(fifo)) { error in
            XCTAssertEqual("\(error)", "\(fifo.path): cannot be read: not a regular file")
        }
        if getuid() != 0 {
            let locked = try trip.tone("locked.wav")
            chmod(locked.path, 0)
            XCTAssertThrowsError(try AudioAnalyzer.analyze(locked)) { error in
                XCTAssertTrue("\(error)".contains("Permission denied"), "\(error)")
            }
        }
    }

    func testABatchWithEveryKindOfBadInputIngestsTheGoodFilesAndFails() throws {
        let trip = try FieldFolder()
        try trip.tone("good/bj-lm-cihui.wav", frequency: 300)
        try trip.tone("good/gz-qn-cihui.flac", frequency: 500)
        try trip.write("bad/empty.wav", "")
        try trip.write("bad/notes.wav", "not audio at all\n")
        let cut = try trip.tone("bad/cut.wav", frequency: 700, seconds: 2)
        try FileHandle(forWritingTo: cut).truncate(atOffset: 10_000)
        let flac = try trip.tone("bad/cut.flac", frequency: 900, seconds: 3)
        try FileHandle(forWritingTo: flac).truncate(atOffset: 4_000)
        try trip.write("localities.csv", FieldFolder.localities + "sh,上海,上海市,黄浦区,200,121.47,吴语,太湖片,苏沪嘉小片\n")
        try trip.write("speakers.csv", FieldFolder.speakers)
        try trip.write("sessions.csv", """
            id,title,date,locality,speakers,content,files
            bj-cihui,北京 老男 词汇,2024-05-06,bj,bj-lm,词汇,bj-lm-cihui.wav
            gz-cihui,广州 青女 词汇,2024-13-45,gz,gz-qn,词汇,gz-qn-cihui.flac
            xx-cihui,某地 词汇,2024-05-07,bj,nobody,词汇,

            """)
        let other = try FieldFolder("second")
        try other.write("speakers.csv", "name,sex\n李四,男\n")
        let archive = try TestSupport.scratchFolder().appendingPathComponent("archive")
        XCTAssertEqual(try TestSupport.cli(["init"], archive: archive).status, 0)
        let missing = trip.url.appendingPathComponent("no-such-folder").path
        let result = try TestSupport.cli(["ingest", trip.url.path, other.url.path, missing], archive: archive)
        XCTAssertNotEqual(result.status, 0)
        let errors = result.stderr
        let expectations = [
            "\(trip.url.path)/bad/empty.wav: file is empty",
            "\(trip.url.path)/bad/notes.wav: not an audio file: it holds text",
            "\(trip.url.path)/bad/cut.wav: file is truncated: the header declares",
            "\(trip.url.path)/bad/cut.flac: file is truncated: the FLAC file ends at byte 4000, inside its header",
            "\(trip.url.path)/localities.csv:4: column latitude: latitude 200 is out of range",
            "\(trip.url.path)/sessions.csv:3: column date: '2024-13-45' is not a date",
            "\(trip.url.path)/sessions.csv:4: column speakers: unknown speaker id 'nobody'",
            "\(other.url.path)/speakers.csv:1: the required column 'id' is missing from the header",
            "\(missing): no such file or folder",
        ]
        for expected in expectations {
            XCTAssertTrue(errors.contains("error: " + expected), "missing “\(expected)” in:\n\(errors)")
        }
        let recordings = try Archive.open(at: archive).recordings()
        XCTAssertEqual(recordings.map(\.recording.originalName).sorted(), ["bj-lm-cihui.wav", "gz-qn-cihui.flac"])
        let bj = try XCTUnwrap(recordings.first { $0.recording.originalName == "bj-lm-cihui.wav" })
        XCTAssertEqual(bj.recording.sessionId, "bj-cihui")
        XCTAssertEqual(bj.dialect, "官话 北京官话 京师小片")
        XCTAssertEqual(try Archive.open(at: archive).localities().map(\.id).sorted(), ["bj", "gz"])
        let incoming = try FileManager.default.contentsOfDirectory(atPath: archive.appendingPathComponent(".incoming").path)
        XCTAssertEqual(incoming, [])
    }
}
