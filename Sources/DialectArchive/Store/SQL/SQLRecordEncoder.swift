import Foundation

/// A record's columns and values, as `INSERT` and `UPDATE` write them: each property under its
/// snake-case name (see `SQLColumnName`), nil as NULL, a raw-value enum as its raw value, and
/// an array or other nested value as JSON text.
final class SQLRecordEncoder: Encoder {
    private(set) var columns: [(name: String, value: SQLValue)] = []
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func columns<T: Encodable>(of record: T) throws -> [(name: String, value: SQLValue)] {
        let encoder = SQLRecordEncoder()
        try record.encode(to: encoder)
        return encoder.columns
    }

    fileprivate func set(_ key: any CodingKey, _ value: SQLValue) {
        let name = SQLColumnName.snakeCase(key.stringValue)
        if let index = columns.firstIndex(where: { $0.name == name }) { columns[index].value = value } else { columns.append((name, value)) }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Columns<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("a record is written as columns, not a list")
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        preconditionFailure("a record is written as columns, not one value")
    }

    /// One column's value: directly when the database holds it, a raw-value enum's raw value,
    /// JSON text otherwise.
    static func value<T: Encodable>(_ value: T) throws -> SQLValue {
        if let convertible = value as? any SQLValueConvertible { return convertible.sqlValue }
        let single = SingleValue()
        do {
            try value.encode(to: single)
            if let captured = single.captured { return captured }
        } catch is SingleValue.NotSingle {}
        let data = try JSONEncoder().encode(value)
        return .text(String(decoding: data, as: UTF8.self))
    }

    private struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: SQLRecordEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { encoder.set(key, .null) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { encoder.set(key, try SQLRecordEncoder.value(value)) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            encoder.set(key, try value.map(SQLRecordEncoder.value) ?? .null)
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { encoder.set(key, value.sqlValue) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { encoder.set(key, value.sqlValue) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { encoder.set(key, value.sqlValue) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { encoder.set(key, value.sqlValue) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { encoder.set(key, value.sqlValue) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("a column holds one value")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { preconditionFailure("a column holds one value") }
        mutating func superEncoder() -> any Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
    }

    /// Captures a value that encodes itself as one database value (a raw-value enum).
    private final class SingleValue: Encoder, SingleValueEncodingContainer {
        struct NotSingle: Error {}
        var captured: SQLValue?
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Refusing<Key>())
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { RefusingList() }
        func singleValueContainer() -> any SingleValueEncodingContainer { self }

        func encodeNil() throws { captured = .null }
        func encode<T: Encodable>(_ value: T) throws {
            guard let convertible = value as? any SQLValueConvertible else { throw NotSingle() }
            captured = convertible.sqlValue
        }
    }

    private struct Refusing<Key: CodingKey>: KeyedEncodingContainerProtocol {
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil(forKey key: Key) throws { throw SingleValue.NotSingle() }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw SingleValue.NotSingle() }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Refusing<NestedKey>())
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { RefusingList() }
        mutating func superEncoder() -> any Encoder { SingleValue() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { SingleValue() }
    }

    private struct RefusingList: UnkeyedEncodingContainer {
        var codingPath: [any CodingKey] { [] }
        var count: Int { 0 }
        mutating func encodeNil() throws { throw SingleValue.NotSingle() }
        mutating func encode<T: Encodable>(_ value: T) throws { throw SingleValue.NotSingle() }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Refusing<NestedKey>())
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { RefusingList() }
        mutating func superEncoder() -> any Encoder { SingleValue() }
    }
}
