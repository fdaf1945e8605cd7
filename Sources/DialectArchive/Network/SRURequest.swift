import Foundation

/// One request to the FCS endpoint, its SRU parameters read and checked: the operation, the
/// SRU version the answer speaks, and for searchRetrieve the query, its type and the page.
struct SRURequest {
    enum Operation: String { case explain, searchRetrieve }
    enum Version: String { case v1_2 = "1.2", v2_0 = "2.0" }
    enum QueryType: String { case cql, fcs }

    var operation: Operation
    var version: Version
    var query: String?
    var queryType = QueryType.cql
    var startRecord = 1
    var maximumRecords: Int
    /// Collection ids or resource pids from `x-fcs-context`.
    var context: [String] = []
    /// Data views from `x-fcs-dataviews`.
    var dataViews: [String] = []
    var endpointDescription = false

    /// Parameters of SRU read here, and parameters a client may send that change nothing here.
    static let known: Set<String> = ["operation", "version", "query", "queryType", "startRecord", "maximumRecords",
                                     "recordSchema", "recordPacking", "recordXMLEscaping", "resultSetTTL", "httpAccept",
                                     "responseType", "renderedBy", "sortKeys", "stylesheet", "recordXPath"]

    /// The version the answer speaks, read before anything else can go wrong (1.1 is answered in 1.2).
    static func version(_ pairs: [(name: String, value: String)]) -> Version {
        let given = pairs.first { $0.name == "version" }?.value
        return given == "1.1" || given == "1.2" ? .v1_2 : .v2_0
    }

    init(_ pairs: [(name: String, value: String)], defaultMaximum: Int, largestMaximum: Int) throws {
        var values: [String: String] = [:]
        for pair in pairs {
            if values[pair.name] != nil, Self.known.contains(pair.name) {
                throw SRUDiagnostic.unsupportedValue(pair.name, "\(pair.name) is given more than once")
            }
            values[pair.name] = pair.value
        }
        version = Self.version(pairs)
        if let given = values["version"], !["1.1", "1.2", "2.0"].contains(given) { throw SRUDiagnostic.unsupportedVersion(given) }
        switch values["operation"] {
        case "explain": operation = .explain
        case "searchRetrieve": operation = .searchRetrieve
        case .some(let other): throw SRUDiagnostic.unsupportedOperation(other)
        case nil:
            // SRU 2.0 has no operation parameter: a query asks for a search.
            guard version == .v2_0 else { throw SRUDiagnostic.missing("operation") }
            operation = values["query"] == nil ? .explain : .searchRetrieve
        }
        for name in values.keys.sorted() where !Self.known.contains(name) && !name.hasPrefix("x-") {
            throw SRUDiagnostic.unsupportedParameter(name)
        }
        if values["sortKeys"] != nil { throw SRUDiagnostic(80, nil, "Sort not supported") }
        if values["stylesheet"] != nil { throw SRUDiagnostic(110, nil, "Stylesheets not supported") }
        maximumRecords = defaultMaximum
        endpointDescription = values["x-fcs-endpoint-description"] == "true"
        guard operation == .searchRetrieve else { return }

        guard let query = values["query"] else { throw SRUDiagnostic.missing("query") }
        guard !query.allSatisfy(\.isWhitespace) else { throw SRUDiagnostic.emptyTerm }
        self.query = query
        if let type = values["queryType"] {
            guard let known = QueryType(rawValue: type) else { throw SRUDiagnostic.unsupportedQueryType(type) }
            queryType = known
        }
        if let start = values["startRecord"] {
            guard let number = Int(start), number >= 1 else {
                throw SRUDiagnostic.unsupportedValue("startRecord", "'\(start)' is not a record position (1 or more)")
            }
            startRecord = number
        }
        if let maximum = values["maximumRecords"] {
            guard let number = Int(maximum), number >= 0 else {
                throw SRUDiagnostic.unsupportedValue("maximumRecords", "'\(maximum)' is not a number of records (0 or more)")
            }
            maximumRecords = min(number, largestMaximum)
        }
        if let schema = values["recordSchema"], !["http://clarin.eu/fcs/resource", "fcs"].contains(schema) {
            throw SRUDiagnostic.unknownSchema(schema)
        }
        // recordPacking is SRU 1.2's escaping (xml or string) and SRU 2.0's packing (packed or unpacked).
        let escaping = version == .v1_2 ? values["recordPacking"] : values["recordXMLEscaping"]
        if let escaping, escaping != "xml" { throw SRUDiagnostic.unsupportedPacking(escaping) }
        if version == .v2_0, let packing = values["recordPacking"], packing != "packed" { throw SRUDiagnostic.unsupportedPacking(packing) }
        context = Self.list(values["x-fcs-context"])
        dataViews = Self.list(values["x-fcs-dataviews"])
    }

    private static func list(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
