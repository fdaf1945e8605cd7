/// Writes the SRU envelopes of the FCS endpoint in the version the client speaks: SRU 2.0
/// (`sruResponse:`, records escaped as `xml`) or SRU 1.2 (`sru:`, records packed as `xml`).
struct SRUResponseWriter {
    let version: SRURequest.Version

    private var namespace: String {
        version == .v2_0 ? "http://docs.oasis-open.org/ns/search-ws/sruResponse" : "http://www.loc.gov/zing/srw/"
    }
    private var diagnosticNamespace: String {
        version == .v2_0 ? "http://docs.oasis-open.org/ns/search-ws/diagnostic" : "http://www.loc.gov/zing/srw/diagnostic/"
    }
    private var prefix: String { version == .v2_0 ? "sruResponse" : "sru" }
    private var escaping: String {
        version == .v2_0 ? "<\(prefix):recordXMLEscaping>xml</\(prefix):recordXMLEscaping>" : "<\(prefix):recordPacking>xml</\(prefix):recordPacking>"
    }

    private func element(_ name: String, _ value: String) -> String {
        "<\(prefix):\(name)>\(escape(value))</\(prefix):\(name)>"
    }

    private func document(_ root: String, _ body: [String]) -> String {
        (["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
          "<\(prefix):\(root) xmlns:\(prefix)=\"\(namespace)\">"]
            + body.map { "  " + $0 } + ["</\(prefix):\(root)>"]).joined(separator: "\n") + "\n"
    }

    /// The answer to explain: the explain record (nil after a fatal diagnostic), and the
    /// endpoint description when the client asked for it.
    func explain(record: [String]?, endpointDescription: [String]?, diagnostics: [SRUDiagnostic]) -> String {
        var body = [element("version", version.rawValue)]
        if let record {
            body += ["<\(prefix):record>",
                     "  " + element("recordSchema", "http://explain.z3950.org/dtd/2.0/"),
                     "  " + escaping,
                     "  <\(prefix):recordData>"] + record.map { "    " + $0 } + ["  </\(prefix):recordData>", "</\(prefix):record>"]
            body += ["<\(prefix):echoedExplainRequest>", "  " + element("version", version.rawValue), "</\(prefix):echoedExplainRequest>"]
        }
        body += self.diagnostics(diagnostics)
        if let endpointDescription {
            body += ["<\(prefix):extraResponseData>"] + endpointDescription.map { "  " + $0 } + ["</\(prefix):extraResponseData>"]
        }
        return document("explainResponse", body)
    }

    /// The answer to searchRetrieve: the exact number of records, the page of records (each
    /// an FCS `Resource`), where the next page starts, and the request echoed.
    func searchRetrieve(total: Int, records: [(position: Int, resource: [String])], next: Int?, echoed: SRURequest?,
                        diagnostics: [SRUDiagnostic]) -> String {
        var body = [element("version", version.rawValue), element("numberOfRecords", String(total))]
        if !records.isEmpty {
            body.append("<\(prefix):records>")
            for record in records {
                body += ["  <\(prefix):record>",
                         "    " + element("recordSchema", "http://clarin.eu/fcs/resource"),
                         "    " + escaping,
                         "    <\(prefix):recordData>"] + record.resource.map { "      " + $0 }
                    + ["    </\(prefix):recordData>", "    " + element("recordPosition", String(record.position)), "  </\(prefix):record>"]
            }
            body.append("</\(prefix):records>")
        }
        if let next { body.append(element("nextRecordPosition", String(next))) }
        if let echoed, let query = echoed.query {
            body += ["<\(prefix):echoedSearchRetrieveRequest>", "  " + element("version", version.rawValue), "  " + element("query", query),
                     "  " + element("startRecord", String(echoed.startRecord))]
            body.append("</\(prefix):echoedSearchRetrieveRequest>")
        }
        body += self.diagnostics(diagnostics)
        if version == .v2_0, diagnostics.isEmpty || total > 0 {
            body.append(element("resultCountPrecision", "info:srw/vocabulary/resultCountPrecision/1/exact"))
        }
        return document("searchRetrieveResponse", body)
    }

    private func diagnostics(_ diagnostics: [SRUDiagnostic]) -> [String] {
        guard !diagnostics.isEmpty else { return [] }
        return ["<\(prefix):diagnostics>"] + diagnostics.flatMap { diagnostic in
            ["  <diag:diagnostic xmlns:diag=\"\(diagnosticNamespace)\">", "    <diag:uri>\(escape(diagnostic.uri))</diag:uri>"]
                + (diagnostic.details.map { ["    <diag:details>\(escape($0))</diag:details>"] } ?? [])
                + ["    <diag:message>\(escape(diagnostic.message))</diag:message>", "  </diag:diagnostic>"]
        } + ["</\(prefix):diagnostics>"]
    }

    func escape(_ text: String) -> String {
        OLACExport.escape(text)
    }
}
