/// The technical facts of one audio file: what `inspect` prints and what the
/// archive stores for every recording.
public struct AudioFacts: Equatable, Sendable, Codable {
    /// Container as users name it: `wav`, `rf64`, `w64`, `aiff`, `flac`, `ogg`, `mp3`.
    public var container: String
    /// Codec in ffmpeg's vocabulary: `pcm_s16le`, `pcm_s24le`, `pcm_f32le`, `flac`, `vorbis`, `opus`, `mp3`.
    public var codec: String
    public var sampleRate: Int
    public var channels: Int
    /// Bits per sample of lossless audio; nil for lossy codecs.
    public var bitsPerSample: Int?
    /// Exact number of sample frames, counted by decoding.
    public var frames: Int64
    /// Size of the file in bytes.
    public var size: Int64
    /// SHA-256 of the file's bytes, lower-case hex.
    public var sha256: String
    /// SHA-256 of the decoded samples: equal for a WAV and the FLAC made from it.
    public var audioSHA256: String
    /// Broadcast WAV `bext` fields, when the file has that chunk.
    public var bext: BroadcastExtension?
    /// Damage found in a file that still decoded (audio lost to bad pages or frames, fewer
    /// frames than the header promised): each says what was expected and what decoded.
    public var warnings: [String] = []

    /// Length in milliseconds, frames × 1000 / sample rate rounded half up.
    public var durationMs: Int64 {
        sampleRate > 0 ? (frames * 1000 * 2 + Int64(sampleRate)) / (2 * Int64(sampleRate)) : 0
    }
}
