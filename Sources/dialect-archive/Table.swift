import DialectArchive

/// Plain-text tables for the terminal, with columns padded by display width (Han characters count double).
enum Table {
    /// Cells are escaped (`TerminalText`) before they are measured, so a TAB or a newline in a
    /// cell shows as `\t` or `\n` and keeps its row on one line and its columns aligned.
    static func render(_ header: [String], _ rows: [[String]]) -> Output {
        if rows.isEmpty { return "(none)" }
        let all = ([header] + rows).map { $0.map(TerminalText.escaped) }
        let widths = header.indices.map { column in all.map { width($0[column]) }.max() ?? 0 }
        return all.map { row -> Output in
            row.enumerated().map { index, cell -> Output in
                index == row.count - 1 ? "\(cell)" : "\(cell)\(String(repeating: " ", count: widths[index] - width(cell)))"
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            total + (scalar.properties.isIdeographic || (0xFF00...0xFF60).contains(scalar.value) || (0x3000...0x303F).contains(scalar.value) ? 2 : 1)
        }
    }
}
