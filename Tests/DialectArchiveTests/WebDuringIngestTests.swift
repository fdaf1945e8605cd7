import Foundation
import XCTest

/// The server reads the archive while an ingest in another process writes to it.
final class WebDuringIngestTests: XCTestCase {
    func testServerStartsAndAnswersEveryRequestWhileAnIngestRuns() async throws {
        let (_, archive) = try SampleArchive.ingested(#function)
        let batch = try TestSupport.scratchFolder()
        for number in 1...10 {
            try TestSupport.run("sox", ["-n", "-r", "48000", "-c", "2", "-b", "24", batch.appendingPathComponent("noise-\(number).wav").path,
                                        "synth", "30", "whitenoise", "vol", "0.\(number % 9 + 1)"])
        }
        let ingest = Process()
        ingest.executableURL = TestSupport.cli
        ingest.arguments = ["ingest", batch.path, "--archive", archive.path]
        ingest.standardOutput = FileHandle.nullDevice
        ingest.standardError = FileHandle.nullDevice
        try ingest.run()
        // Let the ingest take the database's write lock first.
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let started = Date()
        let server = try WebServerProcess(archive: archive)
        defer { server.stop() }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "serve waited for the ingest")
        XCTAssertTrue(ingest.isRunning, "the ingest ended before the server started; the batch is too small to test this")
        let query = "/api/search?q=\(WebServerProcess.encoded("光 OR 头"))"
        var answered = 0
        while ingest.isRunning {
            for path in [query, "/api/stats", "/search?q=\(WebServerProcess.encoded("月光"))"] {
                let reply = try await server.get(path)
                XCTAssertEqual(reply.status, 200, path)
                answered += 1
            }
        }
        XCTAssertTrue(TestSupport.waitForExit(ingest, seconds: 600), "the ingest did not end")
        XCTAssertEqual(ingest.terminationStatus, 0)
        XCTAssertGreaterThan(answered, 0)
        let after = try await server.get("/api/stats")
        let stats = try JSONSerialization.jsonObject(with: after.body) as! [String: Any]
        XCTAssertEqual(stats["recordings"] as? Int, 16, "the server sees what the ingest added: 10 and the sample's 8, less mx-koutou's 2, which are restricted")
    }
}
