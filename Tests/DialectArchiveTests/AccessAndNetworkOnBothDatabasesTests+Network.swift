@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// OAI-PMH answers, FCS descriptions and harvests into the union catalogue, the same on SQLite
/// and on PostgreSQL.
extension AccessAndNetworkOnBothDatabasesTests {
    private static let repository = OAIRepository(baseURL: "https://archive.example.org/oai", host: "archive.example.org", pageSize: 3)

    /// The answer to each of `requests`, its pages followed through its resumption tokens and
    /// joined; datestamps from `masking` on, which differ by when each archive was changed,
    /// shown as `changed`.
    private func oaiAnswers(_ archive: Archive, _ requests: [String], now: Date, masking: String? = nil) throws -> [String] {
        try requests.map { request in
            var answers: [String] = []
            var next: String? = request
            while let query = next {
                let answer = try archive.oai(formEncoded: query, repository: Self.repository, now: now)
                // A token is JSON whose members the encoder may write in any order: it is compared by what it leads to.
                let tokenless = answer.replacingOccurrences(of: #"resumptionToken="[^"]+""#, with: "resumptionToken", options: .regularExpression)
                    .replacingOccurrences(of: #">[^<]+</resumptionToken>"#, with: ">(token)</resumptionToken>", options: .regularExpression)
                answers.append(masking.map { Self.masked(tokenless, from: $0) } ?? tokenless)
                next = answer.range(of: #"(?<=">)[^<]+(?=</resumptionToken>)"#, options: .regularExpression)
                    .map { "verb=\(request.split(separator: "&")[0].dropFirst(5))&resumptionToken=" + String(answer[$0]) }
            }
            return answers.joined(separator: "\n")
        }
    }

    private static func masked(_ answer: String, from: String) -> String {
        var masked = answer
        for match in answer.matches(of: #/<datestamp>([^<]+)</datestamp>/#) where String(match.1) >= from {
            masked = masked.replacingOccurrences(of: String(match.0), with: "<datestamp>changed</datestamp>")
        }
        return masked
    }

    func testOAIAnswersAreTheSameOnBothDatabasesBeforeAndAfterChanges() throws {
        let both = try sample()
        let sessions = ["bj-danzi", "bj-cihui", "bj-huayu", "gz-cihui", "gz-yufa", "mx-cihui", "mx-koutou", "nowhere"]
        let requests = ["verb=Identify", "verb=ListMetadataFormats", "verb=ListSets", "verb=ListRecords&metadataPrefix=olac",
                        "verb=ListRecords&metadataPrefix=oai_dc&set=collection:sample",
                        "verb=ListIdentifiers&metadataPrefix=olac&from=2000-01-01&until=2099-12-31",
                        "verb=ListIdentifiers&metadataPrefix=olac&from=2099-01-01", "verb=ListIdentifiers&metadataPrefix=olac&until=2000-01-01T00:00:00Z",
                        "verb=ListIdentifiers&metadataPrefix=olac&set=language:yue"]
            + sessions.map { "verb=GetRecord&metadataPrefix=olac&identifier=oai:archive.example.org:\($0)" }
        let now = Date()
        let before = try both.both.map { try oaiAnswers($0.archive, requests, now: now) }
        assertSame(before[1], before[0])
        XCTAssertEqual(before[1][3].components(separatedBy: "<record>").count, 8, "the seven sessions, in pages: \(before[1][3])")
        XCTAssertTrue(before[1][3].contains("<resumptionToken completeListSize=\"7\" cursor=\"3\">"), before[1][3])
        XCTAssertTrue(before[1].joined().contains("<olac:olac"), "\(before[1])")
        XCTAssertEqual(before[1].filter { $0.contains("<header>") }.count, before[0].filter { $0.contains("<header>") }.count)
        XCTAssertEqual(before[1].filter { $0.contains(#"code="noRecordsMatch""#) }.count, 2, "\(before[1])")
        XCTAssertEqual(before[1].filter { $0.contains(#"code="idDoesNotExist""#) }.count, 1, "\(before[1])")

        Thread.sleep(forTimeInterval: 1.1)
        let changedFrom = String(CalendarDate.timestamp().prefix(19)) + "Z"
        for (_, archive) in both.both {
            try archive.setAccess(.session("bj-danzi"), AccessCondition(level: .closed, reason: "the family asked"))
            try archive.setAccess(.session("mx-koutou"), AccessCondition(level: .closed, reason: "the family asked again"))
            try archive.setAccess(.session("gz-cihui"), AccessCondition(level: .restricted, until: "2020-01-01", reason: "an embargo that ended"))
            _ = try archive.withdraw(String(try recording(of: "gz-yufa", archive)), reason: "consent withdrawn")
            _ = try archive.edit("bj-lm", ["birth_year=1953"], reason: "the birth certificate")
        }
        let later = Date()
        let changed = ["verb=ListRecords&metadataPrefix=olac", "verb=ListIdentifiers&metadataPrefix=olac&from=" + changedFrom] + requests.suffix(sessions.count)
        let after = try both.both.map { try oaiAnswers($0.archive, changed, now: later, masking: changedFrom) }
        assertSame(after[1], after[0])
        let incremental = after[1][1]
        for session in ["bj-danzi", "mx-koutou", "gz-yufa"] {
            XCTAssertNotNil(incremental.range(of: #"<header status="deleted">\s*<identifier>oai:archive.example.org:"# + session, options: .regularExpression), incremental)
        }
        XCTAssertTrue(incremental.contains("bj-huayu") && incremental.contains("gz-cihui") && !incremental.contains("mx-cihui"), incremental)
        XCTAssertTrue(after[1].contains { $0.contains("<datestamp>changed</datestamp>") } && after[1].contains { $0.contains("<datestamp>20") }, "\(after[1])")
    }

    private static let endpoint = FCSEndpoint(siteURL: "https://archive.example.org", spanURL: { "https://archive.example.org/play/\($0)/\($1)/\($2)" },
                                       collectionURL: { "https://archive.example.org/collections/\($0)" })

    func testFCSDescriptionsAndContextsAreTheSameOnBothDatabasesForEveryReader() throws {
        let both = try sample()
        for (_, archive) in both.both {
            try archive.setAccess(.session("gz-cihui"), AccessCondition(level: .closed, reason: "closed"))
            try archive.setAccess(.session("gz-yufa"), AccessCondition(level: .restricted, reason: "restricted"))
        }
        let readers: [Reader] = [.anonymous, .owner(includeRestricted: true), .account(AccountReader(name: "rita", role: .researcher, collections: ["sample"]))]
        let requests = ["operation=explain&version=2.0&x-fcs-endpoint-description=true",
                        "operation=searchRetrieve&version=2.0&query=%E8%AF%8D&x-fcs-context=nowhere"]
        let answers = try both.both.map { _, archive in
            try readers.flatMap { reader in try requests.map { try archive.fcs(formEncoded: $0, endpoint: Self.endpoint, as: reader) } }
        }
        assertSame(answers[1], answers[0])
        XCTAssertTrue(answers[1][0].contains("<ed:Language>cmn</ed:Language>") && !answers[1][0].contains("<ed:Language>yue</ed:Language>"), answers[1][0])
        XCTAssertTrue(answers[1][2].contains("<ed:Language>yue</ed:Language>"), answers[1][2])
        XCTAssertTrue(answers[1][1].contains("nowhere"), answers[1][1])
    }

    func testHarvestingAServedArchiveIntoEitherDatabaseStoresTheSameUnionCatalogue() throws {
        let both = try sample()
        let server = try WebServerProcess(archive: both.sqlite.url, arguments: ["--oai-page-size", "2"])
        defer { _ = server.stop() }
        let address = server.address.absoluteString + "/oai"
        let stories = try both.both.map { _, archive -> [String] in
            let start = try lastEvent(archive)
            let first = try archive.harvest(address)
            let catalogue = try archive.remoteSessions()
            let second = try archive.harvest(address)
            let line = { (report: HarvestReport) in
                "\(report.repositoryName) \(report.metadataPrefix) from \(report.from == nil ? "start" : "last") pages \(report.pages) records \(report.records) "
                    + "added \(report.added) changed \(report.changed) deleted \(report.deleted) unchanged \(report.unchanged)"
            }
            return [line(first), line(second)] + catalogue.map { "\($0)" } + (try events(archive, after: start)).map {
                $0.replacingOccurrences(of: address, with: "PEER")
            }
        }
        assertSame(stories[1], stories[0])
        XCTAssertTrue(stories[1][0].hasSuffix("from start pages 4 records 7 added 7 changed 0 deleted 0 unchanged 0"), stories[1][0])
        XCTAssertTrue(stories[1][1].contains("from last") && stories[1][1].contains("added 0"), stories[1][1])
        XCTAssertEqual(stories[1].filter { $0.contains("landingURL") }.count, 7, "\(stories[1])")
        XCTAssertTrue(stories[1].contains("harvest: harvested 7 records from PEER: 7 added, 0 changed, 0 deleted"), "\(stories[1])")
        XCTAssertEqual(try PostgresAuditChain.check(both.database).breaks, [])
    }
}
