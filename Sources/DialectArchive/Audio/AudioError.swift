/// Why an audio file could not be analysed; every case names the file.
public enum AudioError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case notAudio(path: String, reason: String)
    case truncated(path: String, reason: String)
    case undecodable(path: String, reason: String)

    public var path: String {
        switch self {
        case .unreadable(let path, _), .empty(let path), .notAudio(let path, _),
             .truncated(let path, _), .undecodable(let path, _):
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
        }
    }

    public var description: String { "\(path): \(reason)" }
}
