import DialectArchive
@testable import DialectArchiveWeb
import Dispatch
import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

/// Slow reads of the archive do not hold the threads that serve requests.
final class WebSlowReadTests: XCTestCase {
    func testACheapPageAnswersWhileMoreSlowReadsThanCoresAreInFlight() async throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let server = WebServer(archive: archive, port: 0)
        let slowReads = ProcessInfo.processInfo.activeProcessorCount + 2
        let released = DispatchGroup()
        released.enter()
        let launched = Date()
        // Reads that keep a core busy, searching again and again until the page has answered.
        let reads = (0..<slowReads).map { _ in
            Task {
                try await server.reader.read { archive -> Int in
                    var searches = 0
                    repeat {
                        _ = try archive.search(try SearchQuery("光 OR 头"), includeRestricted: true)
                        searches += 1
                    } while released.wait(timeout: .now()) == .timedOut && Date().timeIntervalSince(launched) < 30
                    return searches
                }
            }
        }
        try await Task.sleep(nanoseconds: 500_000_000)
        let app = Application(router: server.router())
        try await app.test(.live) { client in
            try await client.execute(uri: "/static/player.js", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
            }
        }
        XCTAssertLessThan(Date().timeIntervalSince(launched), 10, "the page waited for the slow reads")
        released.leave()
        for read in reads {
            let searches = try await read.value
            XCTAssertGreaterThan(searches, 0)
        }
    }
}
