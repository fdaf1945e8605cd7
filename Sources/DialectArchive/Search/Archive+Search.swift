import GRDB

extension Archive {
    /// Searches every transcript segment: Han characters one by one (traditional = simplified),
    /// Latin and IPA folded for case, diacritics and (unless the query has them) tones.
    ///
    /// ```swift
    /// var filters = SearchFilters()
    /// filters.dialect = "粤语"
    /// let result = try archive.search(try SearchQuery("月光"), filters: filters, limit: 20)
    /// for hit in result.hits { print(hit.locality?.name ?? "", hit.startMs, hit.highlighted) }
    /// ```
    public func search(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), order: SearchOrder = .archive,
                       limit: Int = 50, offset: Int = 0, counting: Bool = true, includeRestricted: Bool = false) throws -> SearchResult {
        var (conditions, filterArguments) = try filters.sql()
        if !includeRestricted, try hasRestrictions() { conditions.append(AccessRules.openRecording) }
        let whereClause = (["segment_fts MATCH ?"] + conditions).joined(separator: " AND ")
        var arguments: StatementArguments = [query.ftsExpression]
        arguments += filterArguments
        let from = """
            FROM segment_fts
            JOIN segment s ON s.id = segment_fts.rowid
            JOIN transcript t ON t.id = s.transcript_id
            JOIN session se ON se.id = t.session_id
            LEFT JOIN recording r ON r.id = s.recording_id
            LEFT JOIN locality l ON l.id = se.locality_id
            LEFT JOIN speaker sp ON sp.id = s.speaker_id
            WHERE \(whereClause)
            """
        let orderBy: String
        switch order {
        case .archive: orderBy = "segment_fts.rowid"
        case .relevance: orderBy = "bm25(segment_fts), segment_fts.rowid"
        case .place: orderBy = "l.dialect_group, l.dialect_subgroup, l.dialect_cluster, l.id, s.recording_id, s.start_ms, s.id"
        }
        return try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id, s.recording_id, r.original_name, t.session_id, s.transcript_id, s.tier, s.tier_index, s.tier_kind,
                       t.longest_segment_ms,
                       s.start_ms, s.end_ms, s.text, highlight(segment_fts, 0, char(1), char(2)) AS marked,
                       sp.id AS speaker_id, sp.name AS speaker_name, sp.role, sp.sex, sp.birth_year,
                       sp.access AS speaker_access, sp.access_until AS speaker_access_until,
                       l.id AS locality_id, l.name AS locality_name, l.dialect_group, l.dialect_subgroup, l.dialect_cluster
                \(from)
                ORDER BY \(orderBy) LIMIT ? OFFSET ?
                """, arguments: arguments + [max(0, limit), max(0, offset)])
            let today = CalendarDate.today()
            let hits = try rows.map { row in try hit(row, db, includeRestricted: includeRestricted, today: today) }
            var result = SearchResult(query: query.text, total: hits.count + max(0, offset), offset: offset, hits: hits,
                                      byLocality: [], byDialectGroup: [], includesRestricted: includeRestricted)
            if counting {
                result.byLocality = try Row.fetchAll(db, sql: """
                    SELECT coalesce(l.name || ' (' || l.id || ')', '(no locality)'), count(*) \(from)
                    GROUP BY l.id ORDER BY 2 DESC, 1
                    """, arguments: arguments).map { SearchResult.Count(label: $0[0], hits: $0[1]) }
                result.byDialectGroup = try Row.fetchAll(db, sql: """
                    SELECT coalesce(l.dialect_group, '(unclassified)'), count(*) \(from)
                    GROUP BY 1 ORDER BY 2 DESC, 1
                    """, arguments: arguments).map { SearchResult.Count(label: $0[0], hits: $0[1]) }
                result.total = result.byLocality.reduce(0) { $0 + $1.hits }
            }
            return result
        }
    }

    /// Counts every hit of a search without fetching them.
    public func countHits(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), includeRestricted: Bool = false) throws -> Int {
        var (conditions, filterArguments) = try filters.sql()
        if !includeRestricted, try hasRestrictions() { conditions.append(AccessRules.openRecording) }
        var arguments: StatementArguments = [query.ftsExpression]
        arguments += filterArguments
        let joins = conditions.isEmpty ? "" : """
            JOIN segment s ON s.id = segment_fts.rowid JOIN transcript t ON t.id = s.transcript_id
            JOIN session se ON se.id = t.session_id LEFT JOIN locality l ON l.id = se.locality_id
            LEFT JOIN recording r ON r.id = s.recording_id
            LEFT JOIN speaker sp ON sp.id = s.speaker_id
            """
        return try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM segment_fts \(joins) WHERE \((["segment_fts MATCH ?"] + conditions).joined(separator: " AND "))",
                             arguments: arguments) ?? 0
        }
    }

    /// True when any session or recording is restricted or closed: only then do searches need
    /// the joins that check access.
    private func hasRestrictions() throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM session WHERE access != 'open')
                    OR EXISTS (SELECT 1 FROM recording WHERE access IS NOT NULL AND access != 'open')
                """) ?? true
        }
    }

    /// Builds a hit from a row of the search query (columns read by position: this runs for
    /// every hit of every search).
    private func hit(_ row: Row, _ db: Database, includeRestricted: Bool, today: String) throws -> SearchHit {
        let text: String = row[11]
        let (highlighted, ranges) = Highlight.parse(row[12] ?? text)
        let start: Int64 = row[9], end: Int64 = row[10], longest: Int64 = row[8]
        let parallel = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT tier, tier_kind, start_ms, end_ms, text FROM segment
            WHERE transcript_id = ? AND start_ms BETWEEN ? AND ? AND tier_index != ? AND text != ''
              AND ((start_ms < ? AND end_ms > ?) OR (start_ms = ? AND end_ms = ?))
            ORDER BY tier_index, start_ms
            """), arguments: [row[4], start - longest, end, row[6], end, start, start, end]).map {
            ParallelSegment(tier: $0[0], tierKind: $0[1], startMs: $0[2], endMs: $0[3], text: $0[4])
        }
        let speakerOpen = includeRestricted || AccessRules.isOpen(access: row[18], until: row[19], today: today)
        let speaker: SpeakerSummary? = (row[13] as String?).map {
            speakerOpen
                ? SpeakerSummary(id: $0, name: row[14], role: row[15], sex: row[16], birthYear: row[17])
                : SpeakerSummary(id: $0, name: nil, role: row[15], sex: nil, birthYear: nil)
        }
        let locality: LocalitySummary? = (row[20] as String?).map { LocalitySummary(id: $0, name: row[21]) }
        let dialect = [row[22], row[23], row[24]].compactMap { $0 as String? }.filter { !$0.isEmpty }.joined(separator: " / ")
        return SearchHit(segmentId: row[0], recordingId: row[1], recordingFile: row[2],
                         sessionId: row[3], speaker: speaker, locality: locality,
                         dialect: dialect.isEmpty ? nil : dialect, tier: row[5], tierKind: row[7],
                         startMs: start, endMs: end, text: text, highlighted: highlighted, highlights: ranges, parallel: parallel)
    }

}

/// Reads FTS5 `highlight()` output (matches between U+0001 and U+0002) into marked text and ranges.
enum Highlight {
    static func parse(_ marked: String) -> (highlighted: String, ranges: [[Int]]) {
        var output = "", ranges: [[Int]] = []
        var position = 0, open: Int?
        for scalar in marked.unicodeScalars {
            switch scalar {
            case "\u{1}": open = position; output += "<mark>"
            case "\u{2}": if let start = open { ranges.append([start, position]) }; open = nil; output += "</mark>"
            default: output.unicodeScalars.append(scalar); position += 1
            }
        }
        return (output, ranges)
    }
}
