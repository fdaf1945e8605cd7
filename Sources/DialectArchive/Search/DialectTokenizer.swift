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
        let text = String(decoding: buffer, as: UTF8.self)
        let mode: SearchTokens.Mode = tokenization.contains(.document) || tokenization.contains(.aux) ? .document : .query
        for token in SearchTokens.tokens(in: text, mode: mode) {
            var bytes = Array(token.text.utf8)
            let code = bytes.withUnsafeMutableBufferPointer { pointer in
                pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                    tokenCallback(context, token.colocated ? FTS5_TOKEN_COLOCATED : 0, $0, CInt(pointer.count),
                                  CInt(token.start), CInt(token.end))
                }
            }
            if code != SQLITE_OK { return code }
        }
        return SQLITE_OK
    }
}
