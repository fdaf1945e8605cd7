import Foundation
import GRDB

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: columns split by tabs, rows
/// ended by newlines, NULL as `\N`, and in values a backslash, tab, newline or carriage return
/// written as its backslash escape. Blobs go as `bytea` hex (`\\x…`), doubles with every digit
/// they need to come back the same.
enum CopyText {
    /// Appends one row's values, as SQLite stores them, and its newline.
    static func appendRow(_ values: [DatabaseValue], to out: inout String) {
        for (index, value) in values.enumerated() {
            if index > 0 { out += "\t" }
            append(value, to: &out)
        }
        out += "\n"
    }

    static func append(_ value: DatabaseValue, to out: inout String) {
        switch value.storage {
        case .null: out += "\\N"
        case .int64(let number): out += String(number)
        case .double(let number): out += text(number)
        case .string(let text): appendEscaped(text, to: &out)
        case .blob(let data): out += "\\\\x" + Checksum.hex(data)
        }
    }

    /// A value as PostgreSQL reads it back to the same double (Swift's shortest exact form).
    static func text(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return "\(number)"
    }

    static func appendEscaped(_ text: String, to out: inout String) {
        // Most text has nothing to escape: it goes as it is.
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            out += text
            return
        }
        for character in text.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
    }
}

/// One SQLite table read in rowid order, one batch of COPY text per call, for `copy(into:)`.
final class CopyTableReader: @unchecked Sendable {
    let source: DatabasePool
    let table: String
    let columns: [String]
    let batchSize: Int
    private var lastRowID: Int64 = .min
    private(set) var copied = 0

    init(source: DatabasePool, table: String, batchSize: Int = 20_000) throws {
        self.source = source
        self.table = table
        self.batchSize = batchSize
        columns = try source.read { db in try db.columns(in: table).map(\.name) }
    }

    /// The next batch as COPY text, or nil when the table has no more rows.
    func next() throws -> String? {
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let (text, count, last) = try source.read { db -> (String, Int, Int64) in
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT rowid, \(list) FROM "\(table)" WHERE rowid > ? ORDER BY rowid LIMIT ?
                """), arguments: [lastRowID, batchSize])
            var text = "", count = 0, last = lastRowID
            while let row = try rows.next() {
                last = row[0]
                CopyText.appendRow(Array(row.databaseValues.dropFirst()), to: &text)
                count += 1
            }
            return (text, count, last)
        }
        guard count > 0 else { return nil }
        lastRowID = last
        copied += count
        return text
    }
}
