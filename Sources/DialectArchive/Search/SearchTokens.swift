import Foundation

/// How transcript text becomes search tokens, for indexing and for queries alike:
/// - every Han character is a token of its own, traditional folded to simplified;
/// - Latin and IPA words are folded for case and diacritics and cut into syllables after
///   each tone mark;
/// - a toned syllable (`tɕi˥˧`, `tɕi⁵³`, `tɕi53`) is indexed both as `tɕi53` and as `tɕi`,
///   so a query without tones finds every tone and a query with tones finds only that tone.
/// - punctuation between two tokens leaves a separator token, so a phrase never matches across
///   it (太，阳 is not 太阳).
/// Offsets are UTF-8 byte offsets into the original text, so highlights point into what was written.
enum SearchTokens {
    struct Token: Equatable {
        var text: String
        var start: Int
        var end: Int
        /// A second form at the same position (the toneless form of a toned syllable).
        var colocated: Bool
    }

    enum Mode { case document, query }

    /// Stands between tokens where the text has punctuation; no text ever folds to it.
    static let separator = "\u{1}"

    static func tokens(in text: String, mode: Mode) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 2 + 2)
        var word = String.UnicodeScalarView()
        var wordStart = 0, offset = 0
        var tone = ""
        var hasLetters = false
        var punctuated = false

        func emit(_ token: Token) {
            if punctuated, !token.colocated, !tokens.isEmpty {
                tokens.append(Token(text: separator, start: token.start, end: token.start, colocated: false))
            }
            punctuated = false
            tokens.append(token)
        }

        func flush(at end: Int) {
            defer { word = String.UnicodeScalarView(); tone = ""; hasLetters = false }
            guard !word.isEmpty || !tone.isEmpty else { return }
            if !hasLetters {
                let digits = String(word) + tone
                if !digits.isEmpty { emit(Token(text: digits, start: wordStart, end: end, colocated: false)) }
                return
            }
            let base = String(word)
            if tone.isEmpty {
                emit(Token(text: base, start: wordStart, end: end, colocated: false))
            } else if mode == .document {
                emit(Token(text: base + tone, start: wordStart, end: end, colocated: false))
                emit(Token(text: base, start: wordStart, end: end, colocated: true))
            } else {
                emit(Token(text: base + tone, start: wordStart, end: end, colocated: false))
            }
        }

        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            defer { offset += width }
            if HanVariants.isHan(scalar) {
                flush(at: offset)
                emit(Token(text: String(HanVariants.simplified(scalar)), start: offset, end: offset + width, colocated: false))
                continue
            }
            if let digit = ToneMarks.digit(scalar) ?? (hasLetters ? asciiDigit(scalar) : nil) {
                if word.isEmpty && tone.isEmpty { wordStart = offset }
                tone.append(digit)
                continue
            }
            if let folded = ScalarFolding.fold(scalar) {
                if folded.isEmpty { continue }
                if !tone.isEmpty { flush(at: offset) }
                if word.isEmpty { wordStart = offset }
                word.append(contentsOf: folded.unicodeScalars)
                if !(folded.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }) { hasLetters = true }
                continue
            }
            flush(at: offset)
            if isPunctuation(scalar) { punctuated = true }
        }
        flush(at: offset)
        return tokens
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .openPunctuation, .closePunctuation, .otherPunctuation, .dashPunctuation, .connectorPunctuation,
             .initialPunctuation, .finalPunctuation:
            return true
        default:
            return false
        }
    }

    private static func asciiDigit(_ scalar: Unicode.Scalar) -> Character? {
        ("0"..."9").contains(scalar) ? Character(scalar) : nil
    }
}

/// Tone letters (˥˦˧˨˩, Chao) and superscript tone numbers (⁵³), as the digits they stand for.
enum ToneMarks {
    static func digit(_ scalar: Unicode.Scalar) -> Character? {
        switch scalar.value {
        case 0x02E5: return "5"
        case 0x02E6: return "4"
        case 0x02E7: return "3"
        case 0x02E8: return "2"
        case 0x02E9: return "1"
        case 0x2070: return "0"
        case 0x00B9: return "1"
        case 0x00B2: return "2"
        case 0x00B3: return "3"
        case 0x2074...0x2079: return Character(Unicode.Scalar(scalar.value - 0x2074 + 0x34)!)
        default: return nil
        }
    }
}

/// Case and diacritic folding of the scalars that make up Latin and IPA words: nil for a
/// separator, "" for a mark to drop (a combining diacritic), else the folded letters.
enum ScalarFolding {
    private static let limit: UInt32 = 0x3000

    private static let table: [String?] = (0..<limit).map { value in
        guard let scalar = Unicode.Scalar(value) else { return nil }
        let properties = scalar.properties
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
            || properties.generalCategory == .spacingMark {
            return ""
        }
        let isWordScalar = properties.isAlphabetic || properties.generalCategory == .decimalNumber
            || properties.generalCategory == .modifierLetter
        guard isWordScalar else { return nil }
        return String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    static func fold(_ scalar: Unicode.Scalar) -> String? {
        if scalar.value < 0x80 {
            switch scalar.value {
            case 0x41...0x5A: return String(Unicode.Scalar(scalar.value + 32)!)
            case 0x61...0x7A, 0x30...0x39: return String(scalar)
            default: return nil
            }
        }
        if scalar.value < limit { return table[Int(scalar.value)] }
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.generalCategory == .decimalNumber else { return nil }
        return String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}
