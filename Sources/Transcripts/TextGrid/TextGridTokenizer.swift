/// Splits a Praat text file into its values, the way Praat reads it: a value is a
/// number, a quoted text or a `<flag>`, and everything else (`xmin =`,
/// `intervals [3]:`, `! comments`) is commentary. That one rule reads both the long
/// and the short text format.
///
/// Texts are found by quote parity, not by lines, because a label may span lines and
/// holds a quote as `""`.
///
/// A bad value must be reported on its own line, not on a later one where the values
/// no longer fit, so two places where only a value can stand are checked: after `=` on
/// the same line (the long format: `xmin = abc`, or nothing), and a line holding one
/// bare word alone (the short format, which has one value per line). What stands
/// there is returned as `.unquoted`.
struct TextGridTokenizer {
    enum Value {
        case text(String)
        /// The literal bytes of a number, parsed by the caller (exactly, as decimals).
        case number(Slice<UnsafeBufferPointer<UInt8>>)
        case flag(String)
        /// A word where a value belongs that is none of the above; empty when a line
        /// ends right after `=`.
        case unquoted(String)
    }

    struct Token {
        var value: Value
        /// Line where the value starts.
        var line: Int
    }

    /// The text as UTF-8; it must stay valid while the tokenizer is used.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// Current line (1-based) at `position`.
    private(set) var line = 1
    /// An `=` was passed on the current line and no value has followed it yet.
    private var valueFollows = false
    /// Nothing but spaces has been passed on the current line.
    private var atLineStart = true

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// How many bytes are still to be read.
    var bytesLeft: Int { bytes.count - position }

    /// The next value, or `nil` at the end of the file.
    mutating func next() throws -> Token? {
        while position < bytes.count {
            let byte = bytes[position]
            if valueFollows, let word = unquotedValue(at: byte) { return word }
            if atLineStart, let word = loneWord(at: byte) { return word }
            if !isSpace(byte) { atLineStart = false }
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
                // `item [1]:` – an index, not a value. It ends with its line even when
                // damaged, so that it cannot swallow the values after it.
                while position < bytes.count && bytes[position] != UInt8(ascii: "]") && bytes[position] != 0x0A {
                    position += 1
                }
                if position < bytes.count && bytes[position] == UInt8(ascii: "]") { position += 1 }
            default:
                if byte == UInt8(ascii: "=") { valueFollows = true }
                if byte == 0x0A {
                    line += 1
                    atLineStart = true
                }
                position += 1
            }
        }
        return nil
    }

    /// A line that is one word of letters and digits (`abc`, `NaN`), which no TextGrid
    /// line is: commentary always shares its line with a value, or has an index or
    /// punctuation (`item[1]:`).
    private mutating func loneWord(at byte: UInt8) -> Token? {
        guard isLetter(byte) else { return nil }
        var end = position
        while end < bytes.count && !isSpace(bytes[end]) {
            guard isLetter(bytes[end]) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) else { return nil }
            end += 1
        }
        var after = end
        while after < bytes.count && bytes[after] != 0x0A && isSpace(bytes[after]) { after += 1 }
        guard after == bytes.count || bytes[after] == 0x0A else { return nil }
        let start = position
        position = end
        atLineStart = false
        return Token(value: .unquoted(String(decoding: bytes[start..<end], as: UTF8.self)), line: line)
    }

    /// What stands after an `=` when it is not a value: the word up to the next space,
    /// or an empty word at the end of the line. `nil` when `byte` starts a value or is
    /// a space before one.
    private mutating func unquotedValue(at byte: UInt8) -> Token? {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            valueFollows = false
            return nil
        case 0x0A:
            valueFollows = false
            return Token(value: .unquoted(""), line: line)
        case 0x20, 0x09, 0x0D:
            return nil
        default:
            valueFollows = false
            let start = position
            while position < bytes.count && !isSpace(bytes[position]) { position += 1 }
            return Token(value: .unquoted(String(decoding: bytes[start..<position], as: UTF8.self)), line: line)
        }
    }

    /// A quoted text. Most labels hold neither a doubled quote nor a CR LF, and are
    /// made into a string straight from the file's bytes.
    private mutating func text() throws -> Token {
        let quote = UInt8(ascii: "\"")
        let startLine = line
        let start = position + 1
        var end = start
        var plain = true
        while true {
            guard let found = bytes[end...].firstIndex(of: quote) else {
                throw TokenError(line: startLine, reason: "a quoted text that starts here is never closed")
            }
            if found + 1 < bytes.count && bytes[found + 1] == quote {
                plain = false
                end = found + 2
                continue
            }
            end = found
            break
        }
        position = end + 1
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        for byte in raw {
            if byte == 0x0A { line += 1 } else if byte == 0x0D { plain = false }
        }
        if plain { return Token(value: .text(String(decoding: raw, as: UTF8.self)), line: startLine) }
        var text: [UInt8] = []
        text.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            i += 1
            // A quote inside is always the first of a doubled pair: keep one.
            if byte == quote { i += 1 }
            // Windows line ends inside a label are one line break.
            if byte == 0x0D && i < raw.count && raw[i] == 0x0A { continue }
            text.append(byte)
        }
        return Token(value: .text(String(decoding: text, as: UTF8.self)), line: startLine)
    }

    @inline(__always) private func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    @inline(__always) private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    struct TokenError: Error {
        var line: Int
        var reason: String
    }
}
