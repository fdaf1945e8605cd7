import Foundation

/// Writes OAI-PMH responses: the envelope with its response date and request, and the
/// records in `oai_dc` or `olac`.
struct OAIResponseWriter {
    let repository: OAIRepository
    let responseDate: Date

    /// The whole response to `request` (nil when its verb or arguments were bad), around `body`.
    func envelope(_ request: OAIRequest?, _ body: [String]) -> String {
        var attributes = ""
        if let request {
            attributes = " verb=\"\(request.verb.rawValue)\"" + request.arguments.sorted { $0.key < $1.key }
                .map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
        }
        let lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">",
            "  <responseDate>\(OAIDatestamp.now(responseDate))</responseDate>",
            "  <request\(attributes)>\(escape(repository.baseURL))</request>",
        ] + body.map { "  " + $0 } + ["</OAI-PMH>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// An error response; the request is echoed only when its verb and arguments were valid.
    func error(_ error: OAIError, request: OAIRequest?) -> String {
        let echoed = error.code == .badVerb || error.code == .badArgument ? nil : request
        return envelope(echoed, ["<error code=\"\(error.code.rawValue)\">\(escape(error.message))</error>"])
    }

    func header(_ header: OAIHeader) -> [String] {
        [header.deleted ? "<header status=\"deleted\">" : "<header>",
         "  <identifier>\(escape(repository.identifiers.identifier(of: header.session)))</identifier>",
         "  <datestamp>\(OAIDatestamp.of(header.changedAt))</datestamp>"]
            + header.sets.map { "  <setSpec>\(escape($0.spec))</setSpec>" } + ["</header>"]
    }

    /// A record: its header, and its metadata unless it was deleted.
    func record(_ header: OAIHeader, _ description: OLACExport.Description?, prefix: String) -> [String] {
        var lines = ["<record>"] + self.header(header).map { "  " + $0 }
        if !header.deleted, let description {
            lines += ["  <metadata>"] + metadata(description, prefix: prefix).map { "    " + $0 } + ["  </metadata>"]
        }
        return lines + ["</record>"]
    }

    func metadata(_ description: OLACExport.Description, prefix: String) -> [String] {
        let elements = OLACExport.elements(description)
        if prefix == "olac" {
            return ["<olac:olac \(OLACExport.namespaces)>"] + elements.map { $0.xml(indent: "  ") } + ["</olac:olac>"]
        }
        var seen = Set<String>()
        let plain = elements.compactMap(\.plainDublinCore).filter { seen.insert($0.name + "\u{0}" + $0.value).inserted }
        return ["<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">"]
            + plain.map { $0.xml(indent: "  ") } + ["</oai_dc:dc>"]
    }

    /// The resumption token element of a list page: the token while more follow, empty on the
    /// last page of a list that was split.
    func resumptionToken(_ next: OAIResumptionToken?, cursor: Int, completeListSize: Int) -> String {
        let attributes = "completeListSize=\"\(completeListSize)\" cursor=\"\(cursor)\""
        guard let next else { return "<resumptionToken \(attributes)/>" }
        return "<resumptionToken \(attributes)>\(escape(next.text))</resumptionToken>"
    }

    func escape(_ text: String) -> String {
        OLACExport.escape(text)
    }
}
