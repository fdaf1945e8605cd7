import GRDB

/// The SQL of reading the audit trail a page at a time, newest first, narrowed by kind and by
/// who is named in an event.
enum AuditLogRecords {
    /// The condition and its arguments for `kind` and `user` (nil: any). An event concerns a user
    /// when it was recorded under that operating-system user, or its details name that account
    /// as the one acting (`by`), asking (`access`) or acted on (`account`).
    static func condition(kind: String?, user: String?) -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = [], arguments: StatementArguments = []
        if let kind {
            clauses.append("kind = ?")
            arguments += [kind]
        }
        if let user {
            clauses.append("""
                (user = ? OR (json_valid(details) AND (json_extract(details, '$.by') = ? OR json_extract(details, '$.account') = ?)))
                """)
            arguments += [user, user, user]
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    static func count(kind: String?, user: String?, _ db: Database) throws -> Int {
        let condition = condition(kind: kind, user: user)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM event WHERE \(condition.sql)", arguments: condition.arguments) ?? 0
    }

    static func page(kind: String?, user: String?, limit: Int, offset: Int, _ db: Database) throws -> [AuditEvent] {
        let condition = condition(kind: kind, user: user)
        return try AuditEvent.fetchAll(db, sql: "SELECT * FROM event WHERE \(condition.sql) ORDER BY id DESC LIMIT ? OFFSET ?",
                                       arguments: condition.arguments + [limit, offset])
    }

    /// Every kind of event the trail holds, for choosing one.
    static func kinds(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT kind FROM event ORDER BY kind")
    }
}
