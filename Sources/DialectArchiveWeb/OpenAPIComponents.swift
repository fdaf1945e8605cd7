/// The schemas, parameters and responses that `/api/openapi.json` refers to.
extension OpenAPIDocument {
    static let components = #"""
    {
        "parameters": {
          "q": {"name": "q", "in": "query", "required": true, "description": "The CLI's query language: words, \"phrases\", a OR b, -word, prefix*", "schema": {"type": "string"}, "examples": ["月光", "光 OR 头", "tɕi"]},
          "locality": {"name": "locality", "in": "query", "description": "Locality id or name, or its county, prefecture or province", "schema": {"type": "string"}},
          "dialect": {"name": "dialect", "in": "query", "description": "Dialect group, sub-group or cluster", "schema": {"type": "string"}},
          "speaker": {"name": "speaker", "in": "query", "description": "Speaker id or name", "schema": {"type": "string"}},
          "role": {"name": "role", "in": "query", "description": "Speaker role", "schema": {"enum": ["老男", "青男", "老女", "青女", "口头文化", "地方普通话", "other", "其他", "oral-culture", "oral culture", "local-mandarin", "local mandarin", "older man", "older-man", "younger man", "younger-man", "older woman", "older-woman", "younger woman", "younger-woman"]}},
          "sex": {"name": "sex", "in": "query", "schema": {"enum": ["m", "male", "男", "f", "female", "女", "other", "其他"]}},
          "born": {"name": "born", "in": "query", "description": "Birth years, 1940-1960 or 1950 (the first no later than the second)", "schema": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{4})?$"}},
          "recorded": {"name": "recorded", "in": "query", "description": "Session dates, 2020-2024 or 2020-05-01..2021-06-30 (the first no later than the second)", "schema": {"type": "string", "pattern": "^([0-9]{4}(-[0-9]{4})?|[0-9]{4}-[0-9]{2}-[0-9]{2}\\.\\.[0-9]{4}-[0-9]{2}-[0-9]{2})$"}},
          "content": {"name": "content", "in": "query", "description": "Content type", "schema": {"enum": ["单字", "词汇", "语法", "话语", "口头文化", "other", "其他", "characters", "syllables", "words", "vocabulary", "lexicon", "grammar", "discourse", "narrative", "conversation", "oral-culture", "oral culture"]}},
          "tier": {"name": "tier", "in": "query", "description": "A tier kind (orthography, ipa, translation, gloss, other) or tier name", "schema": {"type": "string"}},
          "collection": {"name": "collection", "in": "query", "description": "Collection id", "schema": {"type": "string"}},
          "recordingId": {"name": "id", "in": "path", "required": true, "description": "The recording's number", "schema": {"type": "integer", "minimum": 1}},
          "recordId": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1}}
        },
        "responses": {
    \#(archivistResponses)
          "BadRequest": {"description": "A malformed question (a query's message is the CLI's)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Forbidden": {"description": "Restricted material", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "NotFound": {"description": "No such record (closed material is not found)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Gone": {"description": "Withdrawn from the archive", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
    \#(archivistSchemas)
          "Error": {"type": "object", "required": ["error"], "additionalProperties": false, "properties": {"error": {"type": "string", "minLength": 1}}},
          "Count": {"type": "object", "required": ["label", "hits"], "properties": {"label": {"type": "string"}, "hits": {"type": "integer", "minimum": 1}}},
          "Facet": {
            "type": "object", "required": ["name", "filter", "values"],
            "properties": {
              "name": {"enum": ["locality", "dialect_group", "dialect_subgroup", "dialect_cluster", "role", "sex", "content", "tier_kind", "collection", "born", "recorded"]},
              "filter": {"enum": ["locality", "dialect", "role", "sex", "content", "tier", "collection", "born", "recorded"]},
              "values": {"type": "array", "items": {
                "type": "object", "required": ["label", "hits"],
                "properties": {"value": {"type": "string", "description": "The filter value that narrows to these hits; absent when the hits have no value"}, "label": {"type": "string"}, "hits": {"type": "integer", "minimum": 1}}
              }}
            }
          },
          "NetworkSearchResult": {
            "type": "object", "required": ["archives"],
            "properties": {"archives": {"type": "array", "items": {
              "type": "object", "required": ["name", "url", "status", "time_ms", "total", "hits"],
              "properties": {
                "name": {"type": "string"}, "url": {"type": "string"},
                "status": {"type": "string", "enum": ["ok", "timed out", "unreachable", "error", "skipped"]},
                "time_ms": {"type": "integer", "minimum": 0}, "total": {"type": "integer", "minimum": 0},
                "message": {"type": "string", "description": "The archive's error, or why it is skipped"},
                "query": {"type": "string", "description": "The CQL query a peer was asked: the search's words and phrases as quoted terms with AND, OR, NOT and a prefix's *"},
                "left_out": {"type": "array", "items": {"type": "string"}, "description": "The filters a peer was not asked (locality=gz), FCS having none"},
                "hits": {"type": "array", "items": {
                  "type": "object", "required": ["archive", "text", "highlights"],
                  "properties": {"archive": {"type": "string"}, "text": {"type": "string"},
                    "highlights": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
                    "link": {"type": "string", "description": "The archive's URL that plays the hit"}}
                }}
              }
            }}}
          },
          "SearchResult": {
            "type": "object",
            "required": ["query", "total", "offset", "hits", "by_locality", "by_dialect_group", "facets", "includes_restricted"],
            "properties": {
              "query": {"type": "string"},
              "total": {"type": "integer", "minimum": 0},
              "offset": {"type": "integer", "minimum": 0},
              "hits": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
              "by_locality": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}},
              "by_dialect_group": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}},
              "facets": {"type": "array", "items": {"$ref": "#/components/schemas/Facet"}},
              "includes_restricted": {"const": false}
            }
          },
          "SearchHit": {
            "type": "object",
            "required": ["segment_id", "session_id", "tier", "tier_kind", "start_ms", "end_ms", "text", "highlighted", "highlights", "parallel"],
            "properties": {
              "segment_id": {"type": "integer"},
              "recording_id": {"type": "integer"},
              "recording_file": {"type": "string"},
              "session_id": {"type": "string"},
              "speaker": {"$ref": "#/components/schemas/SpeakerSummary"},
              "locality": {"$ref": "#/components/schemas/LocalitySummary"},
              "dialect": {"type": "string"},
              "tier": {"type": "string"},
              "tier_kind": {"type": "string"},
              "start_ms": {"type": "integer", "minimum": 0},
              "end_ms": {"type": "integer", "minimum": 0},
              "text": {"type": "string"},
              "highlighted": {"type": "string"},
              "highlights": {"type": "array", "items": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}},
              "parallel": {"type": "array", "items": {"$ref": "#/components/schemas/ParallelSegment"}}
            }
          },
          "SpeakerSummary": {
            "type": "object", "required": ["id"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "role": {"type": "string"}, "sex": {"type": "string"}, "birth_year": {"type": "integer"}}
          },
          "LocalitySummary": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
          "ParallelSegment": {
            "type": "object", "required": ["tier", "tier_kind", "start_ms", "end_ms", "text"],
            "properties": {"tier": {"type": "string"}, "tier_kind": {"type": "string"}, "start_ms": {"type": "integer"}, "end_ms": {"type": "integer"}, "text": {"type": "string"}}
          },
          "ComparisonRow": {
            "type": "object", "required": ["hits", "ipa"],
            "properties": {
              "locality": {"$ref": "#/components/schemas/LocalitySummary"},
              "dialect": {"type": "string"},
              "hits": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}, "minItems": 1},
              "ipa": {"type": "array", "items": {"type": "string"}}
            }
          },
          "StatsLine": {"type": "object", "required": ["label", "recordings", "duration_ms"], "properties": {"label": {"type": "string"}, "recordings": {"type": "integer", "minimum": 0}, "duration_ms": {"type": "integer", "minimum": 0}}},
          "Stats": {
            "type": "object",
            "required": ["recordings", "duration_ms", "bytes", "sessions", "speakers", "localities", "collections", "transcripts", "segments", "by_locality", "by_dialect", "by_speaker_role", "by_content_type", "by_format"],
            "properties": {
              "recordings": {"type": "integer", "minimum": 0}, "duration_ms": {"type": "integer", "minimum": 0}, "bytes": {"type": "integer", "minimum": 0},
              "sessions": {"type": "integer", "minimum": 0}, "speakers": {"type": "integer", "minimum": 0}, "localities": {"type": "integer", "minimum": 0},
              "collections": {"type": "integer", "minimum": 0}, "transcripts": {"type": "integer", "minimum": 0}, "segments": {"type": "integer", "minimum": 0},
              "by_locality": {"type": "array", "items": {"$ref": "#/components/schemas/StatsLine"}},
              "by_dialect": {"type": "array", "items": {"$ref": "#/components/schemas/StatsLine"}},
              "by_speaker_role": {"type": "array", "items": {"$ref": "#/components/schemas/StatsLine"}},
              "by_content_type": {"type": "array", "items": {"$ref": "#/components/schemas/StatsLine"}},
              "by_format": {"type": "array", "items": {"$ref": "#/components/schemas/StatsLine"}}
            }
          },
          "Recording": {
            "type": "object", "required": ["id", "session_id", "original_name", "stored_path", "size", "sha256", "duration_ms"],
            "properties": {
              "id": {"type": "integer", "minimum": 1}, "session_id": {"type": "string"}, "original_name": {"type": "string"},
              "stored_path": {"type": "string"}, "size": {"type": "integer", "minimum": 0}, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
              "duration_ms": {"type": "integer", "minimum": 0}, "sample_rate": {"type": "integer"}, "channels": {"type": "integer"}
            }
          },
          "Session": {"type": "object", "required": ["id", "title", "access"], "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "access": {"enum": ["open", "restricted", "closed"]}}},
          "Locality": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "latitude": {"type": "number"}, "longitude": {"type": "number"}}},
          "Speaker": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "birth_year": {"type": "integer"}}},
          "Segment": {"type": "object", "required": ["tier", "start_ms", "end_ms", "text"], "properties": {"tier": {"type": "string"}, "start_ms": {"type": "integer"}, "end_ms": {"type": "integer"}, "text": {"type": "string"}}},
          "RecordingDetail": {
            "type": "object", "required": ["type", "recording", "session", "speakers", "transcripts"],
            "properties": {
              "type": {"const": "recording"},
              "recording": {"$ref": "#/components/schemas/Recording"},
              "session": {"$ref": "#/components/schemas/Session"},
              "locality": {"$ref": "#/components/schemas/Locality"},
              "speakers": {"type": "array", "items": {"$ref": "#/components/schemas/Speaker"}},
              "transcripts": {"type": "array", "items": {
                "type": "object", "required": ["file", "segments", "revisions"],
                "properties": {"file": {"type": "object"}, "segments": {"type": "array", "items": {"$ref": "#/components/schemas/Segment"}}, "revisions": {"type": "integer", "minimum": 1}}
              }},
              "withdrawn": {"type": "object"}
            }
          },
          "SessionDetail": {
            "type": "object", "required": ["type", "session", "participants", "recordings"],
            "properties": {
              "type": {"const": "session"},
              "session": {"$ref": "#/components/schemas/Session"},
              "locality": {"$ref": "#/components/schemas/Locality"},
              "participants": {"type": "array", "items": {"type": "object"}},
              "recordings": {"type": "array", "items": {"$ref": "#/components/schemas/Recording"}},
              "withdrawn": {"type": "object"}
            }
          },
          "SpeakerRecord": {"type": "object", "required": ["type", "record"], "properties": {"type": {"const": "speaker"}, "record": {"$ref": "#/components/schemas/Speaker"}}},
          "LocalityRecord": {"type": "object", "required": ["type", "record"], "properties": {"type": {"const": "locality"}, "record": {"$ref": "#/components/schemas/Locality"}}},
          "CollectionRecord": {"type": "object", "required": ["type", "record"], "properties": {"type": {"const": "collection"}, "record": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}
        }
      }
    """#
}
