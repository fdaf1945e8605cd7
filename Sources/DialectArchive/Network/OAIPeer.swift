import Foundation

/// A peer archive's OAI-PMH endpoint, as a harvester asks it: one GET per request, the answer
/// read as an OAI-PMH document, and every failure (no answer, an HTTP error, something that is
/// not OAI-PMH, a protocol error) a `HarvestError` naming the request.
struct OAIPeer {
    static let namespace = "http://www.openarchives.org/OAI/2.0/"

    let baseURL: URL
    let timeout: TimeInterval

    init(_ address: String, timeout: TimeInterval) throws {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil, url.query == nil else {
            throw HarvestError(url: address, reason: "not an OAI-PMH base URL: give the http or https address of the endpoint, without arguments (e.g. https://archive.example.org/oai)")
        }
        baseURL = url
        self.timeout = timeout
    }

    /// The `<OAI-PMH>` element of the answer to `verb` with `arguments`; an error answer with
    /// one of the `accepting` codes is returned too (it has no `verb` element).
    func ask(_ verb: String, _ arguments: [(String, String)] = [], accepting codes: Set<String> = []) throws -> (url: String, document: XMLElementTree) {
        var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "verb", value: verb)] + arguments.map { URLQueryItem(name: $0.0, value: $0.1) }
        // `+` is a space in a form-encoded query; a resumption token may hold one.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        let url = components.url!
        let address = url.absoluteString
        let (data, status) = try get(url)
        guard status == 200 else { throw HarvestError(url: address, reason: "the server answered HTTP \(status), not an OAI-PMH response") }
        let root: XMLElementTree
        do {
            root = try XMLElementTree.parse(data)
        } catch let error as XMLElementTree.XMLReadError {
            throw HarvestError(url: address, reason: "the answer is not OAI-PMH: it is not well-formed XML (line \(error.line), column \(error.column): \(error.reason)); is this the endpoint's base URL?")
        }
        guard root.name == "OAI-PMH", root.namespace == Self.namespace else {
            throw HarvestError(url: address, reason: "the answer is not OAI-PMH: its root element is <\(root.name)>, not <OAI-PMH> in the OAI-PMH 2.0 namespace")
        }
        if let error = root.child("error", in: Self.namespace) {
            let code = error.attributes["code"] ?? "unknown"
            if codes.contains(code) { return (address, root) }
            throw HarvestError(url: address, reason: "the peer answered with the OAI-PMH error \(code): \(error.trimmedText)", oaiCode: code)
        }
        guard root.child(verb, in: Self.namespace) != nil else {
            throw HarvestError(url: address, reason: "the OAI-PMH answer has no <\(verb)> element")
        }
        return (address, root)
    }

    /// The body and status of a GET, waiting at most `timeout` for an answer.
    private func get(_ url: URL) throws -> (Data, Int) {
        switch PeerGet.fetchWaiting(url, headers: ["User-Agent": "dialect-archive harvester"], seconds: timeout) {
        case .answered(let data, let status):
            return (data, status)
        case .timedOut:
            throw HarvestError(url: url.absoluteString, reason: "the peer could not be reached: no answer within \(Int(timeout)) s")
        case .failed(let reason):
            throw HarvestError(url: url.absoluteString, reason: "the peer could not be reached: \(reason)")
        }
    }
}
