import Foundation

/// One value passed to or read from the archive's database, of either kind: what SQLite
/// stores (null, integer, real, text, blob) plus PostgreSQL's `boolean`, which SQLite stores
/// as 0 or 1.
enum SQLValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case boolean(Bool)
}

/// A Swift value the archive's statements bind and read.
protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
    /// The value read back, nil when the column holds another kind of value.
    init?(sqlValue: SQLValue)
}

extension String: SQLValueConvertible {
    var sqlValue: SQLValue { .text(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .text(let text): self = text
        case .integer(let number): self = String(number)
        default: return nil
        }
    }
}

extension Int64: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let number): self = number
        case .boolean(let flag): self = flag ? 1 : 0
        case .real(let number) where number.rounded() == number: self = Int64(number)
        default: return nil
        }
    }
}

extension Int: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    init?(sqlValue: SQLValue) {
        guard let number = Int64(sqlValue: sqlValue) else { return nil }
        self = Int(number)
    }
}

extension Double: SQLValueConvertible {
    var sqlValue: SQLValue { .real(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let number): self = number
        case .integer(let number): self = Double(number)
        default: return nil
        }
    }
}

extension Bool: SQLValueConvertible {
    var sqlValue: SQLValue { .boolean(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .boolean(let flag): self = flag
        case .integer(let number): self = number != 0
        default: return nil
        }
    }
}

extension Data: SQLValueConvertible {
    var sqlValue: SQLValue { .blob(Array(self)) }
    init?(sqlValue: SQLValue) {
        guard case .blob(let bytes) = sqlValue else { return nil }
        self = Data(bytes)
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    var sqlValue: SQLValue { map(\.sqlValue) ?? .null }
    init?(sqlValue: SQLValue) {
        if sqlValue == .null {
            self = .none
        } else if let value = Wrapped(sqlValue: sqlValue) {
            self = .some(value)
        } else {
            return nil
        }
    }
}
