#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One attribute of the current start tag, as byte ranges into the document.
struct XMLAttribute {
    var name: Range<Int>
    var value: Range<Int>
}

/// A pull tokenizer for the XML that ELAN and other annotation tools write: elements,
/// attributes, text, CDATA, comments and processing instructions, over UTF-8 bytes.
///
/// It exists instead of Foundation's `XMLParser` for two reasons. Speed and memory:
/// names and unneeded text stay byte ranges, so a 50 MB EAF file is read in one pass
/// without building a string per node. Safety: it never expands or fetches anything
/// declared in a DTD; a DOCTYPE that declares entities is refused outright, which
/// closes off both entity-expansion bombs ("billion laughs") and external entities
/// that would read local files or URLs.
///
/// The bytes must stay valid while the tokenizer is used, and must already be checked
/// as UTF-8 (see `UTF8Validation`).
struct XMLTokenizer {
    enum Event: Equatable {
        /// A start tag; `name` and `attributes` describe it until the next event.
        /// A self-closing tag (`<a/>`) is reported once, with `selfClosing` set, and
        /// has no matching `.end`.
        case start(selfClosing: Bool)
        case end
        /// Character data between tags, undecoded; see `text(_:)`.
        case text(Range<Int>)
        /// The content of a CDATA section, taken literally.
        case cdata(Range<Int>)
        case endOfDocument
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let fileName: String
    private(set) var position = 0
    /// Name of the element of the last `.start` or `.end` event.
    private(set) var name: Range<Int> = 0..<0
    /// Attributes of the last `.start` event.
    private(set) var attributes: [XMLAttribute] = []
    /// Where the markup of the last event begins, for error messages.
    private(set) var eventOffset = 0
    /// Names of the current tag's attributes once it has too many for the duplicate
    /// check to scan them all for each new one (which is quadratic).
    private var attributeNames: Set<String> = []
    private var openElements: [(name: Range<Int>, offset: Int)] = []
    private var sawRoot = false

    init(bytes: UnsafeBufferPointer<UInt8>, fileName: String) {
        self.bytes = bytes
        self.fileName = fileName
        attributes.reserveCapacity(8)
    }

    /// How deeply the next content is nested (0 outside the root element).
    var depth: Int { openElements.count }

    // MARK: - Events

    mutating func next() throws -> Event {
        while true {
            guard position < bytes.count else {
                if let open = openElements.last {
                    throw error(at: bytes.count, "the document ends inside <\(string(open.name))>, opened on line \(line(at: open.offset))")
                }
                if !sawRoot { throw error(at: bytes.count, "the document has no root element") }
                return .endOfDocument
            }
            eventOffset = position
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                position = find(UInt8(ascii: "<"), from: position) ?? bytes.count
                if openElements.isEmpty {
                    if let stray = (start..<position).first(where: { !isSpace(bytes[$0]) }) {
                        throw error(at: stray, sawRoot ? "text after the end of the root element" : "text before the root element")
                    }
                    continue
                }
                return .text(start..<position)
            }
            guard position + 1 < bytes.count else { throw error(at: position, "the document ends inside a tag") }
            switch bytes[position + 1] {
            case UInt8(ascii: "/"):
                return try endTag()
            case UInt8(ascii: "?"):
                try skipProcessingInstruction()
            case UInt8(ascii: "!"):
                if hasPrefix("<!--", at: position) {
                    try skipComment()
                } else if hasPrefix("<![CDATA[", at: position) {
                    guard !openElements.isEmpty else { throw error(at: position, "a CDATA section outside the root element") }
                    let start = position + 9
                    guard let close = find("]]>", from: start) else { throw error(at: position, "a CDATA section is never closed") }
                    position = close + 3
                    return .cdata(start..<close)
                } else if hasPrefix("<!DOCTYPE", at: position) {
                    try skipDocumentType()
                } else {
                    throw error(at: position, "unexpected markup \"<!\"; only comments, CDATA sections and a DOCTYPE are allowed")
                }
            default:
                return try startTag()
            }
        }
    }

    private mutating func startTag() throws -> Event {
        if sawRoot && openElements.isEmpty { throw error(at: position, "a second root element; an XML document has only one") }
        let tagOffset = position
        position += 1
        name = try scanName(what: "element name")
        attributes.removeAll(keepingCapacity: true)
        attributeNames.removeAll()
        while true {
            let hadSpace = skipSpaces()
            guard position < bytes.count else { throw error(at: tagOffset, "the document ends inside the tag <\(string(name))>") }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                openElements.append((name, tagOffset))
                sawRoot = true
                return .start(selfClosing: false)
            }
            if byte == UInt8(ascii: "/") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
                    throw error(at: position, "expected \"/>\" to close the tag <\(string(name))>")
                }
                position += 2
                sawRoot = true
                return .start(selfClosing: true)
            }
            guard hadSpace else { throw error(at: position, "attributes of <\(string(name))> must be separated by spaces") }
            let attributeName = try scanName(what: "attribute name")
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw error(at: position, "attribute \(string(attributeName)) of <\(string(name))> has no value")
            }
            position += 1
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw error(at: position, "the value of attribute \(string(attributeName)) must be in quotes")
            }
            let quote = bytes[position]
            let valueStart = position + 1
            guard let valueEnd = find(quote, from: valueStart) else {
                throw error(at: position, "the value of attribute \(string(attributeName)) is never closed")
            }
            if let lessThan = find(UInt8(ascii: "<"), from: valueStart, to: valueEnd) {
                throw error(at: lessThan, "\"<\" inside the value of attribute \(string(attributeName))")
            }
            if isRepeated(attributeName) {
                throw error(at: tagOffset, "attribute \(string(attributeName)) appears twice in <\(string(name))>")
            }
            attributes.append(XMLAttribute(name: attributeName, value: valueStart..<valueEnd))
            position = valueEnd + 1
        }
    }

    /// Whether the current tag already has an attribute of this name. Tags with a few
    /// attributes are scanned; beyond that a set keeps the check linear in the tag.
    private mutating func isRepeated(_ attributeName: Range<Int>) -> Bool {
        if attributes.count < 16 {
            return attributes.contains { equal($0.name, attributeName) }
        }
        if attributeNames.isEmpty {
            attributeNames = Set(attributes.map { string($0.name) })
        }
        return !attributeNames.insert(string(attributeName)).inserted
    }

    private mutating func endTag() throws -> Event {
        let tagOffset = position
        position += 2
        name = try scanName(what: "element name")
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw error(at: position, "expected \">\" to close the end tag </\(string(name))>")
        }
        position += 1
        guard let open = openElements.popLast() else {
            throw error(at: tagOffset, "end tag </\(string(name))> without a start tag")
        }
        guard equal(open.name, name) else {
            throw error(at: tagOffset, "end tag </\(string(name))> does not match <\(string(open.name))> opened on line \(line(at: open.offset))")
        }
        return .end
    }

    private mutating func skipComment() throws {
        guard let close = find("-->", from: position + 4) else { throw error(at: position, "a comment is never closed") }
        position = close + 3
    }

    private mutating func skipProcessingInstruction() throws {
        guard let close = find("?>", from: position + 2) else { throw error(at: position, "a processing instruction is never closed") }
        position = close + 2
    }

    /// Skips a DOCTYPE that only names a DTD; refuses one that declares entities.
    /// The internal subset is scanned with quotes and comments respected so that a
    /// `>` inside them cannot end it early.
    private mutating func skipDocumentType() throws {
        let start = position
        guard !sawRoot else { throw error(at: start, "a DOCTYPE after the root element") }
        var i = position + 9
        var bracketDepth = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard let close = find(byte, from: i + 1) else { break }
                i = close + 1
                continue
            }
            if hasPrefix("<!--", at: i) {
                guard let close = find("-->", from: i + 4) else { break }
                i = close + 3
                continue
            }
            if hasPrefix("<!ENTITY", at: i) {
                throw error(at: i, "the DOCTYPE declares entities, which are refused: they can expand without bound or read other files")
            }
            if byte == UInt8(ascii: "[") { bracketDepth += 1 }
            if byte == UInt8(ascii: "]") { bracketDepth -= 1 }
            if byte == UInt8(ascii: ">") && bracketDepth <= 0 {
                position = i + 1
                return
            }
            i += 1
        }
        throw error(at: start, "the DOCTYPE is never closed")
    }

    // MARK: - Decoding

    /// The text of a range as a Swift string, with references (`&amp;`, `&#x4E2D;`)
    /// decoded and line ends normalised as XML requires. In attribute values, tabs and
    /// line ends written literally become spaces (XML attribute-value normalisation).
    func text(_ range: Range<Int>, isAttribute: Bool = false) throws -> String {
        guard needsDecoding(range, isAttribute: isAttribute) else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "&"):
                guard let semicolon = find(UInt8(ascii: ";"), from: i + 1, to: min(range.upperBound, i + 12)) else {
                    throw error(at: i, "\"&\" that does not start a reference (write &amp;)")
                }
                try appendReference(i + 1..<semicolon, to: &output)
                i = semicolon + 1
                continue
            case UInt8(ascii: "\r"):
                if i + 1 < range.upperBound, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                output.append(isAttribute ? UInt8(ascii: " ") : UInt8(ascii: "\n"))
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                output.append(isAttribute ? UInt8(ascii: " ") : byte)
            default:
                output.append(byte)
            }
            i += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The value of the current tag's attribute called `attributeName`, decoded.
    func attribute(_ attributeName: StaticString) throws -> String? {
        for attribute in attributes where equal(attribute.name, attributeName) {
            return try text(attribute.value, isAttribute: true)
        }
        return nil
    }

    private func needsDecoding(_ range: Range<Int>, isAttribute: Bool) -> Bool {
        for i in range {
            switch bytes[i] {
            case UInt8(ascii: "&"), UInt8(ascii: "\r"): return true
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"): if isAttribute { return true }
            default: continue
            }
        }
        return false
    }

    private func appendReference(_ range: Range<Int>, to output: inout [UInt8]) throws {
        let reference = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        switch reference {
        case "lt": output.append(UInt8(ascii: "<"))
        case "gt": output.append(UInt8(ascii: ">"))
        case "amp": output.append(UInt8(ascii: "&"))
        case "quot": output.append(UInt8(ascii: "\""))
        case "apos": output.append(UInt8(ascii: "'"))
        default:
            var digits = Substring(reference)
            guard digits.first == "#" else {
                throw error(at: range.lowerBound - 1, "unknown entity &\(reference);; only the five XML entities and character references are accepted")
            }
            digits = digits.dropFirst()
            var radix = 10
            if digits.first == "x" {
                radix = 16
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: radix),
                  XMLCharacters.isAllowed(value) else {
                throw error(at: range.lowerBound - 1, "&\(reference); is not a character XML allows")
            }
            appendUTF8(value, to: &output)
        }
    }

    // MARK: - Scanning helpers

    private mutating func scanName(what: String) throws -> Range<Int> {
        let start = position
        while position < bytes.count && isNameByte(bytes[position]) { position += 1 }
        guard position > start, !isDigitOrPunctuation(bytes[start]) else {
            throw error(at: start, "expected an \(what)")
        }
        return start..<position
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = position
        while position < bytes.count && isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    @inline(__always) private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    @inline(__always) private func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: ":"),
             UInt8(ascii: "-"), UInt8(ascii: "."), 0x80...0xFF:
            return true
        default:
            return false
        }
    }

    @inline(__always) private func isDigitOrPunctuation(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private func find(_ byte: UInt8, from start: Int, to end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        guard start < end, let base = bytes.baseAddress,
              let hit = memchr(base + start, Int32(byte), end - start) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }

    private func find(_ needle: StaticString, from start: Int) -> Int? {
        let first = needle.utf8Start.pointee
        var i = start
        while let hit = find(first, from: i) {
            if hasPrefix(needle, at: hit) { return hit }
            i = hit + 1
        }
        return nil
    }

    private func hasPrefix(_ prefix: StaticString, at offset: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard offset >= 0, offset + length <= bytes.count, let base = bytes.baseAddress else { return false }
        return memcmp(base + offset, prefix.utf8Start, length) == 0
    }

    /// Whether a name in the document equals a constant.
    @inline(__always)
    func equal(_ range: Range<Int>, _ constant: StaticString) -> Bool {
        guard range.count == constant.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
        return memcmp(base + range.lowerBound, constant.utf8Start, range.count) == 0
    }

    private func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count, let base = bytes.baseAddress else { return false }
        return memcmp(base + a.lowerBound, base + b.lowerBound, a.count) == 0
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: - Errors

    func line(at offset: Int) -> Int { LineNumbers.line(at: offset, in: bytes) }

    func error(at offset: Int, _ reason: String) -> TranscriptError {
        TranscriptError(file: fileName, line: line(at: offset), reason: reason)
    }
}

/// Which characters XML 1.0 can hold at all, even as a character reference.
enum XMLCharacters {
    static func isAllowed(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
