/// One row of a statement's answer, from either database: its values in the order of the
/// statement's columns, and the columns' names.
struct SQLRow: Sendable {
    let columns: [String]
    let values: [SQLValue]

    /// The value of column `index` as `T`. A value of another kind than the column's is a
    /// fault in the archive's own statements, not in what users give, and stops the program.
    subscript<T: SQLValueConvertible>(_ index: Int) -> T {
        guard let value = T(sqlValue: values[index]) else {
            preconditionFailure("column \(columns[index]) holds \(values[index]), not \(T.self)")
        }
        return value
    }

    /// The value of the column named `name` as `T`.
    subscript<T: SQLValueConvertible>(_ name: String) -> T {
        guard let index = columns.firstIndex(of: name) else { preconditionFailure("no column \(name) among \(columns)") }
        return self[index]
    }
}
