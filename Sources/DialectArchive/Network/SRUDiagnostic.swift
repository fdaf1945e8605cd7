/// An SRU diagnostic: what went wrong with a request, by its standard URI, with the part of
/// the request at fault (`details`) and a message for people.
public struct SRUDiagnostic: Error, Equatable, Sendable {
    public var uri: String
    public var details: String?
    public var message: String

    init(_ number: Int, _ details: String?, _ message: String) {
        self.uri = "info:srw/diagnostic/1/\(number)"
        self.details = details
        self.message = message
    }

    init(fcs number: Int, _ details: String?, _ message: String) {
        self.uri = "http://clarin.eu/fcs/diagnostic/\(number)"
        self.details = details
        self.message = message
    }

    static func unsupportedOperation(_ name: String) -> Self {
        Self(4, name, "Unsupported operation: this endpoint answers explain and searchRetrieve")
    }

    static func unsupportedVersion(_ version: String) -> Self {
        Self(5, "2.0", "Unsupported version \(version): this endpoint speaks SRU 1.2 and 2.0")
    }

    static func unsupportedValue(_ parameter: String, _ reason: String) -> Self {
        Self(6, parameter, "Unsupported parameter value: \(reason)")
    }

    static func missing(_ parameter: String) -> Self {
        Self(7, parameter, "Mandatory parameter not supplied: \(parameter)")
    }

    static func unsupportedParameter(_ parameter: String) -> Self {
        Self(8, parameter, "Unsupported parameter: \(parameter)")
    }

    static func syntax(_ reason: String) -> Self {
        Self(10, reason, "Query syntax error: \(reason)")
    }

    static func unsupportedQueryType(_ type: String) -> Self {
        Self(11, type, "Unsupported query type \(type): use cql or fcs")
    }

    static func unsupportedIndex(_ index: String) -> Self {
        Self(16, index, "Unsupported index \(index): this endpoint searches the text of every tier (cql.serverChoice)")
    }

    static func unsupportedRelation(_ relation: String) -> Self {
        Self(19, relation, "Unsupported relation \(relation): use =, ==, adj, all or any")
    }

    static func unsupportedRelationModifier(_ modifier: String) -> Self {
        Self(20, modifier, "Unsupported relation modifier \(modifier)")
    }

    static let emptyTerm = Self(27, nil, "Empty term unsupported")

    static func masking(_ term: String) -> Self {
        Self(28, term, "Masking character not supported: only a * that ends a word (a prefix search)")
    }

    static func unsupportedBoolean(_ operator: String) -> Self {
        Self(37, `operator`, "Unsupported boolean operator \(`operator`): use AND, OR or NOT")
    }

    static func unsupportedFeature(_ feature: String) -> Self {
        Self(48, feature, "Query feature unsupported: \(feature)")
    }

    static func firstRecordOutOfRange(_ start: Int, total: Int) -> Self {
        Self(61, String(start), "First record position out of range: there are \(total) records")
    }

    static func unknownSchema(_ schema: String) -> Self {
        Self(66, schema, "Unknown schema for retrieval: records are in http://clarin.eu/fcs/resource")
    }

    static func unsupportedPacking(_ packing: String) -> Self {
        Self(71, packing, "Unsupported record packing: records are packed as xml")
    }

    static func invalidContext(_ pid: String) -> Self {
        Self(fcs: 1, pid, "Persistent identifier passed for restricting the search is invalid: no such collection")
    }

    static func unknownDataView(_ view: String) -> Self {
        Self(fcs: 4, view, "Requested data view not valid for this resource: use hits or adv")
    }
}
