/// An OAI-PMH error condition: the specification's code, and what was wrong in words.
public struct OAIError: Error, Equatable, Sendable {
    /// The error codes of OAI-PMH 2.0, section 3.6.
    public enum Code: String, Sendable {
        case badVerb, badArgument, badResumptionToken, cannotDisseminateFormat, idDoesNotExist, noRecordsMatch,
             noMetadataFormats, noSetHierarchy
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
