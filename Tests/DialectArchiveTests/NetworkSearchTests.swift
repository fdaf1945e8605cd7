import DialectArchive
import Foundation
import XCTest

/// `serve --peers`: the peers file names each archive of the network and its address.
final class NetworkSearchTests: XCTestCase {
    func testAPeersFileEntryWithoutAnAddressIsAnErrorNamingTheFileAndTheEntry() throws {
        let file = try TestSupport.scratchFolder().appendingPathComponent("peers.json")
        try Data(#"[{"name": "A", "url": "http://a.example.org"}, {"name": "B", "url": "ftp://b"}]"#.utf8).write(to: file)
        XCTAssertThrowsError(try Peer.load(from: file)) { error in
            XCTAssertEqual("\(error)", file.path + ": entry 2 (B) has no \"url\" that is an http or https address")
        }
        try Data(#"{"name": "A"}"#.utf8).write(to: file)
        XCTAssertThrowsError(try Peer.load(from: file)) { XCTAssertTrue("\($0)".hasPrefix(file.path + ": it is not a JSON list")) }
        try Data(#"[{"name": "A", "url": "http://a.example.org/"}]"#.utf8).write(to: file)
        XCTAssertEqual(try Peer.load(from: file), [Peer(name: "A", url: "http://a.example.org", fcsURL: "http://a.example.org/fcs")])
    }
}
