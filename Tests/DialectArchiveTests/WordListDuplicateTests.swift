@testable import DialectArchive
import Foundation
import XCTest

/// A word list read by one speaker, a short file per word: different words are never taken for
/// one another, the same word re-encoded or cut from a longer recording still is, and files that
/// all begin with the same spoken prompt get one duplicate warning each.
final class WordListDuplicateTests: XCTestCase {
    /// Words of two syllables in pinyin. Many begin or end with the same syllable, which espeak-ng
    /// speaks alike every time, as a speaker reading a survey list says 天 in 天地 and 天上; and
    /// some pairs differ in one consonant only (niao3xin1, niao3jin1), which leaves all of
    /// their voiced sound, where the landmarks are, the same.
    private static let words: [String] = {
        let syllables = ["ma1", "ba3", "di4", "tian1", "shan1", "shui3", "huo3", "mu4", "jin1", "tu3"]
        return syllables.flatMap { first in syllables.filter { $0 != first }.map { first + $0 } }
            + ["niao3xin1", "niao3jin1", "niao3xiong1", "gou3niao3", "kou3niao3", "xiao3xin1", "xiao3jin1", "dan4shang4", "fan4shang4",
               "gou3nan2", "kou3nan2", "duo1xin1", "duo1jin1", "xue3xin1", "niao3bei3", "niao3gou3"]
    }()

    /// A numbered list: every item says the same prompt (some three seconds) before its word.
    private func numberedList(_ count: Int, into folder: URL) throws -> [URL] {
        let scratch = try TestSupport.scratchFolder()
        let prompt = scratch.appendingPathComponent("prompt.wav")
        XCTAssertEqual(try TestSupport.run("espeak-ng", ["-v", "cmn-latn-pinyin", "-s", "160", "-w", prompt.path,
                                                          "qing3 ni3 yong4 jia1 xiang1 hua4 shuo1 xia4 mian4 zhe4 ge4 ci2"]).status, 0)
        let words = try speak(Array(Self.words.prefix(count)), into: scratch)
        return try words.enumerated().map { index, word in
            let file = folder.appendingPathComponent(String(format: "item-%02d.wav", index + 1))
            XCTAssertEqual(try TestSupport.run("sox", [prompt.path, word.path, file.path]).status, 0)
            return file
        }
    }

    /// Reads each word into `folder` as `word-NN.wav` (22.05 kHz mono, about half a second).
    private func speak(_ words: [String], into folder: URL) throws -> [URL] {
        try words.enumerated().map { index, word in
            let url = folder.appendingPathComponent(String(format: "word-%02d.wav", index + 1))
            let result = try TestSupport.run("espeak-ng", ["-v", "cmn-latn-pinyin", "-s", "230", "-w", url.path, word])
            XCTAssertEqual(result.status, 0, result.stderr)
            return url
        }
    }

    private func confidentMatches(_ warnings: [IngestReport.Warning]) -> [IngestReport.Warning] {
        warnings.filter { $0.message.contains("(likely)") || $0.message.contains("(certain)") }
    }

    func testDifferentShortWordsOfOneVoiceAreNeitherWarnedAboutNorGrouped() throws {
        let folder = try TestSupport.scratchFolder()
        _ = try speak(Self.words, into: folder)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [folder]))
        XCTAssertEqual(report.failed, [])
        XCTAssertEqual(report.added.count, Self.words.count)
        XCTAssertEqual(confidentMatches(report.warnings).map { "\($0.file): \($0.message)" }, [])
        XCTAssertEqual(try archive.duplicates().map { "\($0.kind): \($0.members.map(\.file))" }, [])
    }

    func testAWordReEncodedAsMP3IsStillItsOwnTopMatchAndAnItemWithItsPromptIsTheSameAudio() throws {
        let folder = try TestSupport.scratchFolder()
        let files = try speak(Array(Self.words.prefix(12)), into: folder)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [folder])).failed, [])
        // Half a second of sound is too little to tell the word from another that differs in a
        // consonant, so it is found first but only as possible.
        let word = try TestSupport.scratchFolder().appendingPathComponent("word-03.mp3")
        try TestSupport.ffmpeg(["-i", files[2].path, "-c:a", "libmp3lame", "-b:a", "64k", word.path])
        XCTAssertEqual(try archive.identify(word).first?.recordingFile, "word-03.wav")

        // The word said after its prompt, re-encoded, is the same audio.
        let items = try TestSupport.scratchFolder()
        let item = try numberedList(1, into: items)[0]
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [item])).failed, [])
        let mp3 = try TestSupport.scratchFolder().appendingPathComponent("item-01.mp3")
        try TestSupport.ffmpeg(["-i", item.path, "-c:a", "libmp3lame", "-b:a", "64k", mp3.path])
        let top = try XCTUnwrap(try archive.identify(mp3).first)
        XCTAssertEqual(top.recordingFile, "item-01.wav")
        XCTAssertEqual(top.confidence, "certain")
        let report = try archive.ingest(IngestRequest(paths: [mp3]))
        let warnings = confidentMatches(report.warnings)
        XCTAssertEqual(warnings.count, 1, "\(report.warnings)")
        XCTAssertTrue(warnings.first?.message.hasPrefix("same audio as recording 13 (item-01.wav), re-encoded") ?? false, "\(warnings)")
        let groups = try archive.duplicates().filter { $0.kind == .sameAudio }
        XCTAssertEqual(groups.map { $0.members.map(\.file).sorted() }, [["item-01.mp3", "item-01.wav"]])
    }

    func testWordsCutFromTheSessionRecordingAreFoundAsAnExcerpt() throws {
        // The session: ten words with a third of a second of silence after each, as one file.
        let folder = try TestSupport.scratchFolder()
        let files = try speak(Array(Self.words.prefix(10)), into: folder)
        let session = try TestSupport.scratchFolder().appendingPathComponent("session.wav")
        let pause = folder.appendingPathComponent("pause.raw.wav")
        XCTAssertEqual(try TestSupport.run("sox", ["-n", "-r", "22050", "-c", "1", "-b", "16", pause.path, "trim", "0", "0.333"]).status, 0)
        XCTAssertEqual(try TestSupport.run("sox", files.flatMap { [$0.path, pause.path] } + [session.path]).status, 0)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [session])).failed, [])

        // The seventh to the ninth word, cut from the session and saved as MP3.
        func seconds(_ file: URL) throws -> Double { Double(try AudioAnalyzer.analyze(file).durationMs) / 1000 }
        let starts = try files.indices.map { index in try files.prefix(index).reduce(0) { $0 + (try seconds($1)) + 0.333 } }
        func cut(_ name: String, from start: Double, seconds length: Double) throws -> URL {
            let url = try TestSupport.scratchFolder().appendingPathComponent(name)
            try TestSupport.ffmpeg(["-ss", String(format: "%.3f", start), "-t", String(format: "%.3f", length), "-i", session.path,
                                    "-c:a", "libmp3lame", "-b:a", "64k", url.path])
            return url
        }
        let words = try cut("words-07-09.mp3", from: starts[6], seconds: starts[9] - starts[6])
        let top = try XCTUnwrap(try archive.identify(words).first)
        XCTAssertEqual(top.recordingFile, "session.wav")
        XCTAssertNotEqual(top.confidence, "possible")
        XCTAssertEqual(Double(top.offsetMs), starts[6] * 1000, accuracy: 25)
        let report = try archive.ingest(IngestRequest(paths: [words]))
        XCTAssertTrue(report.warnings.contains { $0.message.hasPrefix("an excerpt of recording 1 (session.wav)") }, "\(report.warnings)")
    }

    func testFilesThatBeginWithTheSameSpokenPromptGetOneDuplicateWarningEach() throws {
        let folder = try TestSupport.scratchFolder()
        let words = try numberedList(12, into: folder)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [folder]))
        XCTAssertEqual(report.failed, [])
        let warnings = confidentMatches(report.warnings)
        let perFile = Dictionary(grouping: warnings, by: \.file)
        XCTAssertEqual(perFile.filter { $0.value.count > 1 }.map(\.key), [])
        // Each file after the first names the ones stored before it: the last of twelve, eleven,
        // five of them described and the rest counted.
        XCTAssertEqual(perFile.count, words.count - 1, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.message.hasPrefix("matches 11 archived recordings: ") && $0.message.hasSuffix("; and 6 more") },
                      "\(warnings)")
    }

    private func match(_ id: Int64, _ confidence: String, aligned: Int) -> AudioMatch {
        AudioMatch(recordingId: id, recordingFile: "item-\(id).wav", sessionId: "s", recordingDurationMs: 3000, offsetMs: 0,
                   queryStartMs: 0, queryEndMs: 3000, recordingStartMs: 0, recordingEndMs: 3000, alignedHashes: aligned,
                   queryHashes: 200, score: 0.5, confidence: confidence)
    }

    func testADuplicateWarningNamesTheSurestMatchesFirstAndCountsTheRest() throws {
        let matches = [match(1, "likely", aligned: 90), match(2, "certain", aligned: 40), match(3, "likely", aligned: 20),
                       match(4, "certain", aligned: 80), match(5, "likely", aligned: 50), match(6, "likely", aligned: 30),
                       match(7, "likely", aligned: 25)]
        let warning = try XCTUnwrap(DuplicateKind.describe(matches, newDurationMs: 3000))
        XCTAssertTrue(warning.hasPrefix("matches 7 archived recordings: same audio as recording 4 (item-4.wav), re-encoded (certain); "
                                        + "same audio as recording 2 (item-2.wav), re-encoded (certain); "
                                        + "same audio as recording 1 (item-1.wav), re-encoded (likely); "), warning)
        XCTAssertTrue(warning.hasSuffix("recording 6 (item-6.wav), re-encoded (likely); and 2 more"), warning)
        XCTAssertEqual(DuplicateKind.describe([match(2, "likely", aligned: 40)], newDurationMs: 3000),
                       "same audio as recording 2 (item-2.wav), re-encoded (likely)")
        XCTAssertNil(DuplicateKind.describe([], newDurationMs: 3000))
    }
}
