import Foundation
import GRDB

/// `StoreDatabase` over a GRDB connection inside one of its reads or writes. Statements are
/// kept prepared, so a statement run for every row of an ingest is compiled once.
final class SQLiteStoreDatabase: StoreDatabase {
    let db: Database
    var kind: StoreKind { .sqlite }

    init(_ db: Database) {
        self.db = db
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        try Self.rows(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments))
    }

    func lockAuditTrail() throws {}

    /// The rows of a prepared GRDB statement, for the SQLite paths that build their statements
    /// with GRDB's arguments.
    static func rows(_ statement: Statement, arguments: StatementArguments) throws -> [SQLRow] {
        let columns = statement.columnNames
        return try Row.fetchAll(statement, arguments: arguments).map { SQLRow(columns: columns, values: $0.databaseValues.map(value)) }
    }

    private static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValueConvertible? in
            switch value {
            case .null: return nil
            case .integer(let number): return number
            case .real(let number): return number
            case .text(let text): return text
            case .blob(let bytes): return Data(bytes)
            case .boolean(let flag): return flag
            }
        })
    }

    private static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .integer(number)
        case .double(let number): return .real(number)
        case .string(let text): return .text(text)
        case .blob(let data): return .blob(Array(data))
        }
    }
}
