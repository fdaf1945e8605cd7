import Foundation

/// The sets a session belongs to: its collection (`collection:ID`) and the ISO 639-3 language
/// of its locality (`language:yue`), each under its parent set (`collection`, `language`).
public enum OAISet: Equatable, Hashable, Sendable {
    case allCollections
    case collection(String)
    case allLanguages
    case language(String)

    /// Characters a setSpec may hold besides letters and digits; others are written `~HH` (UTF-8).
    static let punctuation = Set("-_.!*'()")

    public var spec: String {
        switch self {
        case .allCollections: return "collection"
        case .collection(let id): return "collection:" + Self.encoded(id)
        case .allLanguages: return "language"
        case .language(let code): return "language:" + Self.encoded(code)
        }
    }

    public init?(spec: String) {
        switch spec {
        case "collection": self = .allCollections
        case "language": self = .allLanguages
        default:
            let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let value = Self.decoded(parts[1]), Self.encoded(value) == parts[1] else { return nil }
            switch parts[0] {
            case "collection": self = .collection(value)
            case "language": self = .language(value)
            default: return nil
            }
        }
    }

    static func encoded(_ value: String) -> String {
        var spec = ""
        for byte in value.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || punctuation.contains(character) {
                spec.append(character)
            } else {
                spec += "~" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return spec
    }

    static func decoded(_ spec: Substring) -> String? {
        var bytes: [UInt8] = []
        var index = spec.startIndex
        while index < spec.endIndex {
            if spec[index] == "~" {
                let end = spec.index(index, offsetBy: 3, limitedBy: spec.endIndex) ?? spec.endIndex
                guard spec.distance(from: index, to: end) == 3, let byte = UInt8(spec[spec.index(after: index)..<end], radix: 16) else { return nil }
                bytes.append(byte)
                index = end
            } else {
                bytes.append(contentsOf: Array(String(spec[index]).utf8))
                index = spec.index(after: index)
            }
        }
        guard !bytes.isEmpty else { return nil }
        return String(bytes: bytes, encoding: .utf8)
    }
}

private extension String {
    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
