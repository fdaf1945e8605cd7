import Hummingbird

/// `/api/openapi.json`: the JSON API described in OpenAPI 3.1, written by hand so that it says
/// what the endpoints promise; a test checks the running server against it.
struct OpenAPIDocument {
    func add(to router: Router<WebContext>) {
        router.get("/api/openapi.json") { _, _ in
            Responses.body(Self.json, type: "application/json; charset=utf-8")
        }
    }

    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "dialect-archive",
        "version": "1",
        "description": "Search, compare and read an archive of spoken-dialect recordings. Answers are what the CLI's --json prints for the same question, as an anonymous visitor (open material only) may ask it. Times are integer milliseconds."
      },
      "paths": {
        "/api/search": {
          "get": {
            "summary": "Hits of a query with the exact total and facet counts over every hit",
            "description": "With facets=false, only the page and the exact total: by_locality, by_dialect_group and facets are then empty lists. Facet counts may be kept by the server until the archive next changes.",
            "parameters": [
              {"$ref": "#/components/parameters/q"},
              {"$ref": "#/components/parameters/locality"}, {"$ref": "#/components/parameters/dialect"},
              {"$ref": "#/components/parameters/speaker"}, {"$ref": "#/components/parameters/role"},
              {"$ref": "#/components/parameters/sex"}, {"$ref": "#/components/parameters/born"},
              {"$ref": "#/components/parameters/recorded"}, {"$ref": "#/components/parameters/content"},
              {"$ref": "#/components/parameters/tier"}, {"$ref": "#/components/parameters/collection"},
              {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["archive", "relevance", "place"]}},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 10000000}},
              {"name": "facets", "in": "query", "description": "false for the page and its exact total only, without the counts per locality, dialect group and facet", "schema": {"type": "string", "enum": ["true", "false"]}},
              {"name": "scope", "in": "query", "description": "network: also ask every peer archive (serve --peers) over CLARIN FCS, each within its time budget", "schema": {"type": "string", "enum": ["archive", "network"]}}
            ],
            "responses": {
              "200": {"description": "A page of hits; with scope=network, the hits grouped by archive (this archive first) with each archive's status, scores not merged", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/SearchResult"}, {"$ref": "#/components/schemas/NetworkSearchResult"}]}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}
            }
          }
        },
        "/api/compare": {
          "get": {
            "summary": "One item across localities, ordered by dialect classification",
            "parameters": [
              {"$ref": "#/components/parameters/q"},
              {"$ref": "#/components/parameters/locality"}, {"$ref": "#/components/parameters/dialect"},
              {"$ref": "#/components/parameters/speaker"}, {"$ref": "#/components/parameters/role"},
              {"$ref": "#/components/parameters/sex"}, {"$ref": "#/components/parameters/born"},
              {"$ref": "#/components/parameters/recorded"}, {"$ref": "#/components/parameters/content"},
              {"$ref": "#/components/parameters/tier"}, {"$ref": "#/components/parameters/collection"}
            ],
            "responses": {
              "200": {"description": "One row per locality", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/ComparisonRow"}}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}
            }
          }
        },
        "/api/stats": {
          "get": {
            "summary": "The archive's figures",
            "responses": {
              "200": {"description": "Counts and hours", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}}
            }
          }
        },
        "/api/recordings/{id}": {
          "get": {
            "summary": "A recording with its session, place, speakers and transcripts",
            "parameters": [{"$ref": "#/components/parameters/recordingId"}],
            "responses": {
              "200": {"description": "The recording", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecordingDetail"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        },
        "/api/sessions/{id}": {
          "get": {
            "summary": "A session with its place, participants and recordings",
            "parameters": [{"$ref": "#/components/parameters/recordId"}],
            "responses": {
              "200": {"description": "The session", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SessionDetail"}}}},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        },
        "/api/speakers/{id}": {
          "get": {
            "summary": "A speaker (a restricted speaker by id and role only)",
            "parameters": [{"$ref": "#/components/parameters/recordId"}],
            "responses": {
              "200": {"description": "The speaker", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SpeakerRecord"}}}},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        },
        "/api/localities/{id}": {
          "get": {
            "summary": "A survey site",
            "parameters": [{"$ref": "#/components/parameters/recordId"}],
            "responses": {
              "200": {"description": "The locality", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LocalityRecord"}}}},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        },
        "/api/collections/{id}": {
          "get": {
            "summary": "A collection",
            "parameters": [{"$ref": "#/components/parameters/recordId"}],
            "responses": {
              "200": {"description": "The collection", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CollectionRecord"}}}},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        },
        "/api/recordings/{id}/audio": {
          "get": {
            "summary": "A span of the recording as WAV, cut from the original as clip cuts it",
            "parameters": [
              {"$ref": "#/components/parameters/recordingId"},
              {"name": "start_ms", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 0}},
              {"name": "end_ms", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 0}},
              {"name": "pad_ms", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 10000}}
            ],
            "responses": {
              "200": {"description": "The span, at the original's rate, channels and sample format", "content": {"audio/wav": {"schema": {"type": "string", "contentMediaType": "audio/wav"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "410": {"$ref": "#/components/responses/Gone"}
            }
          }
        },
        "/api/recordings/{id}/original": {
          "get": {
            "summary": "The stored original, whole or the part a single Range asks for",
            "parameters": [
              {"$ref": "#/components/parameters/recordingId"},
              {"name": "Range", "in": "header", "schema": {"type": "string"}, "example": "bytes=0-1023"}
            ],
            "responses": {
              "200": {"description": "The whole file", "headers": {"Accept-Ranges": {"schema": {"type": "string", "const": "bytes"}}}, "content": {"audio/*": {"schema": {"type": "string"}}, "application/octet-stream": {"schema": {"type": "string"}}}},
              "206": {"description": "The part asked for", "headers": {"Content-Range": {"required": true, "schema": {"type": "string", "pattern": "^bytes [0-9]+-[0-9]+/[0-9]+$"}}}, "content": {"audio/*": {"schema": {"type": "string"}}, "application/octet-stream": {"schema": {"type": "string"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "410": {"$ref": "#/components/responses/Gone"},
              "416": {"description": "The range lies outside the file", "headers": {"Content-Range": {"required": true, "schema": {"type": "string", "pattern": "^bytes \\*/[0-9]+$"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          }
        },
    \#(archivistPaths)
        "/api/openapi.json": {
          "get": {
            "summary": "This document",
            "responses": {
              "200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object", "required": ["openapi", "paths"]}}}}
            }
          }
        }
      },
      "components": \#(components)
    }
    """#
}
