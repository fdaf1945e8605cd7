import Foundation
import GRDB

extension Archive {
    /// `search(…, as:)` asked by the archive's owner, as the CLI asks it.
    public func search(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), order: SearchOrder = .archive,
                       limit: Int = 50, offset: Int = 0, counting: Bool = true, includeRestricted: Bool = false) throws -> SearchResult {
        try search(query, filters: filters, order: order, limit: limit, offset: offset, counting: counting,
                   as: .owner(includeRestricted: includeRestricted))
    }

    /// `compare(…, as:)` asked by the archive's owner.
    public func compare(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), limit: Int = 10_000,
                        includeRestricted: Bool = false) throws -> [ComparisonRow] {
        try compare(query, filters: filters, limit: limit, as: .owner(includeRestricted: includeRestricted))
    }

    /// `item(_:as:)` asked by the archive's owner.
    public func item(_ id: String, includeRestricted: Bool = false) throws -> ArchiveItem {
        try item(id, as: .owner(includeRestricted: includeRestricted))
    }

    /// `stats(as:)` asked by the archive's owner, as the CLI asks it.
    public func stats(includeRestricted: Bool = false) throws -> ArchiveStats {
        try stats(as: .owner(includeRestricted: includeRestricted))
    }

    /// `clip(…, as:)` asked by the archive's owner.
    public func clip(recording id: Int64, startMs: Int64, endMs: Int64, padMs: Int64 = 0, to destination: URL,
                     includeRestricted: Bool = false) throws -> AudioClip.Written {
        try clip(recording: id, startMs: startMs, endMs: endMs, padMs: padMs, to: destination,
                 as: .owner(includeRestricted: includeRestricted))
    }

    /// Records, as one audit event (`access`), that an account was shown restricted or closed
    /// material: which of `recordings`, `sessions` and `speakers` were withheld from the public
    /// (a restricted speaker only when the account sees them in full), who asked, from where,
    /// and what (`what`: "view of session x", "play of recording 5 0:01–0:03").
    /// Nothing is recorded for the owner, anonymous visitors, or open material.
    public func noteAccess(by reader: Reader, recordings: [Int64] = [], sessions: [String] = [], speakers: [String] = [],
                           what: String) throws {
        guard let account = reader.account, !recordings.isEmpty || !sessions.isEmpty || !speakers.isEmpty else { return }
        let (withheldRecordings, withheldSessions, withheldSpeakers) = try store.read { db -> ([Int64], [String], [String]) in
            let withheld = try AccessRules.withheldRecordings(db)
            let shownRecordings = Set(recordings).filter { withheld[$0] != nil }.sorted()
            var shownSessions: [String] = []
            for id in Set(sessions).sorted() {
                if let session = try db.record(Session.self, id: id), AccessRules.level([(session.access, session.accessUntil)]) != nil {
                    shownSessions.append(id)
                }
            }
            let shownSpeakers = try Set(speakers).sorted().filter { id in
                guard let speaker = try db.record(Speaker.self, id: id),
                      AccessRules.level([(speaker.access, speaker.accessUntil)]) != nil else { return false }
                return try AccessRules.visible(speaker, reader: reader, db) == speaker
            }
            return (shownRecordings, shownSessions, shownSpeakers)
        }
        guard !withheldRecordings.isEmpty || !withheldSessions.isEmpty || !withheldSpeakers.isEmpty else { return }
        let from = account.address.map { " from \($0)" } ?? ""
        var details: [String: Any] = [
            "account": account.name, "role": account.role.rawValue, "address": account.address ?? "", "what": what,
            "recordings": withheldRecordings, "sessions": withheldSessions,
        ]
        if !withheldSpeakers.isEmpty { details["speakers"] = withheldSpeakers }
        try record(AuditEvent(kind: "access", summary: "\(what) by \(reader.auditName)\(from)", details: details))
    }
}

extension AccessRules {
    /// A speaker as `reader` may see them: in full when the speaker's own condition allows it
    /// for material of `collection`, else by id and role only.
    static func visible(_ speaker: Speaker, reader: Reader, collection: String?) -> Speaker {
        let level = AccessRules.level([(speaker.access, speaker.accessUntil)])
        return visible(speaker, includeRestricted: reader.mayRead(level, collection: collection))
    }

    /// A speaker on their own (their page, a locality's speakers) as `reader` may see them: in
    /// full when the speaker's own condition allows it for the material of any collection they
    /// were recorded for, else by id and role only.
    static func visible(_ speaker: Speaker, reader: Reader, _ db: StoreDatabase) throws -> Speaker {
        let level = AccessRules.level([(speaker.access, speaker.accessUntil)])
        guard level != nil, !reader.seesEverything, !reader.grantedCollections.isEmpty else {
            return visible(speaker, includeRestricted: reader.mayRead(level, collection: nil))
        }
        let collections = try Speaker.collections(of: speaker.id, db)
        return visible(speaker, includeRestricted: collections.contains { reader.mayRead(level, collection: $0) })
    }

}
