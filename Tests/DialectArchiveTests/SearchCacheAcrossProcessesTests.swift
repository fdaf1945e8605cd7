@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// What a long-running process keeps of its searches (the web server's `SearchCache`) follows
/// what other processes commit to the same PostgreSQL database, in whichever order their
/// transactions took their ids and committed.
final class SearchCacheAcrossProcessesTests: XCTestCase {
    func testAKeptTotalIsCountedAgainWhenATransactionCommitsAfterALaterOne() throws {
        let url = try TestSupport.scratchFolder().appendingPathComponent("archive")
        try Archive.create(at: url, database: .postgres(try TestPostgres.freshDatabase()))
        // Three processes' connections: one searching, two writing.
        let (searcher, first, second) = (try Archive.open(at: url), try Archive.open(at: url), try Archive.open(at: url))
        let repository = TestSupport.repository
        let sample = ["localities.csv", "speakers.csv", "sessions.csv"].map { repository.appendingPathComponent("recordings/\($0)") }
            + [repository.appendingPathComponent("transcripts")]
        XCTAssertEqual(try searcher.ingest(IngestRequest(paths: sample)).failed, [])
        let cache = SearchCache()
        func total(_ text: String) throws -> Int {
            try searcher.search(try SearchQuery(text), limit: 10, counts: .total, cache: cache, as: .anonymous).total
        }
        XCTAssertEqual(try total("甲乙"), 0)

        // The first writer's transaction takes its segment's id; the second's takes the next
        // one and commits first; only then does the first commit.
        let added = DispatchSemaphore(value: 0), commit = DispatchSemaphore(value: 0), committed = DispatchSemaphore(value: 0)
        let earlier = Locked<Result<Int64, Error>?>(nil)
        Thread.detachNewThread {
            earlier.value = Result {
                try first.store.write { db in
                    let id = try Self.addSegment("甲乙", db)
                    added.signal()
                    commit.wait()
                    return id
                }
            }
            committed.signal()
        }
        XCTAssertEqual(added.wait(timeout: .now() + 60), .success)
        let later = try second.store.write { db in try Self.addSegment("丙丁", db) }
        XCTAssertEqual(try total("丙丁"), 1)
        XCTAssertEqual(try total("甲乙"), 0, "not committed yet")
        commit.signal()
        XCTAssertEqual(committed.wait(timeout: .now() + 60), .success)
        XCTAssertLessThan(try XCTUnwrap(earlier.value).get(), later)

        XCTAssertEqual(try searcher.countHits(try SearchQuery("甲乙"), as: .anonymous), 1, "a fresh search finds it")
        XCTAssertEqual(try total("甲乙"), 1, "the kept total is counted again")
        XCTAssertEqual(try total("丙丁"), 1)
    }

    /// Adds a segment holding `text` beside the archive's first, in `db`'s transaction.
    private static func addSegment(_ text: String, _ db: StoreDatabase) throws -> Int64 {
        try XCTUnwrap(try db.value("""
            INSERT INTO segment (transcript_id, recording_id, tier, tier_index, tier_kind, tier_type, participant, speaker_id, start_ms, end_ms, text)
            SELECT transcript_id, recording_id, tier, tier_index, tier_kind, tier_type, participant, speaker_id, start_ms, end_ms, ?
            FROM segment ORDER BY id LIMIT 1 RETURNING id
            """, [text], as: Int64.self))
    }
}
