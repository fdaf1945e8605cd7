/// Why a harvest failed: the address asked and the reason in words. Nothing of a failed
/// harvest is stored.
public struct HarvestError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The request that failed, as a URL with its arguments (or the address given, when it is not one).
    public var url: String
    public var reason: String
    /// The OAI-PMH error code, when the peer answered with a protocol error.
    public var oaiCode: String?

    public init(url: String, reason: String, oaiCode: String? = nil) {
        self.url = url
        self.reason = reason
        self.oaiCode = oaiCode
    }

    public var description: String { "\(url): \(reason)" }
}
