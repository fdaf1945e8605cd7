import Foundation

/// A subtitle file as decoded lines. CR LF and lone CR end lines too, as the WebVTT
/// specification says and as SRT files from every platform need.
struct SubtitleLines {
    var lines: [String]
    var encoding: String

    init(_ data: Data, fileName: String) throws {
        let decoded = try TextDecoding.decode(data, fileName: fileName, allowGB18030: true)
        encoding = decoded.encoding
        lines = []
        let bytes = decoded.utf8
        var start = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0A || byte == 0x0D {
                lines.append(String(decoding: bytes[start..<i], as: UTF8.self))
                if byte == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
    }

    /// The single tier a subtitle file becomes.
    static func transcript(format: Transcript.Format, encoding: String, cues: [Annotation]) -> Transcript {
        let ordered = cues.enumerated().sorted {
            ($0.element.startMs, $0.element.endMs, $0.offset) < ($1.element.startMs, $1.element.endMs, $1.offset)
        }.map(\.element)
        return Transcript(format: format, encoding: encoding, media: [],
                          durationMs: cues.map(\.endMs).max(),
                          tiers: [Tier(name: SubtitleTier.name, type: .interval, annotations: ordered)])
    }
}

/// Subtitle files have no tiers; their cues are read into one interval tier of this
/// name, so that they search and export like any other transcript's segments.
public enum SubtitleTier {
    public static let name = "subtitles"
}
