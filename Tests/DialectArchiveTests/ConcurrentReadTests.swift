import DialectArchive
import Dispatch
import Foundation
import XCTest

/// The archive called from async code, as a server calls it: `perform` runs each verb on a
/// thread of its own, so many tasks read at once, beside an ingest in another process.
final class ConcurrentReadTests: XCTestCase {
    func testReadsFromMoreTasksThanCoresRunAtOnceOffTheTasksThreads() async throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        // More reads than the threads Swift concurrency shares among all tasks: they can all
        // meet only if none of them holds one of those threads while it waits.
        let parties = ProcessInfo.processInfo.activeProcessorCount + 2
        let meeting = DispatchGroup()
        for _ in 0..<parties { meeting.enter() }
        let met = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for _ in 0..<parties {
                group.addTask {
                    try await archive.perform { archive in
                        let total = try archive.search(try SearchQuery("月光"), includeRestricted: true).total
                        meeting.leave()
                        return (total, meeting.wait(timeout: .now() + 20) == .success)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(met.count, parties)
        XCTAssertTrue(met.allSatisfy { $0.1 }, "the reads did not all run at once")
        XCTAssertEqual(Set(met.map(\.0)).count, 1)
        XCTAssertGreaterThan(met[0].0, 0)
    }

    func testManyConcurrentSearchesCompleteWhileAnotherProcessIngests() async throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        let query = try SearchQuery("光 OR 头")
        let expected = try archive.search(query, limit: 500, includeRestricted: true).hits.map(\.segmentId)
        XCTAssertGreaterThan(expected.count, 2)
        let batch = try TestSupport.scratchFolder()
        for number in 1...4 {
            try TestSupport.run("sox", ["-n", "-r", "48000", "-c", "2", "-b", "24", batch.appendingPathComponent("noise-\(number).wav").path,
                                        "synth", "30", "whitenoise", "vol", "0.\(number % 9 + 1)"])
        }
        let ingest = Process()
        ingest.executableURL = TestSupport.cli
        ingest.arguments = ["ingest", batch.path, "--archive", url.path]
        ingest.standardOutput = FileHandle.nullDevice
        ingest.standardError = FileHandle.nullDevice
        try ingest.run()
        // Let the ingest take the database's write lock first.
        try await Task.sleep(nanoseconds: 1_000_000_000)
        var roundsDuringIngest = 0
        while ingest.isRunning {
            let found = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        try await archive.perform { try $0.search(query, limit: 500, includeRestricted: true).hits.map(\.segmentId) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(found.count, 32)
            XCTAssertTrue(found.allSatisfy { $0 == expected }, "a search during the ingest found other hits")
            if ingest.isRunning { roundsDuringIngest += 1 }
        }
        XCTAssertTrue(TestSupport.waitForExit(ingest, seconds: 600), "the ingest did not end")
        XCTAssertEqual(ingest.terminationStatus, 0)
        XCTAssertGreaterThan(roundsDuringIngest, 0, "the ingest ended before a round of searches did; the batch is too small to test this")
        let recordings = try await archive.perform { try $0.stats(includeRestricted: true).recordings }
        XCTAssertEqual(recordings, 12, "reads after the ingest see what it added")
    }
}
