import Foundation
import XCTest
@testable import Transcripts

/// Thousands of damaged variants of the corpus files, made by a seeded generator so
/// that any failure can be replayed: every reader must either read them or throw a
/// `TranscriptError`: no trap (overflow, index out of range), no hang, no other error.
/// Whatever reads must also hold the model's promises and survive being written.
final class FuzzTests: XCTestCase {
    func testMutatedELANFilesOnlyEverGiveTranscriptErrors() throws {
        try fuzz(.eaf, variants: 3000, seed: 0xEAF, tokens: ["<", ">", "/>", "\"", "&", "&amp;", "&#x0;", "&#99999999;",
            "<!DOCTYPE a [<!ENTITY b \"c\">]>", "<![CDATA[", "]]>", "<!--", "TIME_VALUE=\"", "TIME_SLOT_REF1=\"ts1\"",
            "ANNOTATION_REF=\"a1\"", "PREVIOUS_ANNOTATION=\"a2\"", "99999999999999999999", "-1", "</TIER>",
            "<TIER TIER_ID=\"x\">", "<REF_ANNOTATION ANNOTATION_ID=\"a1\" ANNOTATION_REF=\"a1\">", "TIME_ORIGIN=\"-9223372036854775808\""])
    }

    func testELANFilesWithWellFormedButWrongValuesOnlyEverGiveTranscriptErrors() throws {
        // Ids, references and times swapped and renumbered inside intact XML: this
        // reaches the time-slot, reference and subdivision logic behind the parser.
        try fuzz(.eaf, variants: 1500, seed: 0xEAF2, tokens: [], keepSyntax: true)
    }

    func testMutatedTextGridsOnlyEverGiveTranscriptErrors() throws {
        try fuzz(.textgrid, variants: 3000, seed: 0x7E47, tokens: ["\"", "\"\"", "<exists>", "<absent>", "[", "]", "!",
            "1e308", "-1e308", "99999999999999999999", "9223372036854775807", "-0", "1e-400", ".", "-", "\"TextTier\"",
            "\"IntervalTier\"", "size = 999999999", "\n", "\u{0}"])
    }

    func testMutatedSubtitlesOnlyEverGiveTranscriptErrors() throws {
        try fuzz(.vtt, variants: 2000, seed: 0x777, tokens: ["-->", " --> ", "\n\n", "\n", "WEBVTT", "NOTE", "STYLE",
            "99999999999:00:00.000", "00:00:00.000", "00:59.999", ".", ",", ":", "\u{FEFF}", "\r"])
        try fuzz(.srt, variants: 1500, seed: 0x5A7, tokens: ["-->", "\n\n", "\n", "1", "00:00:00,000", "99999999:59:59,999",
            ",", ":", "\r\n"])
    }

    // MARK: - Generator

    private func fuzz(_ format: Transcript.Format, variants: Int, seed: UInt64, tokens: [String], keepSyntax: Bool = false) throws {
        // Small files only, so that thousands of variants stay fast in a debug build.
        let seeds = try Fixtures.corpusTranscripts(format)
            .map { try Array(Data(contentsOf: $0)) }
            .filter { $0.count <= 80_000 }
        XCTAssertFalse(seeds.isEmpty)
        let tokens = tokens.map { Array($0.utf8) }
        var random = SplitMix64(seed: seed)
        var read = 0
        for variant in 0..<variants {
            var bytes = seeds[Int(random.next() % UInt64(seeds.count))]
            for _ in 0...(random.next() % 4) {
                mutate(&bytes, tokens: tokens, keepSyntax: keepSyntax, random: &random)
            }
            do {
                let transcript = try Transcript.read(data: Data(bytes), format: format, fileName: "variant-\(variant)")
                read += 1
                checkInvariants(transcript, variant: variant)
                do {
                    _ = try transcript.data(as: format)
                } catch is TranscriptError {
                } catch {
                    XCTFail("variant \(variant): writing threw \(type(of: error)): \(error)")
                }
            } catch let error as TranscriptError {
                XCTAssertEqual(error.file, "variant-\(variant)")
                XCTAssertFalse(error.reason.isEmpty)
                if let line = error.line { XCTAssertGreaterThanOrEqual(line, 1) }
            } catch {
                XCTFail("variant \(variant) of \(format): \(type(of: error)) escaped: \(error)")
            }
        }
        // Many variants are still readable: the mutations reach past the first check.
        XCTAssertGreaterThan(read, variants / 20, "\(format): only \(read) of \(variants) variants were readable")
    }

    private func checkInvariants(_ transcript: Transcript, variant: Int) {
        for tier in transcript.tiers {
            for (a, b) in zip(tier.annotations, tier.annotations.dropFirst()) where a.startMs > b.startMs {
                XCTFail("variant \(variant): tier \(tier.name) is not in time order")
                return
            }
            if let bad = tier.annotations.first(where: { $0.endMs < $0.startMs }) {
                XCTFail("variant \(variant): tier \(tier.name) has \(bad) ending before it starts")
                return
            }
        }
    }

    private func mutate(_ bytes: inout [UInt8], tokens: [[UInt8]], keepSyntax: Bool, random: inout SplitMix64) {
        guard !bytes.isEmpty, !tokens.isEmpty || keepSyntax else {
            bytes = tokens[Int(random.next() % UInt64(tokens.count))]
            return
        }
        let position = Int(random.next() % UInt64(bytes.count))
        let length = min(bytes.count - position, Int(random.next() % 64) + 1)
        switch keepSyntax ? 6 + random.next() % 4 : random.next() % 10 {
        case 0:
            bytes[position] ^= UInt8(truncatingIfNeeded: 1 << (random.next() % 8))
        case 1:
            bytes[position] = UInt8(truncatingIfNeeded: random.next())
        case 2:
            bytes.removeSubrange(position...)
        case 3:
            bytes.insert(contentsOf: bytes[position..<(position + length)], at: Int(random.next() % UInt64(bytes.count)))
        case 4:
            bytes.removeSubrange(position..<(position + length))
        case 5:
            bytes.insert(contentsOf: tokens[Int(random.next() % UInt64(tokens.count))], at: position)
        case 6, 7:
            // Replace a run of digits, where times, counts and ids live.
            if let digit = bytes[position...].firstIndex(where: { (0x30...0x39).contains($0) }) {
                let end = bytes[digit...].firstIndex(where: { !(0x30...0x39).contains($0) }) ?? bytes.count
                let value = random.next() % 3 == 0 ? random.next() >> (random.next() % 64) : random.next() % 40
                bytes.replaceSubrange(digit..<end, with: Array(String(value).utf8))
            }
        default:
            // Put one quoted value where another was (an id, a reference, a label),
            // which keeps the syntax and tests what lies behind it.
            let other = Int(random.next() % UInt64(bytes.count))
            if let target = quoted(in: bytes, from: position), let source = quoted(in: bytes, from: other) {
                bytes.replaceSubrange(target, with: Array(bytes[source]))
            }
        }
    }
}

/// The inside of the first double-quoted run at or after `start`.
private func quoted(in bytes: [UInt8], from start: Int) -> Range<Int>? {
    guard let open = bytes[start...].firstIndex(of: UInt8(ascii: "\"")),
          let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
    return (open + 1)..<close
}

/// A small, fast, seedable generator (Steele, Lea & Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
