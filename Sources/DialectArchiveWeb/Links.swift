import Foundation

/// URLs the pages link to, with their query strings encoded.
enum Links {
    static func page(_ path: String, _ parameters: [(String, String)]) -> String {
        let query = parameters.filter { !$0.1.isEmpty }.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        return query.isEmpty ? path : path + "?" + query
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Seconds with milliseconds, as in `t=10.229-12.746`.
    static func seconds(_ ms: Int64) -> String {
        String(format: "%d.%03d", ms / 1000, ms % 1000)
    }

    static func recording(_ id: Int64, startMs: Int64, endMs: Int64) -> String {
        "/recordings/\(id)?t=\(seconds(startMs))-\(seconds(endMs))"
    }

    static func audio(_ id: Int64, startMs: Int64, endMs: Int64, padMs: Int64) -> String {
        "/api/recordings/\(id)/audio?start_ms=\(startMs)&end_ms=\(endMs)&pad_ms=\(padMs)"
    }
}
