import Foundation

/// One OAI-PMH request, checked against what its verb allows: each argument once, the
/// required ones present, `resumptionToken` alone.
public struct OAIRequest: Equatable, Sendable {
    /// The six requests of OAI-PMH 2.0.
    public enum Verb: String, CaseIterable, Sendable {
        case Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords, GetRecord

        /// The arguments the verb requires and the ones it allows besides.
        var arguments: (required: Set<String>, optional: Set<String>) {
            switch self {
            case .Identify: return ([], [])
            case .ListMetadataFormats: return ([], ["identifier"])
            case .ListSets: return ([], ["resumptionToken"])
            case .ListIdentifiers, .ListRecords: return (["metadataPrefix"], ["from", "until", "set", "resumptionToken"])
            case .GetRecord: return (["identifier", "metadataPrefix"], [])
            }
        }
    }

    public var verb: Verb
    /// The arguments besides `verb`, by name.
    public var arguments: [String: String]

    public subscript(_ name: String) -> String? { arguments[name] }

    /// Checks the arguments of a request as they came (in the query or the form body).
    public init(_ pairs: [(name: String, value: String)]) throws {
        let verbs = pairs.filter { $0.name == "verb" }
        guard let given = verbs.first?.value else { throw OAIError(.badVerb, "the request names no verb") }
        guard verbs.count == 1 else { throw OAIError(.badVerb, "the verb is given more than once") }
        guard let verb = Verb(rawValue: given) else { throw OAIError(.badVerb, "'\(given)' is not an OAI-PMH verb") }
        var arguments: [String: String] = [:]
        let (required, optional) = verb.arguments
        for (name, value) in pairs where name != "verb" {
            guard required.contains(name) || optional.contains(name) else {
                throw OAIError(.badArgument, "\(verb.rawValue) takes no argument '\(name)'")
            }
            guard arguments[name] == nil else { throw OAIError(.badArgument, "the argument '\(name)' is given more than once") }
            arguments[name] = value
        }
        if arguments["resumptionToken"] != nil {
            // A resumption token carries the whole request; nothing may come with it.
            guard arguments.count == 1 else { throw OAIError(.badArgument, "resumptionToken is an exclusive argument") }
        } else if let missing = required.sorted().first(where: { arguments[$0] == nil }) {
            throw OAIError(.badArgument, "\(verb.rawValue) requires the argument '\(missing)'")
        }
        self.verb = verb
        self.arguments = arguments
    }

    /// The name-value pairs of a URL query or an `application/x-www-form-urlencoded` body; nil
    /// when a part is not valid percent-encoding.
    public static func pairs(formEncoded text: String) -> [(name: String, value: String)]? {
        var pairs: [(name: String, value: String)] = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let sides = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ side: Substring) -> String? { side.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decoded(sides[0]), let value = sides.count > 1 ? decoded(sides[1]) : "" else { return nil }
            pairs.append((name, value))
        }
        return pairs
    }
}
