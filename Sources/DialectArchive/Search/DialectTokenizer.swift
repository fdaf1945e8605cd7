import Foundation
import GRDB
import GRDBSQLite

/// The archive's FTS5 tokenizer (`dialect`): `SearchTokens` registered with SQLite, so the
/// index, queries and highlights all cut text the same way.
final class DialectTokenizer: FTS5CustomTokenizer {
    static let name = "dialect"

    init(db: Database, arguments: [String]) throws {}

    func tokenize(context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization,
                  pText: UnsafePointer<CChar>?, nText: CInt, tokenCallback: @escaping FTS5TokenCallback) -> CInt {
        guard let pText, nText > 0 else { return SQLITE_OK }
        let buffer = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        let facetsStart = Self.firstMarker(in: buffer) ?? buffer.count
        if facetsStart > 0 {
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[..<facetsStart]), as: UTF8.self)
            let mode: SearchTokens.Mode = tokenization.contains(.document) || tokenization.contains(.aux) ? .document : .query
            for token in SearchTokens.tokens(in: text, mode: mode) {
                var tokenText = token.text
                let code = tokenText.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) {
                        tokenCallback(context, token.colocated ? FTS5_TOKEN_COLOCATED : 0, $0.baseAddress, CInt($0.count),
                                      CInt(token.start), CInt(token.end))
                    }
                }
                if code != SQLITE_OK { return code }
            }
        }
        // Facet tokens (SearchFacets), separated by spaces, each taken as it is.
        var start = facetsStart
        while start < buffer.count {
            if buffer[start] == 0x20 { start += 1; continue }
            var end = start
            while end < buffer.count, buffer[end] != 0x20 { end += 1 }
            let code = tokenCallback(context, 0, pText + start, CInt(end - start), CInt(start), CInt(end))
            if code != SQLITE_OK { return code }
            start = end
        }
        return SQLITE_OK
    }

    /// Where the first facet marker (U+FDD0, UTF-8 EF B7 90) begins.
    private static func firstMarker(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xEF, bytes[index + 1] == 0xB7, bytes[index + 2] == 0x90 { return index }
            index += 1
        }
        return nil
    }
}
