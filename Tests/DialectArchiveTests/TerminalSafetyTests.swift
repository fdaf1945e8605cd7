@testable import DialectArchive
import Foundation
import XCTest

/// Text read from files and metadata never drives the terminal: control characters, escape
/// sequences and direction overrides are shown escaped, a newline in a file name does not
/// split a line, and `--json` still carries the exact text.
final class TerminalSafetyTests: XCTestCase {
    private let clear = "\u{1B}[2J", bell = "\u{07}", override = "\u{202E}"
    private var fileName: String { "evil\n\(clear)\(override)cr\r" }
    private var tierName: String { "tier\u{1B}[31m\(override)\(bell)" }
    private var segmentText: String { "word\(clear)\(bell)\r\(override)end\tafter" }

    func testEscapedShowsEveryControlCharacterVisibly() {
        XCTAssertEqual(TerminalText.escaped("a\u{1B}[2Jb"), "a\\e[2Jb")
        XCTAssertEqual(TerminalText.escaped("\u{0}\u{7}\t\n\r\u{7F}"), "\\x00\\x07\\t\\n\\r\\x7F")
        XCTAssertEqual(TerminalText.escaped("\u{9B}31m\u{85}"), "\\u{009B}31m\\u{0085}")
        XCTAssertEqual(TerminalText.escaped("abc\u{202E}def\u{2066}\u{2069}"), "abc\\u{202E}def\\u{2066}\\u{2069}")
        XCTAssertEqual(TerminalText.escaped("月光光 tɕi˥˧ ʔa⁵³ café \\n"), "月光光 tɕi˥˧ ʔa⁵³ café \\n", "ordinary text is left as it is")
    }

    func testJSONOutputEscapesDirectionOverridesAndC1ControlsButKeepsTheText() throws {
        let text = "a\u{202E}b\u{9B}c\u{7F}d\u{1B}e\n"
        let json = try JSONOutput.string(["text": text])
        XCTAssertFalse(json.unicodeScalars.contains { [0x202E, 0x9B, 0x7F, 0x1B].contains($0.value) }, json)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        XCTAssertEqual(decoded?["text"], text)
    }

    func testATextFileNamedWAVIsReportedWithoutItsControlBytes() throws {
        let trip = try FieldFolder()
        let file = trip.url.appendingPathComponent("notes.wav")
        try Data("hi\u{0}there\u{1B}[2J\u{7} more".utf8).write(to: file)
        XCTAssertThrowsError(try AudioAnalyzer.analyze(file)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("it holds text (starts with \"hi\\x00there\\e[2J\\x07 more\")"), message)
            XCTAssertFalse(message.unicodeScalars.contains { $0.value < 0x20 }, message)
        }
    }

    func testNoCommandLetsTextFromFilesDriveTheTerminal() throws {
        let trip = try FieldFolder()
        let folder = trip.url.appendingPathComponent("visit\(clear)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let wav = folder.appendingPathComponent(fileName + ".wav")
        try TestSupport.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=2:sample_rate=16000", wav.path])
        try TestSupport.oneIntervalTextGrid(tier: tierName, text: segmentText).write(to: folder.appendingPathComponent(fileName + ".TextGrid"), atomically: true, encoding: .utf8)
        try Data("id,name,sex,role,occupation\nsp1,Name\u{1B}[31m\(override),f,老女,farmer\(bell)\n".utf8).write(to: folder.appendingPathComponent("speakers.csv"))
        try Data("not audio\u{0}\(clear)".utf8).write(to: folder.appendingPathComponent("fake\(bell).wav"))
        let archive = try TestSupport.scratchFolder().appendingPathComponent("archive")
        _ = try TestArchive.create(at: archive)

        var outputs: [(String, TestSupport.Result)] = []
        func run(_ arguments: [String]) throws { outputs.append((arguments.joined(separator: " "), try TestSupport.cli(arguments, archive: archive))) }
        try run(["ingest", folder.path])
        try Data("stray".utf8).write(to: archive.appendingPathComponent("recordings/stray\(clear)\n.wav"))
        let session = "visit\(clear)"
        for command in [["list", "recordings"], ["list", "sessions"], ["list", "speakers"], ["show", "1"], ["show", session], ["show", "sp1"],
                        ["search", "word"], ["search", "word", "--tier", tierName], ["compare", "word"], ["identify", wav.path],
                        ["verify"], ["log"], ["inspect", folder.appendingPathComponent(fileName + ".TextGrid").path],
                        ["inspect", wav.path], ["show", "no\(clear)such"]] {
            try run(command)
        }
        for (command, result) in outputs {
            for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                let bad = text.unicodeScalars.filter { [0x1B, 0x07, 0x00, 0x0D, 0x202E, 0x9B].contains($0.value) }
                XCTAssertEqual(bad.map(\.value), [], "\(command) \(stream): \(text)")
            }
            for line in (result.stdout + result.stderr).split(separator: "\n") where line.contains("evil") {
                XCTAssertTrue(line.contains("evil\\n\\e[2J\\u{202E}cr\\r."), "\(command): the file name is cut: \(line)")
            }
        }
        let all = outputs.map { $0.1.stdout + $0.1.stderr }.joined()
        XCTAssertTrue(all.contains("word\\e[2J\\x07\\r\\u{202E}end\\tafter"), all)
        XCTAssertTrue(all.contains("tier\\e[31m\\u{202E}\\x07"), all)
        XCTAssertTrue(all.contains("Name\\e[31m\\u{202E}"), all)
        XCTAssertTrue(all.contains("occupation farmer\\x07"), all)
        XCTAssertTrue(all.contains("UNEXPECTED  recordings/stray\\e[2J\\n.wav"), all)
        XCTAssertTrue(all.contains("fake\\x07.wav: not an audio file: it holds text (starts with \"not audio\\x00\\e[2J\")"), all)

        let json = try TestSupport.cli(["search", "word", "--json"], archive: archive)
        let hit = try XCTUnwrap(((try JSONSerialization.jsonObject(with: json.output) as? [String: Any])?["hits"] as? [[String: Any]])?.first)
        XCTAssertEqual(hit["text"] as? String, segmentText)
        XCTAssertEqual(hit["tier"] as? String, tierName)
        XCTAssertEqual(hit["recording_file"] as? String, fileName + ".wav")
        XCTAssertEqual(hit["session_id"] as? String, session)
    }
}
