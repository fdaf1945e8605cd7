import Foundation

/// What a peer says of itself in Identify and ListMetadataFormats: its name, home page, the
/// granularity of its datestamps, and the metadata format this archive harvests (olac if
/// offered, else oai_dc).
struct OAIPeerDescription {
    static let olacNamespace = "http://www.language-archives.org/OLAC/1.1/"
    static let olacArchiveNamespace = "http://www.language-archives.org/OLAC/1.1/olac-archive"

    var baseURL: String
    var name: String
    var archiveURL: String
    /// True when `from` must be a day (`YYYY-MM-DD`), not a time.
    var dayGranularity: Bool
    var metadataPrefix: String
    /// Whether the peer is a dialect-archive, whose session pages are at `/sessions/ID`.
    var isDialectArchive: Bool

    init(baseURL: String, identify: (url: String, document: XMLElementTree), formats: (url: String, document: XMLElementTree)) throws {
        let ns = OAIPeer.namespace
        let answer = identify.document.child("Identify", in: ns)!
        guard let name = answer.child("repositoryName", in: ns)?.trimmedText, !name.isEmpty,
              let granularity = answer.child("granularity", in: ns)?.trimmedText else {
            throw HarvestError(url: identify.url, reason: "the Identify answer lacks its repositoryName or granularity")
        }
        guard granularity == "YYYY-MM-DD" || granularity == "YYYY-MM-DDThh:mm:ssZ" else {
            throw HarvestError(url: identify.url, reason: "the Identify answer gives the granularity '\(granularity)', which OAI-PMH 2.0 does not define")
        }
        self.baseURL = baseURL
        self.name = name
        dayGranularity = granularity == "YYYY-MM-DD"
        let olacArchive = answer.children("description", in: ns).compactMap { $0.child("olac-archive", in: Self.olacArchiveNamespace) }.first
        // Only web addresses become links: a page must not carry a `javascript:` link from a peer.
        let stated = olacArchive?.child("archiveURL")?.trimmedText
        archiveURL = stated.flatMap { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil }
            ?? (baseURL.hasSuffix("/oai") ? String(baseURL.dropLast(3)) : baseURL)
        isDialectArchive = name.hasPrefix("dialect-archive")
        let offered = formats.document.child("ListMetadataFormats", in: ns)!.children("metadataFormat", in: ns).map {
            (prefix: $0.child("metadataPrefix", in: ns)?.trimmedText ?? "", namespace: $0.child("metadataNamespace", in: ns)?.trimmedText ?? "")
        }
        if let olac = offered.first(where: { $0.namespace == Self.olacNamespace }) {
            metadataPrefix = olac.prefix
        } else if offered.contains(where: { $0.prefix == "oai_dc" }) {
            metadataPrefix = "oai_dc"
        } else {
            throw HarvestError(url: formats.url, reason: "the peer offers neither olac nor oai_dc records (it offers \(offered.map(\.prefix).joined(separator: ", ")))")
        }
    }

    /// A harvest's `from`: the last response date, cut to the day when the peer counts in days.
    func from(_ responseDate: String) -> String {
        dayGranularity ? String(responseDate.prefix(10)) : responseDate
    }

    /// Where people read a session at the peer: an http(s) identifier of the record; else, at a
    /// dialect-archive, its session page; else the record itself, from the endpoint.
    func landingURL(identifier: String, urls: [String]) -> String {
        if let url = urls.first { return url }
        let parts = identifier.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if isDialectArchive, parts.count == 3, parts[0] == "oai", let session = parts[2].removingPercentEncoding {
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: "/;?#")
            let root = archiveURL.hasSuffix("/") ? archiveURL : archiveURL + "/"
            return root + "sessions/" + (session.addingPercentEncoding(withAllowedCharacters: allowed) ?? session)
        }
        var components = URLComponents(string: baseURL)!
        components.queryItems = [URLQueryItem(name: "verb", value: "GetRecord"), URLQueryItem(name: "metadataPrefix", value: metadataPrefix),
                                 URLQueryItem(name: "identifier", value: identifier)]
        return components.string ?? baseURL
    }
}
