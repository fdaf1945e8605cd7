/// What one archive of the network answered to a federated search: its hits in its own order
/// (scores are not compared across archives) and how the asking went.
public struct PeerAnswer: Codable, Sendable, Equatable {
    /// How the asking went, in the words the status line uses.
    public enum Status: String, Codable, Sendable {
        case ok
        case timedOut = "timed out"
        case unreachable
        case error
        /// Not asked: it failed too often in a row, and is left alone for a while.
        case skipped
    }

    public var name: String
    public var url: String
    public var status: Status
    public var timeMs: Int
    /// How many hits the archive has in all (it sends at most the number asked for).
    public var total: Int
    public var hits: [PeerHit]
    /// The archive's own words for an error (SRU diagnostics, HTTP status), or why it is skipped.
    public var message: String?
    /// The CQL query the archive was asked; nil for the asking archive's own answer.
    public var query: String?
    /// What of the search the archive was not asked, CQL having no way to say it (`locality=gz`).
    public var leftOut: [String]?

    public init(name: String, url: String, status: Status, timeMs: Int, total: Int = 0, hits: [PeerHit] = [], message: String? = nil) {
        self.name = name
        self.url = url
        self.status = status
        self.timeMs = timeMs
        self.total = total
        self.hits = hits
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case name, url, status, timeMs = "time_ms", total, hits, message, query, leftOut = "left_out"
    }
}

/// One hit from an archive of the network: the text with its matches (Unicode scalar offsets,
/// as a local search gives them), the archive it comes from, and the link that plays it there.
public struct PeerHit: Codable, Sendable, Equatable {
    public var archive: String
    public var text: String
    public var highlights: [[Int]]
    public var link: String?

    public init(archive: String, text: String, highlights: [[Int]], link: String?) {
        self.archive = archive
        self.text = text
        self.highlights = highlights
        self.link = link
    }
}
