/// A Markdown table with padded columns, so it reads as a table in a terminal too; Han and
/// other wide characters count as two columns.
public struct MarkdownTable {
    public var header: [String]
    public var rows: [[String]] = []
    /// Columns after the first aligned right (for tables of figures).
    public var rightAligned: Bool

    public init(_ header: String..., rightAligned: Bool = false) {
        self.header = header
        self.rightAligned = rightAligned
    }

    public mutating func add(_ cells: String...) { rows.append(cells) }

    public mutating func add(_ cells: [String]) { rows.append(cells) }

    public var text: String {
        func width(_ s: String) -> Int {
            s.unicodeScalars.reduce(0) { total, scalar in
                let v = scalar.value
                let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                    || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x20000...0x3FFFD).contains(v)
                let combining = scalar.properties.generalCategory == .nonspacingMark
                return total + (combining ? 0 : wide ? 2 : 1)
            }
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { column < $0.count ? width($0[column]) : 0 }.max() ?? 0 }
        func right(_ column: Int) -> Bool { rightAligned && column > 0 }
        func line(_ cells: [String]) -> String {
            "| " + header.indices.map { column in
                let cell = column < cells.count ? cells[column] : ""
                let padding = String(repeating: " ", count: widths[column] - width(cell))
                return right(column) ? padding + cell : cell + padding
            }.joined(separator: " | ") + " |"
        }
        let rule = "|" + header.indices.map { column in
            right(column) ? String(repeating: "-", count: widths[column] + 1) + ":" : String(repeating: "-", count: widths[column] + 2)
        }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
