import Foundation

/// The SQL of reading the audit trail a page at a time, newest first, narrowed by kind and by
/// who is named in an event.
enum AuditLogRecords {
    /// The condition and its arguments for `kind` and `user` (nil: any). An event concerns a user
    /// when it was recorded under that operating-system user, or its details name that account
    /// as the one acting (`by`), asking (`access`) or acted on (`account`).
    static func condition(kind: String?, user: String?, _ store: StoreKind) -> (sql: String, arguments: [any SQLValueConvertible]) {
        var clauses: [String] = [], arguments: [any SQLValueConvertible] = []
        if let kind {
            clauses.append("kind = ?")
            arguments.append(kind)
        }
        if let user {
            switch store {
            case .sqlite:
                clauses.append("""
                    ("user" = ? OR (json_valid(details) AND (json_extract(details, '$.by') = ? OR json_extract(details, '$.account') = ?)))
                    """)
            case .postgres:
                clauses.append(#"("user" = ? OR json_member(details, 'by') = ? OR json_member(details, 'account') = ?)"#)
            }
            arguments += [user, user, user]
        }
        return (clauses.isEmpty ? "1 = 1" : clauses.joined(separator: " AND "), arguments)
    }

    static func count(kind: String?, user: String?, _ db: StoreDatabase) throws -> Int {
        let condition = condition(kind: kind, user: user, db.kind)
        return try db.value("SELECT count(*) FROM event WHERE \(condition.sql)", condition.arguments, as: Int.self) ?? 0
    }

    static func page(kind: String?, user: String?, limit: Int, offset: Int, _ db: StoreDatabase) throws -> [AuditEvent] {
        let condition = condition(kind: kind, user: user, db.kind)
        return try db.rows("SELECT \(AuditEvent.columns) FROM event WHERE \(condition.sql) ORDER BY id DESC LIMIT ? OFFSET ?",
                           condition.arguments + [limit, offset]).map(AuditEvent.init(row:))
    }

    /// Every event, oldest first.
    static func all(_ db: StoreDatabase) throws -> [AuditEvent] {
        try db.rows("SELECT \(AuditEvent.columns) FROM event ORDER BY id").map(AuditEvent.init(row:))
    }

    /// Every kind of event the trail holds, for choosing one.
    static func kinds(_ db: StoreDatabase) throws -> [String] {
        try db.values("SELECT DISTINCT kind FROM event ORDER BY kind")
    }
}

extension AuditEvent {
    /// The columns `init(row:)` reads.
    static let columns = #"id, kind, at, "user", host, working_directory, arguments, summary, details, previous_hash, hash"#

    /// An event as read with `columns`.
    init(row: SQLRow) {
        id = row[0]
        kind = row[1]
        at = row[2]
        user = row[3]
        host = row[4]
        workingDirectory = row[5]
        arguments = row[6]
        summary = row[7]
        details = row[8]
        previousHash = row[9]
        hash = row[10]
    }
}
