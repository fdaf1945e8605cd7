/// The parameters of a URL's query string, read as a browser's form sends them
/// (`+` for a space, `%XX` escapes in UTF-8).
struct FormQuery {
    private var values: [String: String] = [:]

    static let empty = try! FormQuery(nil)

    init(_ query: String?) throws {
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(parts[0]), value = try parts.count > 1 ? Self.decode(parts[1]) : ""
            if values[key] == nil { values[key] = value }
        }
    }

    /// The value of `name`, nil when absent or empty (an empty form field means no filter).
    subscript(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// `true` or `false`, `fallback` when absent.
    func boolean(_ name: String, default fallback: Bool) throws -> Bool {
        switch self[name] {
        case nil: return fallback
        case "true": return true
        case "false": return false
        case let text?: throw WebError.badRequest("\(name) must be true or false, not '\(text)'")
        }
    }

    /// A whole number within `range`, `fallback` when absent.
    func integer<T: FixedWidthInteger>(_ name: String, in range: ClosedRange<T>, default fallback: T) throws -> T {
        guard let text = self[name] else { return fallback }
        guard let number = T(text), range.contains(number) else {
            throw WebError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return number
    }

    private static func decode(_ text: Substring) throws -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else {
                    throw WebError.badRequest("the query string has a broken %-escape")
                }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            default: bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw WebError.badRequest("the query string is not UTF-8")
        }
        return decoded
    }
}
