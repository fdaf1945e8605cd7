@testable import DialectArchive
import Foundation
import Transcripts
import XCTest

/// Segments a transcript places where its recording has no sound are a warning at ingest that
/// names the transcript, the tier, the first such segment and how many there are.
final class SegmentTimingTests: XCTestCase {
    func testSegmentsPastTheEndOfTheirRecordingAreAWarningNamingTierTimeAndCount() throws {
        let trip = try FieldFolder()
        try trip.tone("word.wav", seconds: 1)
        let transcript = try trip.write("word.srt", """
            1
            00:00:00,100 --> 00:00:00,600
            太阳

            2
            00:00:00,900 --> 00:00:01,030
            月亮

            3
            00:00:01,500 --> 00:00:01,900
            星星

            4
            00:00:03,000 --> 00:00:03,200
            云

            """)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(report.failed, [])
        XCTAssertEqual(report.warnings.filter { $0.file == transcript.path }.map(\.message),
                       ["tier 'subtitles': 2 segments end after the recording does (00:01.000), the first at 00:01.500–00:01.900; stored as written"])
        XCTAssertEqual(try archive.search(try SearchQuery("云")).hits.count, 1)
    }

    func testSegmentsWithinTheRecordingGiveNoWarning() throws {
        let trip = try FieldFolder()
        try trip.tone("word.wav", seconds: 1)
        let transcript = try trip.write("word.srt", "1\n00:00:00,100 --> 00:00:01,000\n太阳\n")
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(report.warnings.filter { $0.file == transcript.path }, [])
    }

    func testSegmentsEndingBeforeTheyStartAreAWarningPerTier() {
        let spans = [(0, 500), (900, 700), (1200, 1300), (2000, 1500)].map { SegmentTiming.Span(startMs: $0.0, endMs: $0.1) }
        XCTAssertEqual(SegmentTiming.warnings(tier: "汉字", spans: spans, recordingMs: nil),
                       ["tier '汉字': 2 segments end before they start, the first at 00:00.900–00:00.700; stored as written"])
        XCTAssertEqual(SegmentTiming.warnings(tier: "IPA", spans: Array(spans.prefix(2)), recordingMs: 60_000),
                       ["tier 'IPA': 1 segment ends before it starts, at 00:00.900–00:00.700; stored as written"])
    }
}
