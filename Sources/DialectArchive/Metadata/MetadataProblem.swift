/// A problem in a metadata file, located by file, line and column so a field team can fix it
/// in their spreadsheet.
public struct MetadataProblem: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    /// 1-based line in a CSV file; nil for JSON.
    public var line: Int?
    /// The column (CSV header as written) or JSON field path.
    public var column: String?
    public var reason: String

    public init(file: String, line: Int?, column: String?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += " (column \(column))" }
        return "\(place): \(reason)"
    }
}
