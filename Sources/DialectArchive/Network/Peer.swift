import Foundation

/// Another archive of the network, as the peers file names it: a name to label its hits with,
/// its base URL, and its FCS endpoint (the base URL's `/fcs` unless the entry gives `fcs`, so
/// that any FCS endpoint can be a peer).
public struct Peer: Sendable, Equatable {
    public var name: String
    public var url: String
    public var fcsURL: String

    public init(name: String, url: String, fcsURL: String? = nil) {
        self.name = name
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.url = base
        self.fcsURL = fcsURL ?? base + "/fcs"
    }

    /// Reads a peers file: a JSON list of `{"name": …, "url": …}` (and optionally `"fcs": …`).
    public static func load(from file: URL) throws -> [Peer] {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw PeerFileError(file: file.path, reason: "it cannot be read (\(error.localizedDescription))")
        }
        guard let list = try? JSONSerialization.jsonObject(with: data) as? [Any] else {
            throw PeerFileError(file: file.path, reason: "it is not a JSON list of {\"name\", \"url\"} entries")
        }
        var peers: [Peer] = []
        for (index, item) in list.enumerated() {
            let entry = "entry \(index + 1)"
            guard let fields = item as? [String: Any] else {
                throw PeerFileError(file: file.path, reason: "\(entry) is not an object with \"name\" and \"url\"")
            }
            guard let name = (fields["name"] as? String)?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw PeerFileError(file: file.path, reason: "\(entry) has no \"name\"")
            }
            guard let url = fields["url"] as? String, isWebAddress(url) else {
                throw PeerFileError(file: file.path, reason: "\(entry) (\(name)) has no \"url\" that is an http or https address")
            }
            let fcs = fields["fcs"] as? String
            if fields["fcs"] != nil, !isWebAddress(fcs ?? "") {
                throw PeerFileError(file: file.path, reason: "\(entry) (\(name)) has an \"fcs\" that is not an http or https address")
            }
            guard !peers.contains(where: { $0.name == name }) else {
                throw PeerFileError(file: file.path, reason: "\(entry) repeats the name '\(name)'")
            }
            peers.append(Peer(name: name, url: url, fcsURL: fcs))
        }
        return peers
    }

    private static func isWebAddress(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        return ["http", "https"].contains(scheme) && url.host != nil
    }
}

/// A peers file that cannot be used, naming the file and the entry.
public struct PeerFileError: Error, CustomStringConvertible, LocalizedError {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
    public var errorDescription: String? { description }
}
