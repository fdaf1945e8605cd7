import CSndFile
import Foundation

/// libsndfile's failures told in the user's words: what kind of file, what is wrong, where.
enum SndFileMessage {
    /// libsndfile could not open the file: cut short inside its header, an encoding it cannot
    /// decode, or a header too damaged to find the audio.
    static func openFailure(_ reader: HashingFileReader, kind: AudioFormatSniffer.Kind, code: Int32) -> AudioError {
        let name = kind.displayName
        if reader.position >= reader.size {
            return .truncated(path: reader.path, reason: "the \(name) file ends at byte \(reader.size), inside its header, before any audio")
        }
        switch Int(code) {
        case Int(SF_ERR_UNSUPPORTED_ENCODING):
            return .undecodable(path: reader.path, reason: "the \(name) file uses an encoding the archive cannot decode")
        case Int(SF_ERR_UNRECOGNISED_FORMAT):
            return .damaged(path: reader.path, reason: "the \(name) header is damaged: its format cannot be recognised")
        default:
            return .damaged(path: reader.path, reason: "the \(name) header is damaged or incomplete (reading stopped at byte \(reader.position)), so its audio cannot be found")
        }
    }

    /// A message of libsndfile's own, kept only as a last detail: one line, printable.
    static func plain(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "no detail" }
        return String(cString: message).unicodeScalars
            .map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: ". \n"))
    }

    /// Fewer frames decoded than the header promised: cut short, or damaged where decoding stopped.
    static func shortfall(path: String, promised: Int64, decoded: Int64, sampleRate: Int, stoppedAt: Int64, size: Int64) -> AudioError {
        let clock = { (frames: Int64) in TimeFormat.clock(frames * 1000 / Int64(sampleRate)) }
        let amounts = "the header promises \(promised) sample frames (\(clock(promised))) but only \(decoded) decode (\(clock(decoded)))"
        return stoppedAt >= size ? .truncated(path: path, reason: "\(amounts): the file ends early")
            : .damaged(path: path, reason: "\(amounts): decoding stopped at damage near byte \(stoppedAt) of \(size)")
    }
}

extension AudioFormatSniffer.Kind {
    /// The container as users name it in messages.
    var displayName: String {
        switch self {
        case .riffWave: return "WAV"
        case .wave64: return "Wave64"
        case .aiff: return "AIFF"
        case .flac: return "FLAC"
        case .ogg: return "Ogg"
        case .mpeg: return "MP3"
        }
    }
}
