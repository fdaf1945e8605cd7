/// The archive's database, SQLite or PostgreSQL, as one read or one transaction sees it. The
/// library's statements are written once, with `?` placeholders, in the SQL both databases
/// read alike (table and column names are the same on both, `"user"` quoted, `ON CONFLICT`
/// rather than `INSERT OR IGNORE`, `RETURNING` for new ids); what the two must do differently
/// is asked of `kind`.
protocol StoreDatabase: AnyObject {
    /// Which database this is.
    var kind: StoreKind { get }
    /// Runs a statement; returns how many rows it inserted, changed or deleted.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Every row of a query's answer.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Keeps every other writer from appending to the audit trail until this transaction ends,
    /// so that the trail stays one chain. SQLite's write transaction already does.
    func lockAuditTrail() throws
}

/// The two databases an archive can live in.
enum StoreKind: String, Sendable {
    case sqlite, postgres
}

extension StoreDatabase {
    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> Int {
        try execute(sql, arguments.map(\.sqlValue))
    }

    func rows(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> [SQLRow] {
        try rows(sql, arguments.map(\.sqlValue))
    }

    /// The first row of the answer, nil when there is none.
    func row(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row, nil when there is no row or its value is null.
    func value<T: SQLValueConvertible>(_ sql: String, _ arguments: [any SQLValueConvertible] = [], as type: T.Type = T.self) throws -> T? {
        guard let row = try row(sql, arguments) else { return nil }
        let value: T? = row[0]
        return value
    }

    /// The first column of every row.
    func values<T: SQLValueConvertible>(_ sql: String, _ arguments: [any SQLValueConvertible] = [], as type: T.Type = T.self) throws -> [T] {
        try rows(sql, arguments).map { $0[0] }
    }
}
