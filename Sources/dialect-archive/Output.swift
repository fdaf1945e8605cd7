import DialectArchive
import Foundation

/// What a command writes for people to read. The literal text of the program is written as
/// it is; every value interpolated into it (file and tier names, ids, titles, transcript
/// text, messages that quote a file) passes through `TerminalText.escaped`, so nothing read
/// from a file can drive the terminal or split a line. Output interpolated into output is
/// already safe and is kept as it is. JSON is printed as `JSONOutput` encodes it.
struct Output: ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var description: String

    init(stringLiteral value: String) { description = value }
    init(stringInterpolation: StringInterpolation) { description = stringInterpolation.text }

    struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + 16 * interpolationCount) }
        mutating func appendLiteral(_ literal: String) { text += literal }
        mutating func appendInterpolation<T>(_ value: T) { text += TerminalText.escaped(String(describing: value)) }
        mutating func appendInterpolation(_ output: Output) { text += output.description }
    }

    static func + (lhs: Output, rhs: Output) -> Output { "\(lhs)\(rhs)" }
    static func += (lhs: inout Output, rhs: Output) { lhs = lhs + rhs }
}

extension Sequence<Output> {
    func joined(separator: Output = "") -> Output {
        var result: Output = ""
        for (index, part) in enumerated() { result += index == 0 ? part : separator + part }
        return result
    }
}

/// Writes a line for people on stdout.
func say(_ output: Output) {
    print(output.description)
}

/// Writes a line for people on stderr.
func printError(_ message: Output) {
    FileHandle.standardError.write(Data((message.description + "\n").utf8))
}
