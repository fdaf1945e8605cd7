import Foundation

/// Reads Praat TextGrid files in the long and the short text format, in UTF-8 (with or
/// without a byte-order mark) and UTF-16 (with a mark, or recognised without one).
///
/// Times are converted from the decimal literals exactly. `durationMs` is the grid's
/// own `xmax − xmin`, even where a tier runs past it, and `startMs` is its `xmin`.
/// Tier bounds are not kept: an interval tier's annotations are its intervals.
enum TextGridReader {
    static func read(_ data: Data, fileName: String) throws -> Transcript {
        if data.starts(with: Array("ooBinaryFile".utf8)) {
            throw TranscriptError(file: fileName, line: 1, reason: "a binary Praat TextGrid is not supported; save it from Praat as a text file")
        }
        return try TextDecoding.withUTF8(data, fileName: fileName, allowGB18030: false) { bytes, encoding in
            var parser = TextGridParser(tokens: TextGridTokenizer(bytes: bytes), fileName: fileName)
            return try parser.transcript(encoding: encoding)
        }
    }
}

/// Interprets the values of a TextGrid in order, remembering where it is so that a file
/// cut off part-way can say in which tier and after how many entries.
private struct TextGridParser {
    var tokens: TextGridTokenizer
    let fileName: String
    /// Where reading is, for the "ends inside" message.
    var tierNumber = 0
    var tierName = ""
    var entriesRead = 0
    var entriesExpected = 0
    var entryKind = "intervals"
    var lastLine = 1

    init(tokens: TextGridTokenizer, fileName: String) {
        self.tokens = tokens
        self.fileName = fileName
    }

    mutating func transcript(encoding: String) throws -> Transcript {
        let fileType = try text("the file type")
        guard fileType.hasPrefix("ooTextFile") else {
            throw error("not a Praat text file: the file type is \"\(fileType)\", not \"ooTextFile\"")
        }
        let objectClass = try text("the object class")
        guard objectClass.hasPrefix("TextGrid") else {
            throw error("this Praat file holds a \(objectClass), not a TextGrid")
        }
        let xmin = try time("the TextGrid's xmin")
        let xmax = try time("the TextGrid's xmax")
        guard xmax >= xmin else { throw error("the TextGrid ends (xmax) before it starts (xmin)") }
        let tierCount: Int
        switch try flag("<exists> or <absent> after \"tiers?\"") {
        case "exists": tierCount = try count("the number of tiers")
        case "absent": tierCount = 0
        case let other: throw error("expected <exists> or <absent> after \"tiers?\", found <\(other)>")
        }

        var tiers: [Tier] = []
        for number in stride(from: 1, through: tierCount, by: 1) {
            tierNumber = number
            tierName = ""
            entriesRead = 0
            entriesExpected = 0
            let tierClass = try text("the class of tier \(number)")
            tierName = try text("the name of tier \(number)")
            _ = try time("the xmin of tier \(number)")
            _ = try time("the xmax of tier \(number)")
            let isPointTier: Bool
            switch tierClass {
            case "IntervalTier": isPointTier = false
            case "TextTier": isPointTier = true
            default: throw error("tier \(number) has class \"\(tierClass)\"; expected \"IntervalTier\" or \"TextTier\"")
            }
            let kind = isPointTier ? "points" : "intervals"
            entryKind = kind
            entriesExpected = try count("the number of \(kind) in tier \(number)")
            var annotations: [Annotation] = []
            // Reserved at once so that growing the array never holds two copies; bounded
            // by what the rest of the file can hold (an interval takes at least six
            // bytes, `0 1 ""`), so that a damaged count cannot claim memory the file
            // does not fill.
            annotations.reserveCapacity(min(entriesExpected, tokens.bytesLeft / 6))
            for entry in stride(from: 1, through: entriesExpected, by: 1) {
                if isPointTier {
                    let time = try time("the time of point \(entry) of tier \(number)")
                    let mark = try text("the mark of point \(entry) of tier \(number)")
                    annotations.append(Annotation(startMs: time, endMs: time, text: mark))
                } else {
                    let start = try time("the xmin of interval \(entry) of tier \(number)")
                    let end = try time("the xmax of interval \(entry) of tier \(number)")
                    guard end >= start else {
                        throw error("interval \(entry) of tier \(number) (\"\(tierName)\") ends before it starts")
                    }
                    let label = try text("the text of interval \(entry) of tier \(number)")
                    annotations.append(Annotation(startMs: start, endMs: end, text: label))
                }
                entriesRead = entry
            }
            tiers.append(Tier(name: tierName, type: isPointTier ? .point : .interval,
                              annotations: Annotation.inTimeOrder(annotations)))
        }
        return Transcript(format: .textgrid, encoding: encoding, durationMs: xmax - xmin, tiers: tiers, startMs: xmin)
    }

    // MARK: - Values

    private mutating func token(_ what: () -> String) throws -> TextGridTokenizer.Value {
        let token: TextGridTokenizer.Token?
        do {
            token = try tokens.next()
        } catch let failure as TextGridTokenizer.TokenError {
            throw TranscriptError(file: fileName, line: failure.line, reason: failure.reason)
        }
        guard let token else { throw endOfFile(expecting: what()) }
        lastLine = token.line
        return token.value
    }

    /// `what` is built only for an error: one description per value read would cost
    /// more than reading the value.
    private mutating func text(_ what: @autoclosure () -> String) throws -> String {
        let value = try token(what)
        guard case .text(let text) = value else { throw unexpected(value, expecting: what(), kind: "a quoted text") }
        return text
    }

    private mutating func flag(_ what: @autoclosure () -> String) throws -> String {
        let value = try token(what)
        guard case .flag(let flag) = value else { throw unexpected(value, expecting: what(), kind: "a flag") }
        return flag
    }

    private mutating func time(_ what: @autoclosure () -> String) throws -> Int {
        let value = try token(what)
        guard case .number(let literal) = value else { throw unexpected(value, expecting: what(), kind: "a number") }
        guard let milliseconds = Milliseconds.fromSeconds(literal) else {
            throw error("\(what()) is \"\(String(decoding: literal, as: UTF8.self))\", not a number of seconds in range")
        }
        return milliseconds
    }

    private mutating func count(_ what: @autoclosure () -> String) throws -> Int {
        let value = try token(what)
        guard case .number(let literal) = value else { throw unexpected(value, expecting: what(), kind: "a number") }
        guard !literal.isEmpty, literal.count <= 9, literal.allSatisfy({ (0x30...0x39).contains($0) }),
              let count = Int(String(decoding: literal, as: UTF8.self)) else {
            throw error("\(what()) is \"\(String(decoding: literal, as: UTF8.self))\", not a whole number")
        }
        return count
    }

    // MARK: - Errors

    private func error(_ reason: String) -> TranscriptError {
        TranscriptError(file: fileName, line: lastLine, reason: reason)
    }

    private func unexpected(_ value: TextGridTokenizer.Value, expecting what: String, kind: String) -> TranscriptError {
        let found: String
        switch value {
        case .text(let text): found = "the text \"\(text.prefix(40))\""
        case .number(let literal): found = "the number \(String(decoding: literal, as: UTF8.self))"
        case .flag(let flag): found = "<\(flag)>"
        case .unquoted(let word): found = word.isEmpty ? "nothing after \"=\"" : "\"\(word.prefix(40))\""
        }
        return error("expected \(kind) for \(what), found \(found)")
    }

    private func endOfFile(expecting what: String) -> TranscriptError {
        let place = tierNumber == 0
            ? "in the TextGrid header"
            : "inside tier \(tierNumber) (\"\(tierName)\") after \(entriesRead) of \(entriesExpected) \(entryKind)"
        return TranscriptError(file: fileName, line: tokens.line,
                               reason: "the file ends \(place), while \(what) was expected (the file is cut off)")
    }
}
