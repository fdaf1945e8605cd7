/// How this archive presents itself to harvesters: where `/oai` is reached, the host of its
/// identifiers, who to write to, and how many records a list page holds.
public struct OAIRepository: Sendable {
    /// The address of the endpoint, as harvesters reach it (`https://archive.example.org/oai`).
    public var baseURL: String
    public var identifiers: OAIIdentifier
    public var adminEmail: String
    public var pageSize: Int

    public init(baseURL: String, host: String, adminEmail: String? = nil, pageSize: Int = 100) {
        self.baseURL = baseURL
        self.identifiers = OAIIdentifier(host: host)
        self.adminEmail = adminEmail ?? "archivist@\(host)"
        self.pageSize = max(1, pageSize)
    }

    public static let formats: [(prefix: String, schema: String, namespace: String)] = [
        ("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
        ("olac", "http://www.language-archives.org/OLAC/1.1/olac.xsd", "http://www.language-archives.org/OLAC/1.1/"),
    ]
}
