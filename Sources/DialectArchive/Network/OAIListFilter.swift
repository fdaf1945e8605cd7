/// Which sessions a list request selects, and where its page starts: the harvest's arguments,
/// the moment it started (records changed later wait for the next harvest, so that a harvest
/// running during an ingest sees each record once), and the last session id already sent.
struct OAIListFilter: Codable, Equatable, Sendable {
    var metadataPrefix: String
    var set: String?
    /// `YYYY-MM-DDThh:mm:ss`, inclusive.
    var from: String?
    /// `YYYY-MM-DDThh:mm:ss`, inclusive.
    var until: String?
    /// The stored time the harvest started at; records changed after it are left for the next.
    var startedAt: String
    /// The last session id sent; pages go in session id order.
    var after: String?
}
