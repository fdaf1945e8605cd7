import Foundation
import Transcripts

/// A CSV file as a spreadsheet saves it (RFC 4180: quoted cells, doubled quotes, line breaks
/// inside quotes, CRLF or LF), with the line each row starts on. The text may be UTF-8 (with or
/// without a byte-order mark), UTF-16 or GB18030/GBK, as Chinese spreadsheets save it.
struct CSVTable {
    struct Row {
        /// 1-based line in the file where the row starts.
        var line: Int
        var cells: [String]
    }

    var header: [String]
    var rows: [Row]
    /// Rows that could not be read (a quoted cell never closed), each left out with its line.
    var problems: [MetadataProblem] = []
    /// The encoding the text was found in (`utf-8`, `gb18030`, …).
    var encoding: String

    /// Parses `data`; throws a `MetadataProblem` naming the file and line when the text is in no
    /// encoding it knows, or when there is no readable header row.
    static func parse(_ data: Data, file: String) throws -> CSVTable {
        let text: DecodedText
        do {
            text = try TextDecoding.decode(data, fileName: file, allowGB18030: true)
        } catch let error as TranscriptError {
            throw MetadataProblem(file: file, line: error.line, column: nil,
                                  reason: error.reason + "; save it from the spreadsheet as \"CSV UTF-8\"")
        }
        var reader = Reader(bytes: text.utf8)
        var records: [Row] = []
        var problems: [MetadataProblem] = []
        while let record = reader.next() {
            switch record {
            case .row(let row):
                if !(row.cells.count == 1 && row.cells[0].isEmpty) { records.append(row) }
            case .unclosedQuote(let rowLine, let quoteLine, let cellIndex):
                guard let header = records.first else {
                    throw MetadataProblem(file: file, line: rowLine, column: nil,
                                          reason: "a quoted cell in the header row, opened on line \(quoteLine), is never closed")
                }
                let column = cellIndex < header.cells.count ? header.cells[cellIndex] : nil
                problems.append(MetadataProblem(file: file, line: rowLine, column: column,
                                                reason: "a quoted cell opened on line \(quoteLine) is never closed; this row is left out"))
            }
        }
        guard let first = records.first else {
            throw MetadataProblem(file: file, line: 1, column: nil, reason: "the file is empty; a header row is needed")
        }
        return CSVTable(header: first.cells, rows: Array(records.dropFirst()), problems: problems, encoding: text.encoding)
    }

    /// Reads one row at a time from UTF-8 bytes. The delimiters are all ASCII, which never
    /// occurs inside a multi-byte character, so bytes can be split on them directly.
    private struct Reader {
        enum Record {
            case row(Row)
            /// A quote opened and never closed: the row is given up, and reading goes on after
            /// the line where the quote opened, so that one stray quote costs one row.
            case unclosedQuote(rowLine: Int, quoteLine: Int, cellIndex: Int)
        }

        let bytes: [UInt8]
        var position = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> Record? {
            guard position < bytes.count else { return nil }
            let rowLine = line
            var cells: [String] = []
            var cell: [UInt8] = []
            var inQuotes = false, afterQuote = false
            var quoteStart = 0, quoteLine = 0
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if inQuotes {
                    if byte == UInt8(ascii: "\"") {
                        let following: UInt8? = position < bytes.count ? bytes[position] : nil
                        if following == UInt8(ascii: "\"") {
                            cell.append(byte); position += 1
                        } else if line > quoteLine, let following, ![UInt8(ascii: ","), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains(following) {
                            // A quote that closes lines later but not at the end of a cell was
                            // another row's opening quote: the first one was never closed.
                            return giveUp(rowLine: rowLine, quoteStart: quoteStart, quoteLine: quoteLine, cellIndex: cells.count)
                        } else {
                            inQuotes = false; afterQuote = true
                        }
                    } else {
                        if byte == UInt8(ascii: "\n") { line += 1 }
                        cell.append(byte)
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\"") where cell.isEmpty && !afterQuote:
                    inQuotes = true; quoteStart = position; quoteLine = line
                case UInt8(ascii: ","):
                    cells.append(String(decoding: cell, as: UTF8.self)); cell = []; afterQuote = false
                case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                    if byte == UInt8(ascii: "\r"), position < bytes.count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
                    line += 1
                    return .row(Row(line: rowLine, cells: cells + [String(decoding: cell, as: UTF8.self)]))
                default:
                    cell.append(byte)
                }
            }
            if inQuotes {
                return giveUp(rowLine: rowLine, quoteStart: quoteStart, quoteLine: quoteLine, cellIndex: cells.count)
            }
            return .row(Row(line: rowLine, cells: cells + [String(decoding: cell, as: UTF8.self)]))
        }

        /// Leaves out the row whose quote never closes and goes on after the line it opened on.
        private mutating func giveUp(rowLine: Int, quoteStart: Int, quoteLine: Int, cellIndex: Int) -> Record {
            position = quoteStart
            while position < bytes.count, bytes[position] != UInt8(ascii: "\n"), bytes[position] != UInt8(ascii: "\r") { position += 1 }
            if position < bytes.count, bytes[position] == UInt8(ascii: "\r") { position += 1 }
            if position < bytes.count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
            line = quoteLine + 1
            return .unclosedQuote(rowLine: rowLine, quoteLine: quoteLine, cellIndex: cellIndex)
        }
    }
}
