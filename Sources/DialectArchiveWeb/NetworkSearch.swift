import DialectArchive
import Foundation

/// A search across the network: this archive's own hits first, then each peer's answer over
/// FCS, grouped by archive and never merged, since one archive's scores mean nothing in another.
struct NetworkSearch {
    let reader: ArchiveReader
    let network: FederatedSearch
    /// The name this archive's own group carries in JSON.
    static let ownName = "this archive"

    func run(_ search: SearchRequest, root: String) async throws -> NetworkSearchResult {
        let asking = Visitor.current.reader
        // FCS has no filters: the peers are asked the query alone, and their status lines say so.
        let query = FederatedQuery(search.query, leftOut: search.filtersGiven)
        async let peers = network.search(query, startRecord: search.offset + 1, maximumRecords: search.limit)
        let started = Date()
        let own = try await reader.read { try search.run(on: $0, as: asking, cache: reader.searchCache) }
        let ownAnswer = PeerAnswer(
            name: Self.ownName, url: root, status: .ok, timeMs: Int(Date().timeIntervalSince(started) * 1000), total: own.total,
            hits: own.hits.map { hit in
                PeerHit(archive: Self.ownName, text: hit.text, highlights: hit.highlights,
                        link: hit.recordingId.map { root + Links.recording($0, startMs: hit.startMs, endMs: hit.endMs) })
            })
        return NetworkSearchResult(archives: [ownAnswer] + (await peers))
    }

    /// The page's view of the answers: one group per archive with its status line.
    static func view(_ result: NetworkSearchResult, _ t: [String: String]) -> [[String: Any]] {
        result.archives.map { answer in
            let own = answer.name == ownName
            var line: String
            switch answer.status {
            case .ok: line = "\(answer.total) \(answer.total == 1 ? t["hitsOne"]! : t["hitsMany"]!) · \(answer.timeMs) ms"
            case .timedOut: line = t["peerTimedOut"]! + " (\(answer.timeMs) ms)"
            case .unreachable: line = t["peerUnreachable"]!
            case .error: line = t["peerError"]! + (answer.message.map { ": " + $0 } ?? "")
            case .skipped: line = t["peerSkipped"]!
            }
            if let leftOut = answer.leftOut { line += " · " + t["peerLeftOut"]! + leftOut.joined(separator: ", ") }
            return [
                "name": own ? t["thisArchive"]! : answer.name, "url": answer.url, "status": answer.status.rawValue,
                "statusLine": line,
                "hits": answer.hits.map { hit -> [String: Any] in
                    ["archive": own ? t["thisArchive"]! : hit.archive, "link": hit.link ?? "",
                     "pieces": SearchPage.pieces(text: hit.text, highlights: hit.highlights)]
                },
            ] as [String: Any]
        }
    }
}

/// The answer of `/api/search?scope=network`.
struct NetworkSearchResult: Codable {
    var archives: [PeerAnswer]
}
