import Foundation
import PostgresNIO

/// `StoreDatabase` over the archive's PostgreSQL connection, inside one of its transactions.
/// `?` placeholders become `$1`, `$2`, … (outside quoted literals); `?N` becomes `$N`.
final class PostgresStoreDatabase: StoreDatabase {
    let database: PostgresDatabase
    var kind: StoreKind { .postgres }

    init(_ database: PostgresDatabase) {
        self.database = database
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try database.result(query(sql, arguments)).metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let result = try database.result(query(sql, arguments))
        guard let first = result.rows.first else { return [] }
        let columns = first.map(\.columnName)
        return try result.rows.map { row in SQLRow(columns: columns, values: try row.map(Self.value)) }
    }

    /// A transaction-scoped advisory lock: held until commit or rollback, by any process.
    func lockAuditTrail() throws {
        try execute("SELECT pg_advisory_xact_lock(?)", [Self.auditTrailLock])
    }

    /// The advisory lock's key: the audit trail's, and nothing else's in the archive.
    static let auditTrailLock: Int64 = 0x6175_6469_7400

    private func query(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: binds.appendNull()
            case .integer(let number): binds.append(number)
            case .real(let number): binds.append(number)
            case .text(let text): binds.append(text)
            case .blob(let bytes): binds.append(ByteBuffer(bytes: bytes))
            case .boolean(let flag): binds.append(flag)
            }
        }
        return PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds)
    }

    /// `sql` with its `?` placeholders numbered `$first`, `$first + 1`, … and its `?N` written
    /// `$N`, as PostgreSQL writes them; a `?` after a `?N` is numbered after it, as SQLite
    /// numbers it. A `?` inside a quoted literal stays.
    static func numbered(_ sql: String, from first: Int = 1) -> String {
        var result = "", next = first, quoted = false
        var characters = sql.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            if character == "'" { quoted.toggle() }
            guard character == "?", !quoted else {
                result.append(character)
                continue
            }
            var digits = ""
            while let digit = pending, digit.isASCII, digit.isNumber {
                digits.append(digit)
                pending = characters.next()
            }
            if digits.isEmpty {
                result += "$\(next)"
                next += 1
            } else {
                result += "$" + digits
                next = max(next, (Int(digits) ?? 0) + 1)
            }
        }
        return result
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric:
            // `sum()` of integers is numeric on PostgreSQL; SQLite answers an integer.
            let number = try cell.decode(Decimal.self)
            if number == number.rounded(), let integer = Int64(exactly: NSDecimalNumber(decimal: number)) { return .integer(integer) }
            return .real(NSDecimalNumber(decimal: number).doubleValue)
        case .bool: return .boolean(try cell.decode(Bool.self))
        case .bytea: return .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
        default: return .text(try cell.decode(String.self))
        }
    }
}

private extension Decimal {
    func rounded() -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
