import GRDB

/// The queries behind `search`, `countHits` and `searchSegmentIDs`: the FTS5 match with the
/// filters' and the reader's conditions, the page of hits with their parallel tiers, the exact
/// total, and the facet counts.
enum SearchRecords {
    /// The FROM and WHERE clauses of a search, with their arguments.
    struct Matching {
        var from: String
        var arguments: StatementArguments
    }

    /// A page of hits in `order`, each with the other tiers' segments over its span.
    static func hits(_ matching: Matching, order: SearchOrder, highlighter: SearchHighlighter, reader: Reader,
                     limit: Int, offset: Int, _ db: Database) throws -> [SearchHit] {
        let orderBy: String
        switch order {
        case .archive: orderBy = "segment_fts.rowid"
        case .relevance: orderBy = "bm25(segment_fts), segment_fts.rowid"
        case .place: orderBy = "l.dialect_group, l.dialect_subgroup, l.dialect_cluster, l.id, s.recording_id, s.start_ms, s.id"
        }
        let statement = try db.cachedStatement(sql: """
            SELECT s.id, s.recording_id, r.original_name, t.session_id, s.transcript_id, s.tier, s.tier_index, s.tier_kind,
                   t.longest_segment_ms,
                   s.start_ms, s.end_ms, s.text,
                   sp.id AS speaker_id, sp.name AS speaker_name, sp.role, sp.sex, sp.birth_year,
                   sp.access AS speaker_access, sp.access_until AS speaker_access_until,
                   l.id AS locality_id, l.name AS locality_name, l.dialect_group, l.dialect_subgroup, l.dialect_cluster
            \(matching.from)
            ORDER BY \(orderBy) LIMIT ? OFFSET ?
            """)
        let today = CalendarDate.today()
        var hits: [SearchHit] = []
        var spans: [[Int64]] = []
        let rows = try Row.fetchCursor(statement, arguments: matching.arguments + [max(0, limit), max(0, offset)])
        while let row = try rows.next() {
            hits.append(Self.hit(row, highlighter: highlighter, reader: reader, today: today))
            let start: Int64 = row[9], longest: Int64 = row[8]
            spans.append([row[4], start - longest, row[10], row[6], start])
        }
        try Self.addParallelTiers(to: &hits, spans: spans, db)
        return hits
    }

    /// How many hits `reader` may see, without fetching them (and without the joins when no
    /// condition needs them).
    static func total(_ query: SearchQuery, _ filters: SearchFilters, reader: Reader, _ db: Database) throws -> Int {
        let bare = try matching(query, filters, reader: reader, joins: false, db)
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) \(bare.from)"), arguments: bare.arguments) ?? 0
    }

    /// The ids of the hits in archive order.
    static func segmentIDs(_ query: SearchQuery, _ filters: SearchFilters, reader: Reader, limit: Int, offset: Int,
                           _ db: Database) throws -> [Int64] {
        let bare = try matching(query, filters, reader: reader, joins: false, db)
        return try Int64.fetchAll(db.cachedStatement(sql: "SELECT segment_fts.rowid \(bare.from) ORDER BY segment_fts.rowid LIMIT ? OFFSET ?"),
                                  arguments: bare.arguments + [max(0, limit), max(0, offset)])
    }

    /// The total, the counts per locality and per dialect group and the facets, in one
    /// pass over the hits (grouped by their facet values; localities are then looked up once each).
    static func counts(_ matching: Matching, includeRestricted: Bool, _ db: Database) throws -> SearchCache.Counts {
        let columns = SearchFacetCounts.columns(includeRestricted: includeRestricted)
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT \(columns), count(*) \(matching.from) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"),
                                    arguments: matching.arguments)
        var localities: [String: (name: String, group: String?, subgroup: String?, cluster: String?)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name, dialect_group, dialect_subgroup, dialect_cluster FROM locality") {
            localities[row[0]] = (row[1], row[2], row[3], row[4])
        }
        var perLocality: [String?: Int] = [:]
        for row in rows { perLocality[row[0] as String?, default: 0] += row[8] as Int }
        func sorted(_ counts: [SearchResult.Count]) -> [SearchResult.Count] {
            counts.sorted { $0.hits != $1.hits ? $0.hits > $1.hits : $0.label.utf8.lexicographicallyPrecedes($1.label.utf8) }
        }
        let byLocality = sorted(perLocality.map { id, hits in
            let label = id.flatMap { id in localities[id].map { "\($0.name) (\(id))" } } ?? "(no locality)"
            return SearchResult.Count(label: label, hits: hits)
        })
        var perGroup: [String: Int] = [:]
        for (id, hits) in perLocality {
            perGroup[id.flatMap { localities[$0]?.group } ?? "(unclassified)", default: 0] += hits
        }
        return SearchCache.Counts(total: perLocality.values.reduce(0, +), byLocality: byLocality,
                                       byDialectGroup: sorted(perGroup.map { SearchResult.Count(label: $0.key, hits: $0.value) }),
                                       facets: SearchFacetCounts.facets(rows, localities: localities))
    }

    /// The FROM and WHERE clauses of a search and their arguments. The MATCH carries the text
    /// query and the filters' facets; the joins are left out for a count when nothing needs them.
    static func matching(_ query: SearchQuery, _ filters: SearchFilters, reader: Reader, joins: Bool = true,
                         _ db: Database) throws -> Matching {
        // Only a reader who sees everything may find a restricted speaker by sex or birth year.
        let filtering = try filters.conditions(db, includeRestricted: reader.seesEverything)
        let withheld = try Row.fetchOne(db.cachedStatement(sql: SearchReaderConditions.whatIsWithheld))
        let conditions = filtering.conditions + SearchReaderConditions.conditions(for: reader, restricted: withheld?[0] ?? true,
                                                                                  withdrawn: withheld?[1] ?? true)
        var arguments: StatementArguments = [filtering.ftsFacets.map { "(" + query.ftsExpression + ") AND " + $0 } ?? query.ftsExpression]
        arguments += filtering.statementArguments
        let tables = joins || !conditions.isEmpty ? """
            JOIN segment s ON s.id = segment_fts.rowid
            JOIN transcript t ON t.id = s.transcript_id
            JOIN session se ON se.id = t.session_id
            LEFT JOIN recording r ON r.id = s.recording_id
            LEFT JOIN locality l ON l.id = se.locality_id
            LEFT JOIN speaker sp ON sp.id = s.speaker_id
            """ : ""
        return Matching(from: "FROM segment_fts \(tables) WHERE " + (["segment_fts MATCH ?"] + conditions).joined(separator: " AND "),
                        arguments: arguments)
    }

    /// Adds to each hit the other tiers' segments over its span: those that overlap it, or
    /// have exactly its span, in tier order. One statement for the whole page; `spans` holds,
    /// per hit, its transcript, the earliest start an overlapping segment can have (the span's
    /// start minus the transcript's longest segment), its end, its tier and its start.
    private static func addParallelTiers(to hits: inout [SearchHit], spans: [[Int64]], _ db: Database) throws {
        guard !hits.isEmpty else { return }
        let list = "[" + spans.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
        var found = Array(repeating: [(tierIndex: Int, segment: ParallelSegment)](), count: hits.count)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT h.key, o.tier, o.tier_kind, o.start_ms, o.end_ms, o.text, o.tier_index
            FROM json_each(?) h JOIN segment o
              ON o.transcript_id = h.value ->> '$[0]' AND o.start_ms BETWEEN h.value ->> '$[1]' AND h.value ->> '$[2]'
             AND o.tier_index != h.value ->> '$[3]' AND o.text != ''
             AND ((o.start_ms < h.value ->> '$[2]' AND o.end_ms > h.value ->> '$[4]')
                  OR (o.start_ms = h.value ->> '$[4]' AND o.end_ms = h.value ->> '$[2]'))
            """), arguments: [list])
        while let row = try rows.next() {
            found[row[0] as Int].append((row[6], ParallelSegment(tier: row[1], tierKind: row[2], startMs: row[3], endMs: row[4], text: row[5])))
        }
        for index in hits.indices {
            hits[index].parallel = found[index].sorted { ($0.tierIndex, $0.segment.startMs) < ($1.tierIndex, $1.segment.startMs) }.map(\.segment)
        }
    }

    /// Builds a hit from a row of the search query (columns read by position: this runs for
    /// every hit of every search).
    private static func hit(_ row: Row, highlighter: SearchHighlighter, reader: Reader, today: String) -> SearchHit {
        let text: String = row[11]
        let (highlighted, ranges) = highlighter.highlight(text)
        let speakerOpen = reader.seesEverything || AccessRules.isOpen(access: row[17], until: row[18], today: today)
        let speaker: SpeakerSummary? = (row[12] as String?).map {
            speakerOpen
                ? SpeakerSummary(id: $0, name: row[13], role: row[14], sex: row[15], birthYear: row[16])
                : SpeakerSummary(id: $0, name: nil, role: row[14], sex: nil, birthYear: nil)
        }
        let locality: LocalitySummary? = (row[19] as String?).map { LocalitySummary(id: $0, name: row[20]) }
        let dialect = [row[21], row[22], row[23]].compactMap { $0 as String? }.filter { !$0.isEmpty }.joined(separator: " / ")
        return SearchHit(segmentId: row[0], recordingId: row[1], recordingFile: row[2],
                         sessionId: row[3], speaker: speaker, locality: locality,
                         dialect: dialect.isEmpty ? nil : dialect, tier: row[5], tierKind: row[7],
                         startMs: row[9], endMs: row[10], text: text, highlighted: highlighted, highlights: ranges, parallel: [])
    }
}
