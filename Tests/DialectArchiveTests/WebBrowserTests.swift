import Foundation
import XCTest

/// A real browser on the pages: headless Chromium driven by Python's selenium
/// (scripts/browser_test.py) searches, plays a hit and its span in the recording, compares a
/// word across localities and narrows the comparison from the map, and saves a
/// screenshot of each page under $TMPDIR/dialect-archive-browser.
final class WebBrowserTests: XCTestCase {
    func testBrowserSearchesPlaysAHitsSpanOpensItInItsRecordingAndComparesAWordAcrossSites() throws {
        let (_, archiveURL) = try SampleArchive.ingested("WebBrowserTests")
        let server = try WebServerProcess(archive: archiveURL)
        defer { server.stop() }
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("dialect-archive-browser")
        let script = TestSupport.repository.appendingPathComponent("scripts/browser_test.py")
        let result = try TestSupport.run("python3", [script.path, server.address.absoluteString, "光 OR 头", screenshots.path, "风"])
        XCTAssertEqual(result.status, 0, result.stderr + result.stdout)
        for name in ["search.png", "search-playing.png", "recording-playing.png", "recording.png", "recording-zh.png", "search-facet.png",
                     "home.png", "compare.png", "compare-narrowed.png", "locality.png", "session.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: screenshots.appendingPathComponent(name).path), name)
        }
    }
}
