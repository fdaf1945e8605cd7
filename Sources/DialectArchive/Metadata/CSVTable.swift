import Foundation

/// A CSV file as a spreadsheet saves it (RFC 4180: quoted cells, doubled quotes, line breaks
/// inside quotes, CRLF or LF, optional UTF-8 BOM), with the line each row starts on.
struct CSVTable {
    struct Row {
        /// 1-based line in the file where the row starts.
        var line: Int
        var cells: [String]
    }

    var header: [String]
    var rows: [Row]

    /// Parses `data`; throws a `MetadataProblem` naming the file and line for undecodable
    /// text or an unterminated quote.
    static func parse(_ data: Data, file: String) throws -> CSVTable {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw MetadataProblem(file: file, line: firstInvalidUTF8Line(bytes), column: nil,
                                  reason: "the file is not UTF-8 text; save it from the spreadsheet as \"CSV UTF-8\"")
        }
        var records: [Row] = []
        var cells: [String] = []
        var cell = ""
        var inQuotes = false
        var line = 1, rowLine = 1, quoteLine = 1
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        func endRow() {
            cells.append(cell)
            if !(cells.count == 1 && cells[0].isEmpty) { records.append(Row(line: rowLine, cells: cells)) }
            cells = []; cell = ""
        }
        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" { cell.unicodeScalars.append("\""); pending = iterator.next() } else { inQuotes = false; afterQuote = true }
                } else {
                    if scalar == "\n" { line += 1 }
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where cell.isEmpty && !afterQuote:
                inQuotes = true; quoteLine = line
            case ",":
                cells.append(cell); cell = ""; afterQuote = false
            case "\r":
                if pending == "\n" { pending = iterator.next() }
                endRow(); line += 1; rowLine = line; afterQuote = false
            case "\n":
                endRow(); line += 1; rowLine = line; afterQuote = false
            default:
                cell.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            throw MetadataProblem(file: file, line: quoteLine, column: nil, reason: "a quoted cell is never closed")
        }
        if !cell.isEmpty || !cells.isEmpty { endRow() }
        guard let first = records.first else {
            throw MetadataProblem(file: file, line: 1, column: nil, reason: "the file is empty; a header row is needed")
        }
        return CSVTable(header: first.cells, rows: Array(records.dropFirst()))
    }

    private static func firstInvalidUTF8Line(_ bytes: Data) -> Int {
        var line = 1
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(data: bytes[start..<index], encoding: .utf8) == nil { return line }
            line += 1
            start = bytes.index(after: index)
        }
        return line
    }
}
