@testable import DialectArchive
import Foundation
import XCTest

/// How a harvested record is read: the same session in `oai_dc` as in `olac`, as far as plain
/// Dublin Core says it, from the answers of a real `serve`.
final class HarvestRecordTests: XCTestCase {
    func testAnOaiDcRecordGivesTheTitleDatePlaceCoordinatesAndRightsOfItsSession() async throws {
        let (_, archiveURL) = try SampleArchive.ingested(#function)
        let server = try WebServerProcess(archive: archiveURL)
        defer { server.stop() }
        let base = server.address.absoluteString + "/oai"
        let identify = try XMLElementTree.parse(try await server.get("/oai?verb=Identify").body)
        // A peer that offers plain Dublin Core only.
        let formats = try XMLElementTree.parse(Data("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListMetadataFormats><metadataFormat>
            <metadataPrefix>oai_dc</metadataPrefix><schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>
            <metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat></ListMetadataFormats></OAI-PMH>
            """.utf8))
        let peer = try OAIPeerDescription(baseURL: base, identify: (base, identify), formats: (base, formats))
        XCTAssertEqual(peer.metadataPrefix, "oai_dc")

        let answer = try await server.get("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:gz-cihui")
        let record = try XCTUnwrap(try XMLElementTree.parse(answer.body).child("GetRecord")?.child("record"))
        let session = try OAIRemoteRecord.session(record, peer: peer, url: base)
        XCTAssertEqual(session.title, "广州越秀 词汇（青女）")
        XCTAssertEqual(session.date, "2024-05-10")
        XCTAssertEqual(session.place, "广东省 广州市 越秀区 广州越秀")
        XCTAssertEqual(session.latitude ?? 0, 23.1291, accuracy: 0.0001)
        XCTAssertEqual(session.longitude ?? 0, 113.2668, accuracy: 0.0001)
        // Plain Dublin Core names the language without its code.
        XCTAssertEqual(session.languages, "粤语")
        XCTAssertEqual(session.rights, "open")
        XCTAssertEqual(session.landingURL, server.address.absoluteString + "/sessions/gz-cihui")
    }

    func testARecordWithoutIdentifierIsAnErrorNamingTheRequest() throws {
        let record = try XMLElementTree.parse(Data("""
            <record xmlns="http://www.openarchives.org/OAI/2.0/"><header><datestamp>2024-05-01T00:00:00Z</datestamp></header></record>
            """.utf8))
        let identify = try XMLElementTree.parse(Data("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><Identify><repositoryName>Peer</repositoryName>
            <granularity>YYYY-MM-DD</granularity></Identify></OAI-PMH>
            """.utf8))
        let formats = try XMLElementTree.parse(Data("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix>
            </metadataFormat></ListMetadataFormats></OAI-PMH>
            """.utf8))
        let peer = try OAIPeerDescription(baseURL: "https://peer.example.org/oai", identify: ("i", identify), formats: ("f", formats))
        // A peer that counts in days is asked `from` a day.
        XCTAssertEqual(peer.from("2024-05-01T08:30:00Z"), "2024-05-01")
        XCTAssertThrowsError(try OAIRemoteRecord.session(record, peer: peer, url: "https://peer.example.org/oai?verb=ListRecords")) { error in
            XCTAssertEqual("\(error)", "https://peer.example.org/oai?verb=ListRecords: a record of the answer has no header with an identifier and a datestamp")
        }
    }
}
