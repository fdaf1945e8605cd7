/// Why an audio file could not be analysed; every case names the file.
public enum AudioError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case notAudio(path: String, reason: String)
    case truncated(path: String, reason: String)
    case undecodable(path: String, reason: String)
    /// The header claims something no recorder writes (a rate of 1 Hz, 65 channels, a bit depth
    /// its block alignment contradicts): damage, not a recording.
    case impossibleHeader(path: String, reason: String)
    /// The stream is damaged beyond salvage, or holds no audio at all.
    case damaged(path: String, reason: String)

    public var path: String {
        switch self {
        case .unreadable(let path, _), .empty(let path), .notAudio(let path, _),
             .truncated(let path, _), .undecodable(let path, _), .impossibleHeader(let path, _), .damaged(let path, _):
            return path
        }
    }

    public var reason: String {
        switch self {
        case .unreadable(_, let reason): return "cannot be read: \(reason)"
        case .empty: return "file is empty"
        case .notAudio(_, let reason): return "not an audio file: \(reason)"
        case .truncated(_, let reason): return "file is truncated: \(reason)"
        case .undecodable(_, let reason): return "audio cannot be decoded: \(reason)"
        case .impossibleHeader(_, let reason): return "the header is impossible: \(reason)"
        case .damaged(_, let reason): return "the file is damaged: \(reason)"
        }
    }

    public var description: String { "\(path): \(reason)" }
}
