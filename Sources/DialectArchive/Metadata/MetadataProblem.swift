import Foundation
/// A problem in a metadata file, located by file, line and column (in `metadata.json`, by
/// record and field) so a field team can fix it in their spreadsheet.
public struct MetadataProblem: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    /// 1-based line in a CSV file (or where a JSON file stops being JSON); nil for a JSON record.
    public var line: Int?
    /// The column (CSV header as written) or JSON field.
    public var column: String?
    /// In `metadata.json`, the record: `sessions[2], id s3`.
    public var record: String?
    public var reason: String

    public init(file: String, line: Int?, column: String?, record: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.record = record
        self.reason = reason
    }

    /// The file, and the line where there is one: `trip/speakers.csv:4`.
    public var location: String {
        file + (line.map { ":\($0)" } ?? "")
    }

    /// The record and column, then the reason: `column locality: unknown locality id 'xx'`.
    public var detail: String {
        place.map { "\($0): \(reason)" } ?? reason
    }

    public var description: String {
        location + (place.map { " (\($0))" } ?? "") + ": " + reason
    }

    private var place: String? {
        let parts = [record, column.map { (record == nil ? "column " : "field ") + $0 }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
