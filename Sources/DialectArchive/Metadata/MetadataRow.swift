import Foundation

/// One row of a metadata table (a CSV line or a JSON object), with its location for messages.
struct MetadataRow {
    var file: String
    var line: Int?
    /// For JSON: `sessions[2]`.
    var pointer: String?
    /// Canonical column name → cell text (trimmed; empty cells left out).
    var fields: [String: String]
    /// Canonical column name → header as the file wrote it.
    var headers: [String: String]
    /// Columns beyond the known ones, kept as written.
    var extra: [String: String]

    subscript(_ column: String) -> String? { fields[column] }

    /// Problems found while reading the row itself (cells beyond the header).
    var problems: [MetadataProblem] = []

    func problem(_ column: String?, _ reason: String) -> MetadataProblem {
        let written = column.map { headers[$0] ?? $0 }
        return MetadataProblem(file: file, line: line, column: written, record: record, reason: reason)
    }

    /// In JSON, the record as a person finds it: `sessions[2], id s3`.
    var record: String? {
        guard let pointer else { return nil }
        return fields["id"].map { "\(pointer), id \($0)" } ?? pointer
    }

    /// Where the row is, as a change set names where its values came from: `speakers.csv line 4`,
    /// `metadata.json speakers[2]`.
    var source: String {
        let name = URL(fileURLWithPath: file).lastPathComponent
        if let line { return "\(name) line \(line)" }
        return pointer.map { "\(name) \($0)" } ?? name
    }

    var extraJSON: String? {
        guard !extra.isEmpty,
              let data = try? JSONSerialization.data(withJSONObject: extra, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Rows of a CSV table; throws when a required column is missing from the header.
    static func rows(of table: CSVTable, file: String, known: [String], required: [String]) throws -> [MetadataRow] {
        let canonical = table.header.map(MetadataColumns.canonical)
        for column in required where !canonical.contains(column) {
            throw MetadataProblem(file: file, line: 1, column: nil,
                                  reason: "the required column '\(column)' is missing from the header")
        }
        var headers: [String: String] = [:]
        for (name, written) in zip(canonical, table.header) { headers[name] = written }
        return table.rows.map { row in
            var fields: [String: String] = [:], extra: [String: String] = [:]
            for (index, cell) in row.cells.enumerated() where index < canonical.count {
                let value = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !value.isEmpty else { continue }
                if known.contains(canonical[index]) { fields[canonical[index]] = value } else { extra[table.header[index]] = value }
            }
            var parsed = MetadataRow(file: file, line: row.line, pointer: nil, fields: fields, headers: headers, extra: extra)
            let beyond = row.cells.indices.dropFirst(canonical.count)
                .filter { !row.cells[$0].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            if let first = beyond.first {
                parsed.problems.append(MetadataProblem(
                    file: file, line: row.line, column: nil,
                    reason: "the row has \(row.cells.count) cells but the header names \(canonical.count) columns "
                        + "(cell \(first + 1) holds '\(row.cells[first])'); a comma or quote may be misplaced"))
            }
            return parsed
        }
    }

    /// Rows of a JSON array of objects (values may be strings, numbers or arrays of strings); an
    /// element that is not an object becomes a problem, and the other elements are still read.
    static func rows(of objects: [Any], file: String, table: String, known: [String],
                     problems: inout [MetadataProblem]) -> [MetadataRow] {
        objects.enumerated().compactMap { index, element in
            guard let object = element as? [String: Any] else {
                problems.append(MetadataProblem(file: file, line: nil, column: nil, record: "\(table)[\(index)]",
                                                reason: "expected an object with the fields of a row"))
                return nil
            }
            var fields: [String: String] = [:], extra: [String: String] = [:], headers: [String: String] = [:]
            for (key, value) in object {
                let text: String
                switch value {
                case let string as String: text = string
                case let number as NSNumber: text = number.stringValue
                case let array as [Any]: text = array.map { "\($0)" }.joined(separator: ";")
                case is NSNull: continue
                default: text = "\(value)"
                }
                let name = MetadataColumns.canonical(key)
                headers[name] = key
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty else { continue }
                if known.contains(name) { fields[name] = trimmed } else { extra[key] = trimmed }
            }
            return MetadataRow(file: file, line: nil, pointer: "\(table)[\(index)]", fields: fields, headers: headers, extra: extra)
        }
    }
}
