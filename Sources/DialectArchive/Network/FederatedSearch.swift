import Foundation

/// Sends one query to the FCS endpoint of every peer at once, each within its time budget, and
/// gives each archive's answer in the order of the peers file. A peer that failed
/// `failuresBeforeSkip` times in a row is not asked again until `skipSeconds` have passed.
///
/// ```swift
/// let network = FederatedSearch(peers: try Peer.load(from: peersFile))
/// let answers = await network.search(FederatedQuery(try SearchQuery("太阳 OR 日头")), maximumRecords: 50)
/// ```
public actor FederatedSearch {
    public let peers: [Peer]
    public let budgetSeconds: Double
    public let failuresBeforeSkip: Int
    public let skipSeconds: Double
    private var failures: [String: Int] = [:]
    private var skippedUntil: [String: Date] = [:]

    public init(peers: [Peer], budgetSeconds: Double = 2, failuresBeforeSkip: Int = 3, skipSeconds: Double = 60) {
        self.peers = peers
        self.budgetSeconds = budgetSeconds
        self.failuresBeforeSkip = failuresBeforeSkip
        self.skipSeconds = skipSeconds
    }

    /// Asks every peer for `query` in CQL, for the hits from `startRecord` (1 for the first) on;
    /// each answer of a peer says what of the search it was not asked.
    public func search(_ query: FederatedQuery, startRecord: Int = 1, maximumRecords: Int) async -> [PeerAnswer] {
        let now = Date()
        var asked: [Peer] = []
        var answers: [String: PeerAnswer] = [:]
        for peer in peers {
            if let until = skippedUntil[peer.name], until > now {
                answers[peer.name] = PeerAnswer(name: peer.name, url: peer.url, status: .skipped, timeMs: 0,
                                                message: "failed \(failures[peer.name] ?? 0) times in a row; asked again after \(Int(until.timeIntervalSince(now).rounded(.up))) s")
            } else {
                asked.append(peer)
            }
        }
        let request = SRUSearchRetrieve(cql: query.cql, startRecord: startRecord, maximumRecords: maximumRecords)
        let budget = budgetSeconds
        await withTaskGroup(of: PeerAnswer.self) { group in
            for peer in asked {
                group.addTask { await Self.ask(peer, request, budgetSeconds: budget) }
            }
            for await answer in group { answers[answer.name] = answer }
        }
        for peer in asked { remember(answers[peer.name]!) }
        return peers.compactMap { peer in
            answers[peer.name].map { answer in
                var answer = answer
                answer.query = query.cql
                answer.leftOut = query.leftOut.isEmpty ? nil : query.leftOut
                return answer
            }
        }
    }

    private func remember(_ answer: PeerAnswer) {
        if answer.status == .ok {
            failures[answer.name] = 0
            skippedUntil[answer.name] = nil
            return
        }
        let count = (failures[answer.name] ?? 0) + 1
        failures[answer.name] = count
        if count >= failuresBeforeSkip { skippedUntil[answer.name] = Date().addingTimeInterval(skipSeconds) }
    }

    /// One peer, within its budget, so that a peer that never answers cannot hold the page.
    static func ask(_ peer: Peer, _ request: SRUSearchRetrieve, budgetSeconds: Double) async -> PeerAnswer {
        let started = Date()
        func elapsed() -> Int { Int(Date().timeIntervalSince(started) * 1000) }
        guard let url = request.url(at: peer.fcsURL) else {
            return PeerAnswer(name: peer.name, url: peer.url, status: .error, timeMs: 0, message: "'\(peer.fcsURL)' is not a usable address")
        }
        switch await PeerGet.fetch(url, seconds: budgetSeconds) {
        case .timedOut:
            return PeerAnswer(name: peer.name, url: peer.url, status: .timedOut, timeMs: elapsed())
        case .failed(let reason):
            return PeerAnswer(name: peer.name, url: peer.url, status: .unreachable, timeMs: elapsed(), message: reason)
        case .answered(_, let status) where status != 200:
            return PeerAnswer(name: peer.name, url: peer.url, status: .error, timeMs: elapsed(), message: "HTTP status \(status)")
        case .answered(let data, _):
            let reader = FCSHitsReader(archive: peer.name)
            do { try reader.read(data) } catch {
                let reason = (error as? FCSAnswerError)?.reason ?? "\(error)"
                return PeerAnswer(name: peer.name, url: peer.url, status: .error, timeMs: elapsed(), message: reason)
            }
            if !reader.diagnostics.isEmpty && reader.hits.isEmpty && !(request.startRecord > 1 && reader.onlyPastTheEnd) {
                return PeerAnswer(name: peer.name, url: peer.url, status: .error, timeMs: elapsed(), message: reader.diagnostics.joined(separator: "; "))
            }
            return PeerAnswer(name: peer.name, url: peer.url, status: .ok, timeMs: elapsed(), total: reader.total, hits: reader.hits)
        }
    }
}

/// An SRU 2.0 `searchRetrieve` request in CQL, asking for the Hits view.
struct SRUSearchRetrieve: Sendable {
    var cql: String
    var startRecord: Int
    var maximumRecords: Int

    func url(at endpoint: String) -> URL? {
        guard var components = URLComponents(string: endpoint) else { return nil }
        components.queryItems = (components.queryItems ?? []) + [
            URLQueryItem(name: "operation", value: "searchRetrieve"), URLQueryItem(name: "version", value: "2.0"),
            URLQueryItem(name: "queryType", value: "cql"), URLQueryItem(name: "query", value: cql),
            URLQueryItem(name: "startRecord", value: String(startRecord)),
            URLQueryItem(name: "maximumRecords", value: String(maximumRecords)),
        ]
        // '+' in a query value is a space to most servers; URLComponents leaves it as is.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url
    }
}
