import GRDB

/// The search index's SQL: how a segment's facet tokens are computed from its session,
/// locality, speaker and tier, and the FTS5 table and triggers that keep them in step.
extension SearchFacets {
    /// The facets of the `segment` row being updated, as an SQL expression.
    static let sql: String = {
        func part(_ facet: Facet, _ value: String) -> String {
            "char(\(marker.value)) || '\(facet.rawValue)' || replace(coalesce(\(value), ''), ' ', '_')"
        }
        let parts = [
            part(.locality, "se.locality_id"),
            part(.dialectGroup, "l.dialect_group"),
            part(.content, "se.content_type"),
            part(.role, "(SELECT role FROM speaker WHERE speaker.id = segment.speaker_id)"),
            part(.tierKind, "segment.tier_kind"),
        ]
        return """
            (SELECT \(parts.joined(separator: " || ' ' || "))
             FROM transcript t JOIN session se ON se.id = t.session_id LEFT JOIN locality l ON l.id = se.locality_id
             WHERE t.id = segment.transcript_id)
            """
    }()

    /// Creates the index and the triggers that keep it in step with the archive; indexes what
    /// is already there.
    static func createIndex(_ db: Database) throws {
        let indexed = { (row: String) in "\(row).text || ' ' || \(row).facets" }
        try db.execute(sql: """
            UPDATE segment SET facets = \(sql);
            CREATE VIEW segment_search AS SELECT id, text || ' ' || coalesce(facets, '') AS text FROM segment;
            CREATE VIRTUAL TABLE segment_fts USING fts5(
                text, content='segment_search', content_rowid='id', tokenize='\(DialectTokenizer.name)');
            INSERT INTO segment_fts(segment_fts) VALUES('rebuild');

            -- A new segment gets its facets, which indexes it (below).
            CREATE TRIGGER segment_facets_new AFTER INSERT ON segment BEGIN
                UPDATE segment SET facets = \(sql) WHERE id = new.id;
            END;
            CREATE TRIGGER segment_facets_changed AFTER UPDATE OF transcript_id, speaker_id, tier_kind ON segment BEGIN
                UPDATE segment SET facets = \(sql) WHERE id = new.id;
            END;
            -- Only segments with facets are in the index.
            CREATE TRIGGER segment_index_update AFTER UPDATE OF text, facets ON segment BEGIN
                INSERT INTO segment_fts(segment_fts, rowid, text)
                    SELECT 'delete', old.id, \(indexed("old")) WHERE old.facets IS NOT NULL;
                INSERT INTO segment_fts(rowid, text)
                    SELECT new.id, \(indexed("new")) WHERE new.facets IS NOT NULL;
            END;
            CREATE TRIGGER segment_index_delete AFTER DELETE ON segment WHEN old.facets IS NOT NULL BEGIN
                INSERT INTO segment_fts(segment_fts, rowid, text) VALUES ('delete', old.id, \(indexed("old")));
            END;

            -- Metadata that facets depend on.
            CREATE TRIGGER session_facets AFTER UPDATE OF locality_id, content_type ON session
            WHEN old.locality_id IS NOT new.locality_id OR old.content_type IS NOT new.content_type BEGIN
                UPDATE segment SET facets = \(sql)
                WHERE transcript_id IN (SELECT id FROM transcript WHERE session_id = new.id);
            END;
            CREATE TRIGGER locality_facets AFTER UPDATE OF dialect_group ON locality
            WHEN old.dialect_group IS NOT new.dialect_group BEGIN
                UPDATE segment SET facets = \(sql)
                WHERE transcript_id IN (SELECT t.id FROM transcript t JOIN session se ON se.id = t.session_id
                                        WHERE se.locality_id = new.id);
            END;
            CREATE TRIGGER transcript_facets AFTER UPDATE OF session_id ON transcript
            WHEN old.session_id IS NOT new.session_id BEGIN
                UPDATE segment SET facets = \(sql) WHERE transcript_id = new.id;
            END;
            CREATE TRIGGER speaker_facets AFTER UPDATE OF role ON speaker WHEN old.role IS NOT new.role BEGIN
                UPDATE segment SET facets = \(sql) WHERE speaker_id = new.id;
            END;
            """)
    }
}
