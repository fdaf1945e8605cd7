import Foundation

/// The OAI identifier of a session, `oai:HOST:SESSION`, with the characters of a session id
/// that the `oai-identifier` syntax does not allow percent-encoded (as UTF-8).
public struct OAIIdentifier: Equatable, Sendable {
    /// The host part: the archive's host name, as harvesters know it.
    public var host: String

    public init(host: String) {
        self.host = host
    }

    /// Characters allowed in the local part of an identifier besides letters and digits.
    static let punctuation = Set("-_.!~*'();/?:@&=+$,")

    /// Whether the host has the form the `oai-identifier` description requires (a domain
    /// name such as `archive.example.org`, not an IP address or `localhost`).
    public var isDomainName: Bool {
        host.range(of: #"^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+$"#, options: .regularExpression) != nil
    }

    public func identifier(of session: String) -> String {
        var local = ""
        for byte in session.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || Self.punctuation.contains(character) {
                local.append(character)
            } else {
                local += String(format: "%%%02X", byte)
            }
        }
        return "oai:\(host):\(local)"
    }

    /// The session an identifier names; nil when it is not one of this archive's.
    public func session(in identifier: String) -> String? {
        let prefix = "oai:\(host):"
        guard identifier.hasPrefix(prefix) else { return nil }
        let local = String(identifier.dropFirst(prefix.count))
        guard !local.isEmpty, let session = local.removingPercentEncoding, identifier == self.identifier(of: session) else { return nil }
        return session
    }
}
