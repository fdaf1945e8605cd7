import GRDB

/// The archive's schema as an append-only list of named migrations: the only history of
/// the database layout. Never edit a migration that has shipped; add a new one.
enum ArchiveSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 archive core") { db in
            try db.create(table: "collection") { t in
                t.primaryKey("id", .text)
                t.column("title", .text)
                t.column("created_at", .text).notNull()
            }
            try db.create(table: "locality") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("romanised_name", .text)
                t.column("province", .text)
                t.column("prefecture", .text)
                t.column("county", .text)
                t.column("township", .text)
                t.column("admin_code", .text)
                t.column("latitude", .double).check { $0 == nil || ($0 >= -90 && $0 <= 90) }
                t.column("longitude", .double).check { $0 == nil || ($0 >= -180 && $0 <= 180) }
                t.column("dialect_group", .text)
                t.column("dialect_subgroup", .text)
                t.column("dialect_cluster", .text)
                t.column("glottocode", .text)
                t.column("iso639_3", .text)
                t.column("extra", .text)
            }
            try db.create(table: "speaker") { t in
                t.primaryKey("id", .text)
                t.column("name", .text)
                t.column("sex", .text)
                t.column("birth_year", .integer)
                t.column("role", .text)
                t.column("locality_id", .text).references("locality")
                t.column("education", .text)
                t.column("occupation", .text)
                t.column("languages", .text)
                t.column("consent_date", .text)
                t.column("consent_scope", .text)
                t.column("access", .text).notNull().defaults(to: "open")
                t.column("access_until", .text)
                t.column("access_reason", .text)
                t.column("extra", .text)
            }
            try db.create(table: "session") { t in
                t.primaryKey("id", .text)
                t.column("title", .text)
                t.column("date", .text)
                t.column("locality_id", .text).references("locality")
                t.column("content_type", .text)
                t.column("collection_id", .text).notNull().references("collection")
                t.column("recorder", .text)
                t.column("keywords", .text)
                t.column("description", .text)
                t.column("access", .text).notNull().defaults(to: "open")
                t.column("access_until", .text)
                t.column("access_reason", .text)
                t.column("extra", .text)
            }
            try db.create(table: "session_participant") { t in
                t.column("session_id", .text).notNull().references("session", onDelete: .cascade)
                t.column("speaker_id", .text).references("speaker")
                t.column("name", .text)
                t.column("role", .text).notNull()
            }
            try db.create(index: "session_participant_session", on: "session_participant", columns: ["session_id"])
            try db.create(table: "recording") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("session_id", .text).notNull().references("session")
                t.column("stored_path", .text).notNull().unique()
                t.column("original_name", .text).notNull()
                t.column("source_path", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("sha256", .text).notNull().unique()
                t.column("audio_sha256", .text).notNull().indexed()
                t.column("container", .text).notNull()
                t.column("codec", .text).notNull()
                t.column("sample_rate", .integer).notNull()
                t.column("channels", .integer).notNull()
                t.column("bits_per_sample", .integer)
                t.column("frames", .integer).notNull()
                t.column("duration_ms", .integer).notNull()
                t.column("bext_description", .text)
                t.column("bext_originator", .text)
                t.column("bext_originator_reference", .text)
                t.column("bext_origination_date", .text)
                t.column("bext_origination_time", .text)
                t.column("bext_time_reference", .integer)
                t.column("bext_coding_history", .text)
                t.column("access", .text)
                t.column("ingested_at", .text).notNull()
            }
            try db.create(index: "recording_session", on: "recording", columns: ["session_id"])
            try db.create(table: "transcript") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("recording_id", .integer).references("recording")
                t.column("session_id", .text).notNull().references("session")
                t.column("format", .text).notNull()
                t.column("encoding", .text)
                t.column("stored_path", .text).notNull().unique()
                t.column("original_name", .text).notNull()
                t.column("source_path", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("sha256", .text).notNull().unique()
                t.column("media", .text)
                t.column("tier_count", .integer).notNull()
                t.column("segment_count", .integer).notNull()
                t.column("ingested_at", .text).notNull()
            }
            try db.create(index: "transcript_recording", on: "transcript", columns: ["recording_id"])
            try db.create(table: "segment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("transcript_id", .integer).notNull().references("transcript", onDelete: .cascade)
                t.column("recording_id", .integer).references("recording")
                t.column("tier", .text).notNull()
                t.column("tier_index", .integer).notNull()
                t.column("tier_kind", .text).notNull()
                t.column("tier_type", .text).notNull()
                t.column("participant", .text)
                t.column("speaker_id", .text).references("speaker")
                t.column("start_ms", .integer).notNull()
                t.column("end_ms", .integer).notNull()
                t.column("text", .text).notNull()
                t.column("item_number", .text)
            }
            try db.create(index: "segment_transcript", on: "segment", columns: ["transcript_id", "tier_index", "start_ms"])
            try db.create(index: "segment_recording", on: "segment", columns: ["recording_id", "start_ms"])
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("at", .text).notNull()
                t.column("user", .text).notNull()
                t.column("host", .text).notNull()
                t.column("working_directory", .text).notNull()
                t.column("arguments", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("details", .text).notNull()
            }
        }
        migrator.registerMigration("v2 segment search index") { db in
            try db.create(virtualTable: "segment_fts", using: FTS5()) { t in
                t.synchronize(withTable: "segment")
                t.tokenizer = DialectTokenizer.tokenizerDescriptor()
                t.column("text")
            }
        }
        migrator.registerMigration("v3 fingerprints and copies") { db in
            try db.alter(table: "recording") { t in
                t.add(column: "chromaprint", .text)
                t.add(column: "fingerprint_version", .integer)
            }
            try db.create(table: "landmark", options: [.withoutRowID]) { t in
                t.column("hash", .integer).notNull()
                t.column("recording_id", .integer).notNull().references("recording", onDelete: .cascade)
                t.column("frame", .integer).notNull()
                t.primaryKey(["hash", "recording_id", "frame"])
            }
            try db.create(table: "recording_copy") { t in
                t.column("recording_id", .integer).notNull().references("recording", onDelete: .cascade)
                t.column("source_path", .text).notNull()
                t.column("seen_at", .text).notNull()
                t.uniqueKey(["recording_id", "source_path"])
            }
        }
        migrator.registerMigration("v4 fixity and access") { db in
            try db.alter(table: "recording") { t in
                t.add(column: "access_until", .text)
                t.add(column: "access_reason", .text)
                t.add(column: "verified_at", .text)
            }
            try db.alter(table: "transcript") { t in
                t.add(column: "verified_at", .text)
            }
        }
        migrator.registerMigration("v5 tier kinds") { db in
            try db.alter(table: "session") { t in t.add(column: "tier_kinds", .text) }
        }
        migrator.registerMigration("v6 segment spans") { db in
            // The other tiers over a hit's span are found by start time within the transcript.
            try db.create(index: "segment_span", on: "segment", columns: ["transcript_id", "start_ms", "end_ms"])
        }
        migrator.registerMigration("v7 longest segment") { db in
            // Bounds the search for segments overlapping a span: none can start earlier than
            // the span's start minus the transcript's longest segment.
            try db.alter(table: "transcript") { t in t.add(column: "longest_segment_ms", .integer).notNull().defaults(to: 0) }
            try db.execute(sql: """
                UPDATE transcript SET longest_segment_ms = coalesce(
                    (SELECT max(end_ms - start_ms) FROM segment WHERE segment.transcript_id = transcript.id), 0)
                """)
        }
        migrator.registerMigration("v8 search facets") { db in
            // The index gains a facets column (see SearchFacets) and its own triggers.
            try db.execute(sql: """
                DROP TRIGGER "__segment_fts_ai"; DROP TRIGGER "__segment_fts_ad"; DROP TRIGGER "__segment_fts_au";
                DROP TABLE segment_fts;
                """)
            try db.alter(table: "segment") { t in t.add(column: "facets", .text) }
            try SearchFacets.createIndex(db)
            // Whether anything is restricted is asked before every search.
            try db.execute(sql: """
                CREATE INDEX session_restricted ON session(access) WHERE access != 'open';
                CREATE INDEX recording_restricted ON recording(access) WHERE access IS NOT NULL AND access != 'open';
                """)
        }
        migrator.registerMigration("v9 recent landmarks") { db in
            // New recordings' landmarks, searched together with `landmark` and moved into it many
            // recordings at a time (see Archive.mergeLandmarks).
            try db.create(table: "landmark_recent", options: [.withoutRowID]) { t in
                t.column("hash", .integer).notNull()
                t.column("recording_id", .integer).notNull().references("recording", onDelete: .cascade)
                t.column("frame", .integer).notNull()
                t.primaryKey(["hash", "recording_id", "frame"])
            }
        }
        migrator.registerMigration("v10 recording damage") { db in
            // A JSON array of what was found wrong with a file that still decoded; NULL when nothing.
            try db.execute(sql: "ALTER TABLE recording ADD COLUMN warnings TEXT")
        }
        migrator.registerMigration("v11 audit hash chain") { db in
            // Each event is linked to the one before it by hashes (see AuditChain); the events
            // already there are linked as they stand, and the trail says so.
            try db.execute(sql: """
                ALTER TABLE event ADD COLUMN previous_hash TEXT;
                ALTER TABLE event ADD COLUMN hash TEXT;
                """)
            let linked = try AuditChain.link(db)
            // A new archive has no events yet: its trail starts with `init`.
            guard linked > 0 else { return }
            var event = AuditEvent(kind: "migration", summary: "audit trail made a hash chain over its \(linked) existing events",
                                   details: ["migration": "v11 audit hash chain", "events": linked])
            try event.append(db)
        }
        migrator.registerMigration("v12 withdrawals") { db in
            // A withdrawn session, recording or transcript keeps its row (and checksum) so that
            // `show` can say it existed; the partial indexes answer cheaply whether any is withdrawn.
            try db.execute(sql: """
                ALTER TABLE session ADD COLUMN withdrawn_at TEXT;
                ALTER TABLE session ADD COLUMN withdrawn_by TEXT;
                ALTER TABLE session ADD COLUMN withdrawn_reason TEXT;
                ALTER TABLE session ADD COLUMN purged_at TEXT;
                ALTER TABLE recording ADD COLUMN withdrawn_at TEXT;
                ALTER TABLE recording ADD COLUMN withdrawn_by TEXT;
                ALTER TABLE recording ADD COLUMN withdrawn_reason TEXT;
                ALTER TABLE recording ADD COLUMN purged_at TEXT;
                ALTER TABLE transcript ADD COLUMN withdrawn_at TEXT;
                ALTER TABLE transcript ADD COLUMN withdrawn_by TEXT;
                ALTER TABLE transcript ADD COLUMN withdrawn_reason TEXT;
                ALTER TABLE transcript ADD COLUMN purged_at TEXT;
                CREATE INDEX session_withdrawn ON session(withdrawn_at) WHERE withdrawn_at IS NOT NULL;
                CREATE INDEX recording_withdrawn ON recording(withdrawn_at) WHERE withdrawn_at IS NOT NULL;
                CREATE INDEX transcript_withdrawn ON transcript(withdrawn_at) WHERE withdrawn_at IS NOT NULL;
                """)
        }
        migrator.registerMigration("v13 transcript revisions") { db in
            // A corrected transcript replaces the one of the same name; the replaced revision keeps
            // its row and stored file (for fixity and history) but no longer has segments.
            try db.execute(sql: """
                ALTER TABLE transcript ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE transcript ADD COLUMN replaced_by INTEGER REFERENCES transcript(id);
                ALTER TABLE transcript ADD COLUMN replaced_at TEXT;
                """)
        }
        migrator.registerMigration("v14 change sets") { db in
            // Each change to a locality, speaker, session, recording or collection, field by
            // field, belonging to the audit event that made it (see ChangeSet).
            try ChangeSet.createTable(db)
        }
        migrator.registerMigration("v15 accounts") { db in
            // Web accounts, the collections granted to them, their logins and failed logins (see AccountRecords).
            try AccountRecords.createTables(db)
        }
        migrator.registerMigration("v18 remote catalogue") { db in
            // Sessions of peer archives, harvested over OAI-PMH: read-only copies of their
            // catalogue records, each under the endpoint it came from (see RemoteCatalogue).
            try db.execute(sql: """
                CREATE TABLE remote_archive (
                  base_url TEXT PRIMARY KEY,
                  repository_name TEXT NOT NULL,
                  archive_url TEXT NOT NULL,
                  metadata_prefix TEXT NOT NULL,
                  first_harvested_at TEXT NOT NULL,
                  last_harvested_at TEXT NOT NULL
                );
                CREATE TABLE remote_harvest (
                  base_url TEXT NOT NULL REFERENCES remote_archive(base_url),
                  set_spec TEXT NOT NULL DEFAULT '',
                  response_date TEXT NOT NULL,
                  PRIMARY KEY (base_url, set_spec)
                );
                CREATE TABLE remote_session (
                  base_url TEXT NOT NULL REFERENCES remote_archive(base_url),
                  identifier TEXT NOT NULL,
                  datestamp TEXT NOT NULL,
                  deleted INTEGER NOT NULL DEFAULT 0,
                  title TEXT,
                  date TEXT,
                  languages TEXT,
                  place TEXT,
                  latitude REAL,
                  longitude REAL,
                  collection TEXT,
                  sets TEXT,
                  rights TEXT,
                  landing_url TEXT NOT NULL,
                  harvested_at TEXT NOT NULL,
                  PRIMARY KEY (base_url, identifier)
                );
                """)
        }
        // A session's transcripts are asked for by every OAI-PMH datestamp; without this index
        // each asking read every transcript of the archive.
        migrator.registerMigration("v19 transcripts by session") { db in
            try db.execute(sql: "CREATE INDEX transcript_session ON transcript(session_id)")
        }
        // How many landmarks of `landmark` hold each hash, kept by triggers whatever adds or
        // deletes them, so that `identify` looks up a query's rarest hashes first without reading
        // the commonest (see FingerprintMatcher.hashesToLookUp). `landmark_recent` is small and
        // counted when asked.
        migrator.registerMigration("v20 landmarks per hash") { db in
            try db.execute(sql: """
                CREATE TABLE landmark_hash (hash INTEGER PRIMARY KEY, landmarks INTEGER NOT NULL);
                INSERT INTO landmark_hash (hash, landmarks) SELECT hash, count(*) FROM landmark GROUP BY hash;
                CREATE TRIGGER landmark_counted AFTER INSERT ON landmark BEGIN
                  INSERT INTO landmark_hash (hash, landmarks) VALUES (new.hash, 1)
                  ON CONFLICT (hash) DO UPDATE SET landmarks = landmarks + 1;
                END;
                CREATE TRIGGER landmark_uncounted AFTER DELETE ON landmark BEGIN
                  UPDATE landmark_hash SET landmarks = landmarks - 1 WHERE hash = old.hash;
                END;
                """)
        }
        return migrator
    }
}
