/// The parts of `/api/openapi.json` for archivists and admins: the audit trail, the history of
/// records and the accounts. Anyone else is refused with 403.
extension OpenAPIDocument {
    static let archivistPaths = #"""
        "/api/log": {
          "get": {
            "summary": "A page of the audit trail, newest first, for archivists and admins: the events log --json prints",
            "parameters": [
              {"name": "kind", "in": "query", "description": "Only events of this kind (ingest, edit, access, account ...)", "schema": {"type": "string"}},
              {"name": "user", "in": "query", "description": "Only events recorded under this operating-system user, or naming this account as acting, asking or acted on", "schema": {"type": "string"}},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647}}
            ],
            "responses": {
              "200": {"description": "The page with the number of matching events", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AuditLogPage"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "403": {"$ref": "#/components/responses/NotAllowed"}
            }
          }
        },
        "/api/log/verify": {
          "get": {
            "summary": "Whether the audit trail's hash chain is unbroken, as log --verify --json prints it",
            "responses": {
              "200": {"description": "The check", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AuditTrailReport"}}}},
              "403": {"$ref": "#/components/responses/NotAllowed"}
            }
          }
        },
        "/api/accounts": {
          "get": {
            "summary": "The accounts with their roles and granted collections, for admins: what user list --json prints",
            "responses": {
              "200": {"description": "The accounts", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Account"}}}}},
              "403": {"$ref": "#/components/responses/NotAllowed"}
            }
          }
        },
        "/api/recordings/{id}/history": \#(historyPath("recordingId")),
        "/api/sessions/{id}/history": \#(historyPath("recordId")),
        "/api/speakers/{id}/history": \#(historyPath("recordId")),
        "/api/localities/{id}/history": \#(historyPath("recordId")),
        "/api/collections/{id}/history": \#(historyPath("recordId")),
    """#

    static func historyPath(_ parameter: String) -> String {
        #"""
        {
          "get": {
            "summary": "Everything that happened to the record, oldest first, for archivists and admins: what history ID --json prints",
            "parameters": [{"$ref": "#/components/parameters/\#(parameter)"}],
            "responses": {
              "200": {"description": "The history", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecordHistory"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "403": {"$ref": "#/components/responses/NotAllowed"},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        }
        """#
    }

    static let archivistResponses = #"""
          "NotAllowed": {"description": "Only archivists and admins (for accounts: admins) may ask this", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
    """#

    static let archivistSchemas = #"""
          "AuditEvent": {
            "type": "object", "required": ["kind", "at", "user", "host", "working_directory", "arguments", "summary", "details"],
            "properties": {
              "id": {"type": "integer"}, "kind": {"type": "string"}, "at": {"type": "string"}, "user": {"type": "string"},
              "host": {"type": "string"}, "working_directory": {"type": "string"}, "arguments": {"type": "string"},
              "summary": {"type": "string"}, "details": {"type": "string", "description": "A JSON object, as text"},
              "previous_hash": {"type": "string"}, "hash": {"type": "string"}
            }
          },
          "AuditLogPage": {
            "type": "object", "required": ["total", "offset", "limit", "events"],
            "properties": {
              "total": {"type": "integer", "minimum": 0}, "offset": {"type": "integer", "minimum": 0},
              "limit": {"type": "integer", "minimum": 1, "maximum": 500}, "kind": {"type": "string"}, "user": {"type": "string"},
              "events": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEvent"}}
            }
          },
          "AuditTrailReport": {
            "type": "object", "required": ["events", "first_break", "unbroken"],
            "properties": {
              "events": {"type": "integer", "minimum": 0}, "unbroken": {"type": "boolean"},
              "first_break": {"oneOf": [{"type": "null"}, {
                "type": "object", "required": ["id", "kind", "at", "reason"],
                "properties": {"id": {"type": "integer"}, "kind": {"type": "string"}, "at": {"type": "string"}, "reason": {"type": "string"}}
              }]}
            }
          },
          "RecordHistory": {
            "type": "object", "required": ["kind", "id", "entries"],
            "properties": {
              "kind": {"enum": ["recording", "session", "speaker", "locality", "collection"]}, "id": {"type": "string"},
              "entries": {"type": "array", "items": {
                "type": "object", "required": ["kind", "at", "record", "summary", "fields", "files"],
                "properties": {
                  "kind": {"enum": ["created", "changed", "access_changed", "transcript_added", "transcript_revised", "withdrawn", "purged", "fixity_check", "exported"]},
                  "at": {"type": "string"}, "user": {"type": "string"}, "event": {"type": "integer"}, "record": {"type": "string"},
                  "summary": {"type": "string"}, "reason": {"type": "string"}, "source": {"type": "string"}, "outcome": {"type": "string"},
                  "fields": {"type": "array", "items": {"type": "object", "required": ["field"], "properties": {"field": {"type": "string"}, "before": {"type": "string"}, "after": {"type": "string"}}}},
                  "files": {"type": "array", "items": {"type": "object", "required": ["path", "sha256"], "properties": {"path": {"type": "string"}, "sha256": {"type": "string"}, "outcome": {"type": "string"}}}},
                  "revision": {"type": "object"}
                }
              }}
            }
          },
          "Account": {
            "type": "object", "required": ["name", "role", "created_at", "collections"],
            "properties": {
              "name": {"type": "string"}, "role": {"enum": ["researcher", "archivist", "admin"]}, "created_at": {"type": "string"},
              "collections": {"type": "array", "items": {"type": "string"}}
            }
          },
    """#
}
