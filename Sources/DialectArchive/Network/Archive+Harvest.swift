import Foundation

/// What a harvest did: which peer, from when, and how many sessions it added, changed and
/// deleted in the union catalogue.
public struct HarvestReport: Codable, Equatable, Sendable {
    public var url: String
    public var repositoryName: String
    public var metadataPrefix: String
    public var set: String?
    /// The `from` of the request: the previous harvest's response date; nil for a first harvest.
    public var from: String?
    /// The peer's response date, from which the next harvest continues.
    public var responseDate: String
    public var pages: Int
    public var records: Int
    public var added: Int
    public var changed: Int
    public var deleted: Int
    public var unchanged: Int
    /// The audit event that records the harvest.
    public var event: Int64
}

extension Archive {
    /// Harvests a peer's OAI-PMH endpoint into the union catalogue: the records changed since
    /// the last harvest of the same endpoint and set (all of them the first time), following
    /// resumption tokens, in `olac` when the peer offers it, else `oai_dc`.
    ///
    /// Every page is read before anything is stored; the catalogue, the point to continue from
    /// and the `harvest` audit event are then written in one transaction, so a harvest that
    /// fails (no answer, not OAI-PMH, a protocol error, a malformed record) stores nothing.
    ///
    /// ```swift
    /// let report = try archive.harvest("https://dialects.example.org/oai")
    /// print(report.added, report.changed, report.deleted)
    /// ```
    public func harvest(_ address: String, set: String? = nil, timeout: TimeInterval = 30) throws -> HarvestReport {
        try requireWritable()
        let peer = try OAIPeer(address, timeout: timeout)
        let baseURL = peer.baseURL.absoluteString
        let description = try OAIPeerDescription(baseURL: baseURL, identify: try peer.ask("Identify"),
                                                 formats: try peer.ask("ListMetadataFormats"))
        let previous = try store.read { try RemoteCatalogue.lastResponseDate(baseURL, set: set, $0) }
        let from = previous.map(description.from)

        var arguments = [("metadataPrefix", description.metadataPrefix)]
        if let set { arguments.append(("set", set)) }
        if let from { arguments.append(("from", from)) }
        var sessions: [RemoteSession] = [], tokens: Set<String> = [], pages = 0
        var responseDate: String?
        while true {
            let page = try peer.ask("ListRecords", arguments, accepting: pages == 0 ? ["noRecordsMatch"] : [])
            pages += 1
            if responseDate == nil {
                guard let date = page.document.child("responseDate", in: OAIPeer.namespace)?.trimmedText, date.count >= 10 else {
                    throw HarvestError(url: page.url, reason: "the answer has no responseDate")
                }
                responseDate = date
            }
            guard let list = page.document.child("ListRecords", in: OAIPeer.namespace) else { break }
            for record in list.children("record", in: OAIPeer.namespace) {
                sessions.append(try OAIRemoteRecord.session(record, peer: description, url: page.url))
            }
            guard let token = list.child("resumptionToken", in: OAIPeer.namespace)?.trimmedText, !token.isEmpty else { break }
            guard tokens.insert(token).inserted else {
                throw HarvestError(url: page.url, reason: "the peer gave the same resumption token twice; the list would never end")
            }
            arguments = [("resumptionToken", token)]
        }
        // A session sent twice (changed while the list was read) is kept as last sent.
        var order: [String] = [], latest: [String: RemoteSession] = [:]
        for session in sessions where latest.updateValue(session, forKey: session.identifier) == nil { order.append(session.identifier) }
        let unique = order.map { latest[$0]! }

        let now = CalendarDate.timestamp()
        let report = try store.write { db -> HarvestReport in
            let counts = try RemoteCatalogue.store(
                archive: (baseURL, description.name, description.archiveURL, description.metadataPrefix), set: set,
                responseDate: responseDate!, sessions: unique, at: now, db)
            var event = AuditEvent(kind: "harvest", summary: "harvested \(unique.count) records from \(baseURL)"
                                   + (set.map { " (set \($0))" } ?? "")
                                   + ": \(counts.added) added, \(counts.changed) changed, \(counts.deleted) deleted",
                                   details: ["url": baseURL, "repository": description.name, "set": set ?? NSNull(),
                                             "from": from ?? NSNull(), "responseDate": responseDate!, "metadataPrefix": description.metadataPrefix,
                                             "pages": pages, "records": unique.count, "added": counts.added, "changed": counts.changed,
                                             "deleted": counts.deleted, "unchanged": counts.unchanged])
            _ = try event.append(db)
            return HarvestReport(url: baseURL, repositoryName: description.name, metadataPrefix: description.metadataPrefix, set: set,
                                 from: from, responseDate: responseDate!, pages: pages, records: unique.count, added: counts.added,
                                 changed: counts.changed, deleted: counts.deleted, unchanged: counts.unchanged, event: event.id!)
        }
        checkpoint()
        return report
    }
}
