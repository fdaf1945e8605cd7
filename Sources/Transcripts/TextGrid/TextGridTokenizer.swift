/// Splits a Praat text file into its values, the way Praat reads it: a value is a
/// number, a quoted text or a `<flag>`, and everything else (`xmin =`,
/// `intervals [3]:`, `! comments`) is commentary. That one rule reads both the long
/// and the short text format.
///
/// Texts are found by quote parity, not by lines, because a label may span lines and
/// holds a quote as `""`.
struct TextGridTokenizer {
    enum Value {
        case text(String)
        /// The literal bytes of a number, parsed by the caller (exactly, as decimals).
        case number(ArraySlice<UInt8>)
        case flag(String)
    }

    struct Token {
        var value: Value
        /// Line where the value starts.
        var line: Int
    }

    private let bytes: [UInt8]
    private var position = 0
    /// Current line (1-based) at `position`.
    private(set) var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next value, or `nil` at the end of the file.
    mutating func next() throws -> Token? {
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                return try text()
            case UInt8(ascii: "<"):
                let startLine = line
                let start = position + 1
                guard let close = bytes[start...].firstIndex(of: UInt8(ascii: ">")),
                      !bytes[start..<close].contains(0x0A) else {
                    throw TokenError(line: startLine, reason: "a \"<\" that does not start a flag such as <exists>")
                }
                position = close + 1
                return Token(value: .flag(String(decoding: bytes[start..<close], as: UTF8.self)), line: startLine)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
                let start = position
                while position < bytes.count && !isSpace(bytes[position]) { position += 1 }
                return Token(value: .number(bytes[start..<position]), line: line)
            case UInt8(ascii: "!"):
                // A comment runs to the end of the line.
                while position < bytes.count && bytes[position] != 0x0A { position += 1 }
            case UInt8(ascii: "["):
                // `item [1]:` – an index, not a value.
                while position < bytes.count && bytes[position] != UInt8(ascii: "]") {
                    if bytes[position] == 0x0A { line += 1 }
                    position += 1
                }
                position += 1
            default:
                if byte == 0x0A { line += 1 }
                position += 1
            }
        }
        return nil
    }

    private mutating func text() throws -> Token {
        let startLine = line
        position += 1
        var content: [UInt8] = []
        var segmentStart = position
        while true {
            guard let quote = bytes[position...].firstIndex(of: UInt8(ascii: "\"")) else {
                throw TokenError(line: startLine, reason: "a quoted text that starts here is never closed")
            }
            content.append(contentsOf: bytes[segmentStart..<quote])
            position = quote + 1
            if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
                content.append(UInt8(ascii: "\""))
                position += 1
                segmentStart = position
                continue
            }
            break
        }
        var newlines = 0
        var normalised: [UInt8] = []
        normalised.reserveCapacity(content.count)
        for (i, byte) in content.enumerated() {
            if byte == 0x0A { newlines += 1 }
            // Windows line ends inside a label are one line break.
            if byte == 0x0D && i + 1 < content.count && content[i + 1] == 0x0A { continue }
            normalised.append(byte)
        }
        line += newlines
        return Token(value: .text(String(decoding: normalised, as: UTF8.self)), line: startLine)
    }

    @inline(__always) private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    struct TokenError: Error {
        var line: Int
        var reason: String
    }
}
