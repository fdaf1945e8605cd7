import Foundation

/// Reads one `<record>` of a peer's ListRecords answer, in `olac` or `oai_dc`, into the
/// session the union catalogue keeps.
enum OAIRemoteRecord {
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"

    static func session(_ record: XMLElementTree, peer: OAIPeerDescription, url: String) throws -> RemoteSession {
        let ns = OAIPeer.namespace
        guard let header = record.child("header", in: ns), let identifier = header.child("identifier", in: ns)?.trimmedText,
              !identifier.isEmpty, let datestamp = header.child("datestamp", in: ns)?.trimmedText, !datestamp.isEmpty else {
            throw HarvestError(url: url, reason: "a record of the answer has no header with an identifier and a datestamp")
        }
        let specs = header.children("setSpec", in: ns).map(\.trimmedText)
        var session = RemoteSession(
            archiveBaseURL: peer.baseURL, archiveName: peer.name, archiveURL: peer.archiveURL, identifier: identifier,
            datestamp: datestamp, deleted: header.attributes["status"] == "deleted",
            collection: specs.lazy.compactMap { spec -> String? in
                if case .collection(let id) = OAISet(spec: spec) { return id }
                return nil
            }.first ?? (specs.isEmpty ? nil : specs.joined(separator: " ")),
            sets: specs.isEmpty ? nil : specs.joined(separator: " "),
            landingURL: "")
        let fields = record.child("metadata", in: ns)?.children.first?.children ?? []
        guard !session.deleted else {
            session.landingURL = peer.landingURL(identifier: identifier, urls: [])
            return session
        }
        guard !fields.isEmpty else {
            throw HarvestError(url: url, reason: "the record \(identifier) is not deleted but has no metadata")
        }
        func values(_ names: [(String, String)]) -> [XMLElementTree] {
            fields.filter { field in names.contains { $0.0 == field.namespace && $0.1 == field.name } }
        }
        func text(_ element: XMLElementTree) -> String? {
            let value = element.trimmedText
            return value.isEmpty ? nil : value
        }
        session.title = values([(dc, "title")]).lazy.compactMap(text).first
        session.date = values([(dcterms, "created"), (dc, "date"), (dcterms, "date")]).lazy.compactMap(text).first
        var languages: [String] = []
        for language in values([(dc, "language")]) {
            guard let value = attribute("code", of: language) ?? text(language), !languages.contains(value) else { continue }
            languages.append(value)
        }
        session.languages = languages.isEmpty ? nil : languages.joined(separator: "; ")
        for place in values([(dcterms, "spatial"), (dc, "coverage")]) {
            guard let value = text(place) else { continue }
            if let point = point(value) {
                if session.latitude == nil { (session.latitude, session.longitude) = (point.north, point.east) }
            } else if session.place == nil {
                session.place = value
            }
        }
        session.rights = values([(dc, "rights")]).lazy.compactMap(text).first
        let urls = values([(dc, "identifier")]).compactMap(text).filter { $0.hasPrefix("http://") || $0.hasPrefix("https://") }
        session.landingURL = peer.landingURL(identifier: identifier, urls: urls)
        return session
    }

    /// A DCMI Point (`east=113.26; north=23.13`), in either order; nil when the text is not one.
    static func point(_ text: String) -> (east: Double, north: Double)? {
        var parts: [String: Double] = [:]
        for component in text.split(separator: ";") {
            let pair = component.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if let value = Double(pair[1]) { parts[pair[0]] = value }
        }
        guard let east = parts["east"], let north = parts["north"], (-180...180).contains(east), (-90...90).contains(north) else { return nil }
        return (east, north)
    }

    /// An attribute by its local name, whatever prefix the document gives its namespace.
    static func attribute(_ name: String, of element: XMLElementTree) -> String? {
        element.attributes.first { $0.key == name || $0.key.hasSuffix(":" + name) }?.value
    }
}
