import DialectArchive
import Foundation
import XCTest

/// The union catalogue: one archive harvests another's OAI-PMH endpoint (a real `serve`) into
/// its read-only catalogue of remote sessions, incrementally, as an audit event; failures name
/// the address and store nothing.
final class HarvestTests: XCTestCase {
    /// The sample archive served with pages of two records, and an empty archive to harvest it into.
    private func peerAndHarvester(_ name: String) throws -> (server: WebServerProcess, peerURL: URL, harvester: Archive, harvesterURL: URL) {
        let (_, peerURL) = try SampleArchive.ingested(name)
        let server = try WebServerProcess(archive: peerURL, arguments: ["--oai-page-size", "2"])
        let harvesterURL = try TestSupport.scratchFolder(name + "-harvester").appendingPathComponent("archive")
        return (server, peerURL, try TestArchive.create(at: harvesterURL), harvesterURL)
    }

    func testHarvestTakesEverySessionOfAServedArchiveOverSeveralPagesInOLACWithItsPlaceLanguageAndLink() async throws {
        let (server, _, harvester, _) = try peerAndHarvester(#function)
        defer { server.stop() }
        let report = try harvester.harvest(server.address.absoluteString + "/oai")
        XCTAssertEqual(report.metadataPrefix, "olac")
        // 7 sessions in pages of 2.
        XCTAssertEqual([report.records, report.pages, report.added, report.changed, report.deleted], [7, 4, 7, 0, 0])
        XCTAssertNil(report.from)
        let sessions = try harvester.remoteSessions()
        XCTAssertEqual(sessions.count, 7)
        let gz = try XCTUnwrap(sessions.first { $0.identifier == "oai:127.0.0.1:gz-cihui" })
        XCTAssertEqual(gz.archiveName, "dialect-archive at 127.0.0.1")
        XCTAssertEqual(gz.languages, "yue")
        XCTAssertEqual(gz.collection, "sample")
        XCTAssertEqual(gz.rights, "open")
        XCTAssertNotNil(gz.title)
        XCTAssertNotNil(gz.date)
        XCTAssertNotNil(gz.place)
        XCTAssertEqual(gz.latitude ?? 0, 23.1, accuracy: 0.2)
        XCTAssertEqual(gz.longitude ?? 0, 113.3, accuracy: 0.2)
        XCTAssertEqual(gz.landingURL, server.address.absoluteString + "/sessions/gz-cihui")
        // The link leads to the session's page at the peer.
        let page = try await server.get("/sessions/gz-cihui")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains(gz.title!), page.text)
    }

    func testIncrementalHarvestTakesANewSessionThenAWithdrawalAsADeletion() throws {
        let (server, peerURL, harvester, _) = try peerAndHarvester(#function)
        defer { server.stop() }
        let endpoint = server.address.absoluteString + "/oai"
        // `from` is inclusive to the second: the sample's records must be older than the first harvest's.
        Thread.sleep(forTimeInterval: 1.1)
        let first = try harvester.harvest(endpoint)

        let folder = try TestSupport.scratchFolder(#function + "-new")
        try """
            id,title,date,locality,speakers,recorder,content,collection,access,files
            new-1,广州越秀 词汇（补录一）,2024-06-01,gz,gz-yf,黄慧敏,词汇,sample,open,

            """.write(to: folder.appendingPathComponent("sessions.csv"), atomically: true, encoding: .utf8)
        let ingest = try TestSupport.cli(["ingest", folder.path], archive: peerURL)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let second = try harvester.harvest(endpoint)
        XCTAssertEqual(second.from, first.responseDate)
        XCTAssertEqual([second.added, second.changed, second.deleted], [1, 0, 0])
        // Only what changed since the first harvest (and in its last second) is sent again.
        XCTAssertLessThan(second.records, 7)
        XCTAssertEqual(try harvester.remoteSessions().first { $0.identifier.hasSuffix(":new-1") }?.title, "广州越秀 词汇（补录一）")

        let withdraw = try TestSupport.cli(["withdraw", "gz-cihui", "--reason", "the speaker withdrew consent"], archive: peerURL)
        XCTAssertEqual(withdraw.status, 0, withdraw.stderr)
        let third = try harvester.harvest(endpoint)
        XCTAssertEqual(third.from, second.responseDate)
        XCTAssertEqual([third.added, third.deleted], [0, 1])
        let identifiers = try harvester.remoteSessions().map(\.identifier)
        XCTAssertEqual(identifiers.count, 7)
        XCTAssertFalse(identifiers.contains("oai:127.0.0.1:gz-cihui"))
        XCTAssertTrue(identifiers.contains("oai:127.0.0.1:new-1"))
    }

    func testIncrementalHarvestTakesOutASessionClosedOrWithItsRecordingWithdrawnSinceTheLastHarvest() throws {
        let (server, peerURL, harvester, _) = try peerAndHarvester(#function)
        defer { server.stop() }
        let endpoint = server.address.absoluteString + "/oai"
        Thread.sleep(forTimeInterval: 1.1)
        _ = try harvester.harvest(endpoint)
        Thread.sleep(forTimeInterval: 1.1)
        let close = try TestSupport.cli(["access", "set", "bj-danzi", "closed", "--reason", "the family asked"], archive: peerURL)
        XCTAssertEqual(close.status, 0, close.stderr)
        let recording = try XCTUnwrap(try Archive.open(at: peerURL).recordings().first { $0.recording.sessionId == "gz-yufa" }?.recording.id)
        let withdraw = try TestSupport.cli(["withdraw", String(recording), "--reason", "consent withdrawn"], archive: peerURL)
        XCTAssertEqual(withdraw.status, 0, withdraw.stderr)
        let next = try harvester.harvest(endpoint)
        XCTAssertEqual([next.records, next.added, next.changed, next.deleted], [2, 0, 0, 2])
        let identifiers = try harvester.remoteSessions().map(\.identifier)
        XCTAssertEqual(identifiers.count, 5)
        XCTAssertFalse(identifiers.contains("oai:127.0.0.1:bj-danzi") || identifiers.contains("oai:127.0.0.1:gz-yufa"), "\(identifiers)")
    }

    func testAnUnreachableAddressIsAnErrorNamingItAndStoresNothing() throws {
        let harvester = try TestArchive.create(at: try TestSupport.scratchFolder(#function).appendingPathComponent("archive"))
        // Port 9 (discard) on loopback: nothing listens there.
        XCTAssertThrowsError(try harvester.harvest("http://127.0.0.1:9/oai", timeout: 5)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("http://127.0.0.1:9/oai?verb=Identify: the peer could not be reached"), message)
        }
        XCTAssertEqual(try harvester.remoteSessions(), [])
        XCTAssertFalse(try harvester.events().contains { $0.kind == "harvest" })
    }

    func testAnAnswerThatIsNotOAIPMHIsAnErrorNamingTheAddressAndKeepsWhatWasHarvestedBefore() throws {
        let (server, _, harvester, _) = try peerAndHarvester(#function)
        defer { server.stop() }
        // The home page is HTML, the statistics JSON: neither is an OAI-PMH endpoint.
        for path in ["/", "/api/stats"] {
            XCTAssertThrowsError(try harvester.harvest(server.address.absoluteString + path)) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix(server.address.absoluteString + path + "?verb=Identify: the answer is not OAI-PMH"), message)
            }
        }
        XCTAssertThrowsError(try harvester.harvest("ftp://127.0.0.1/oai")) { error in
            XCTAssertTrue("\(error)".contains("not an OAI-PMH base URL"), "\(error)")
        }
        XCTAssertEqual(try harvester.remoteSessions(), [])
        XCTAssertFalse(try harvester.events().contains { $0.kind == "harvest" })
        // An OAI-PMH error is an error too, and what an earlier harvest stored stays.
        _ = try harvester.harvest(server.address.absoluteString + "/oai")
        XCTAssertThrowsError(try harvester.harvest(server.address.absoluteString + "/oai", set: "no such set")) { error in
            XCTAssertTrue("\(error)".contains("the peer answered with the OAI-PMH error badArgument"), "\(error)")
        }
        XCTAssertEqual(try harvester.remoteSessions().count, 7)
        XCTAssertEqual(try harvester.events().filter { $0.kind == "harvest" }.count, 1)
    }

    func testTheHarvestIsAnAuditEventWithTheAddressAndItsCounts() throws {
        let (server, _, harvester, _) = try peerAndHarvester(#function)
        defer { server.stop() }
        let endpoint = server.address.absoluteString + "/oai"
        let report = try harvester.harvest(endpoint, set: "collection:sample")
        let event = try XCTUnwrap(try harvester.events().last)
        XCTAssertEqual(event.id, report.event)
        XCTAssertEqual(event.kind, "harvest")
        XCTAssertEqual(event.summary, "harvested 7 records from \(endpoint) (set collection:sample): 7 added, 0 changed, 0 deleted")
        let details = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(event.details.utf8)) as? [String: Any])
        XCTAssertEqual(details["url"] as? String, endpoint)
        XCTAssertEqual(details["set"] as? String, "collection:sample")
        XCTAssertEqual(details["added"] as? Int, 7)
        XCTAssertEqual(details["deleted"] as? Int, 0)
        XCTAssertFalse(event.user.isEmpty)
    }

    func testListSessionsRemoteShowsEachHarvestedSessionWithItsArchiveAndAddress() throws {
        let (server, _, _, harvesterURL) = try peerAndHarvester(#function)
        defer { server.stop() }
        let harvest = try TestSupport.cli(["harvest", server.address.absoluteString + "/oai"], archive: harvesterURL)
        XCTAssertEqual(harvest.status, 0, harvest.stderr)
        XCTAssertTrue(harvest.stdout.hasPrefix("harvested 7 records of dialect-archive at 127.0.0.1 (olac, 4 pages): 7 added"), harvest.stdout)

        let table = try TestSupport.cli(["list", "sessions", "--remote"], archive: harvesterURL)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains(server.address.absoluteString + "/sessions/gz-cihui"), table.stdout)
        XCTAssertTrue(table.stdout.contains("dialect-archive at 127.0.0.1"), table.stdout)
        let json = try TestSupport.cli(["list", "sessions", "--remote", "--json"], archive: harvesterURL)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 7)
        XCTAssertTrue(rows.allSatisfy { $0["archive_base_url"] as? String == server.address.absoluteString + "/oai" })
        // The archive's own sessions are not listed as remote ones, nor remote ones as its own.
        let own = try TestSupport.cli(["list", "sessions", "--json"], archive: harvesterURL)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(own.stdout.utf8)) as? [Any])?.count, 0, own.stdout)
        let wrong = try TestSupport.cli(["list", "speakers", "--remote"], archive: harvesterURL)
        XCTAssertNotEqual(wrong.status, 0)
    }

    func testTheHomePageMapShowsTheSitesOfAHarvestedArchiveLinkedToIt() async throws {
        let (peer, _, harvester, harvesterURL) = try peerAndHarvester(#function)
        defer { peer.stop() }
        _ = try harvester.harvest(peer.address.absoluteString + "/oai")
        let server = try WebServerProcess(archive: harvesterURL)
        defer { server.stop() }
        let home = try await server.get("/")
        XCTAssertEqual(home.status, 200)
        let page = home.text
        // Three places of the peer, each with several sessions: each site links to the archive.
        let sites = page.components(separatedBy: "<a href=\"\(peer.address.absoluteString)/\"><g class=\"site remote\"").count - 1
        XCTAssertEqual(sites, 3, page)
        XCTAssertTrue(page.contains("data-archive=\"dialect-archive at 127.0.0.1\"><title>广东省 广州市 越秀区 广州越秀 · yue · dialect-archive at 127.0.0.1</title>"), page)
        XCTAssertTrue(page.contains("Sites of other archives") || page.contains("sites of other archives"), page)
        // The list of remote sessions links each to its page and to its archive.
        XCTAssertTrue(page.contains("<a class=\"remote-session\" href=\"\(peer.address.absoluteString)/sessions/gz-cihui\">"), page)
        XCTAssertTrue(page.contains("<a class=\"archive\" href=\"\(peer.address.absoluteString)/\">dialect-archive at 127.0.0.1</a>"), page)
    }
}
