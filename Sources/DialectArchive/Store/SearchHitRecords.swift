/// Reading a page of search hits, once their segment ids are known, on either database: each
/// hit with its recording, session, speaker and locality, and the other tiers' segments over
/// its span.
enum SearchHitRecords {
    /// The hits with these segment ids, in the order given.
    static func hits(ids: [Int64], highlighter: SearchHighlighter, reader: Reader, _ db: StoreDatabase) throws -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        let rows = try db.rows("""
            SELECT s.id, s.recording_id, r.original_name, t.session_id, s.transcript_id, s.tier, s.tier_index, s.tier_kind,
                   t.longest_segment_ms,
                   s.start_ms, s.end_ms, s.text,
                   sp.id AS speaker_id, sp.name AS speaker_name, sp.role, sp.sex, sp.birth_year,
                   sp.access AS speaker_access, sp.access_until AS speaker_access_until,
                   l.id AS locality_id, l.name AS locality_name, l.dialect_group, l.dialect_subgroup, l.dialect_cluster
            FROM segment s JOIN transcript t ON t.id = s.transcript_id JOIN session se ON se.id = t.session_id
            LEFT JOIN recording r ON r.id = s.recording_id LEFT JOIN locality l ON l.id = se.locality_id
            LEFT JOIN speaker sp ON sp.id = s.speaker_id
            WHERE s.id IN (\(ids.map(String.init).joined(separator: ",")))
            """)
        let byID = Dictionary(rows.map { ($0[0] as Int64, $0) }, uniquingKeysWith: { first, _ in first })
        let ordered = ids.compactMap { byID[$0] }
        let today = CalendarDate.today()
        var hits = ordered.map { hit($0, highlighter: highlighter, reader: reader, today: today) }
        let spans = ordered.map { row -> [Int64] in
            let start: Int64 = row[9], longest: Int64 = row[8]
            return [row[4], start - longest, row[10], row[6], start]
        }
        try addParallelTiers(to: &hits, spans: spans, db)
        return hits
    }

    /// Adds to each hit the other tiers' segments over its span: those that overlap it, or
    /// have exactly its span, in tier order, then by start and id (the same on both databases).
    /// One statement for the whole page; `spans` holds, per hit, its transcript, the earliest
    /// start an overlapping segment can have (the span's start minus the transcript's longest
    /// segment), its end, its tier and its start.
    private static func addParallelTiers(to hits: inout [SearchHit], spans: [[Int64]], _ db: StoreDatabase) throws {
        guard !hits.isEmpty else { return }
        let values = spans.enumerated().map { index, span in "(\(index), " + span.map(String.init).joined(separator: ", ") + ")" }
        var found = Array(repeating: [(tierIndex: Int, id: Int64, segment: ParallelSegment)](), count: hits.count)
        let rows = try db.rows("""
            WITH h(hit, transcript, low, high, tier, start) AS (VALUES \(values.joined(separator: ", ")))
            SELECT h.hit, o.tier, o.tier_kind, o.start_ms, o.end_ms, o.text, o.tier_index, o.id
            FROM h JOIN segment o
              ON o.transcript_id = h.transcript AND o.start_ms BETWEEN h.low AND h.high
             AND o.tier_index != h.tier AND o.text != ''
             AND ((o.start_ms < h.high AND o.end_ms > h.start) OR (o.start_ms = h.start AND o.end_ms = h.high))
            """)
        for row in rows {
            found[row[0] as Int].append((row[6], row[7], ParallelSegment(tier: row[1], tierKind: row[2], startMs: row[3], endMs: row[4], text: row[5])))
        }
        for index in hits.indices {
            hits[index].parallel = found[index].sorted {
                ($0.tierIndex, $0.segment.startMs, $0.id) < ($1.tierIndex, $1.segment.startMs, $1.id)
            }.map(\.segment)
        }
    }

    /// Builds a hit from a row of the query above (columns read by position).
    private static func hit(_ row: SQLRow, highlighter: SearchHighlighter, reader: Reader, today: String) -> SearchHit {
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
