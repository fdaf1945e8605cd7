/// The collections as FCS resources: each with its title and the ISO 639-3 codes of the
/// localities of the sessions a reader may see in it.
enum FCSRecords {
    struct Collection {
        var id: String
        var title: String?
        var languages: [String]
    }

    static func collections(reader: Reader, _ db: StoreDatabase) throws -> [Collection] {
        let visible = [Withdrawal.present("se"), reader.sessionCondition].compactMap { $0 }.joined(separator: " AND ")
        let codes = try db.rows("""
            SELECT DISTINCT se.collection_id, lower(l.iso639_3) FROM session se JOIN locality l ON l.id = se.locality_id
            WHERE l.iso639_3 IS NOT NULL AND \(visible) ORDER BY 1, 2
            """)
        var languages: [String: [String]] = [:]
        for row in codes { languages[row[0], default: []].append(row[1]) }
        return try db.rows("SELECT id, title FROM collection ORDER BY id").map {
            Collection(id: $0[0], title: $0[1], languages: languages[$0[0]] ?? [])
        }
    }
}
