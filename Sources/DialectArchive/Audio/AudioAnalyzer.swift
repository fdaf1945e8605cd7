import Foundation

/// Analyses one audio file in a single streaming pass: container and codec, exact frame
/// count, checksums of the bytes and of the decoded samples, and BWF `bext` fields.
///
/// ```swift
/// let facts = try AudioAnalyzer.analyze(URL(fileURLWithPath: "bj-lm-cihui.wav"))
/// print(facts.durationMs, facts.sha256)
/// ```
/// Memory stays constant whatever the length of the recording.
public enum AudioAnalyzer {
    /// File extensions treated as audio during ingest.
    public static let fileExtensions: Set<String> = ["wav", "wave", "bwf", "rf64", "w64", "aif", "aiff", "aifc",
                                                     "flac", "ogg", "oga", "opus", "mp3", "mp2"]

    /// Analyses `url`; when `copy` is given, every byte read is also written to it, so the
    /// archive copy and the checksum come from the same read.
    public static func analyze(_ url: URL, copyingTo copy: FileHandle? = nil) throws -> AudioFacts {
        try analyze(url, copyingTo: copy, fingerprinting: false).facts
    }

    /// Analyses `url` and, when `fingerprinting`, computes its fingerprints from the same decoded
    /// samples, on a second thread while the first decodes.
    public static func analyze(_ url: URL, copyingTo copy: FileHandle? = nil, fingerprinting: Bool) throws
        -> (facts: AudioFacts, fingerprint: AudioFingerprint?) {
        try analyze(url, copyingTo: copy, fingerprint: fingerprinting ? FingerprintBuilder(ownThread: true) : nil)
    }

    /// Analyses `url`, handing the decoded samples to `fingerprint` when given.
    static func analyze(_ url: URL, copyingTo copy: FileHandle? = nil, fingerprint: FingerprintBuilder?) throws
        -> (facts: AudioFacts, fingerprint: AudioFingerprint?) {
        let reader = try HashingFileReader(path: url.path, copyTo: copy)
        guard reader.size > 0 else { throw AudioError.empty(path: url.path) }
        let header = try reader.bytes(at: 0, count: 64)
        guard let kind = AudioFormatSniffer.kind(of: header) else {
            throw AudioError.notAudio(path: url.path, reason: AudioFormatSniffer.describe(try reader.bytes(at: 0, count: 512)))
        }
        var bext: BroadcastExtension?
        let decoded: DecodedAudio
        switch kind {
        case .riffWave:
            let riff = try RIFFHeader.read(from: reader)
            bext = riff.bext
            decoded = try SndFileDecoder.decode(reader, kind: kind, formatTag: riff.formatTag, fingerprint: fingerprint)
        case .mpeg:
            decoded = try MP3Decoder.decode(reader, fingerprint: fingerprint)
        case .wave64, .aiff, .flac, .ogg:
            decoded = try SndFileDecoder.decode(reader, kind: kind, formatTag: nil, fingerprint: fingerprint)
        }
        let sha256 = try reader.finish()
        let facts = AudioFacts(container: decoded.container, codec: decoded.codec, sampleRate: decoded.sampleRate,
                               channels: decoded.channels, bitsPerSample: decoded.bitsPerSample, frames: decoded.frames,
                               size: reader.size, sha256: sha256, audioSHA256: decoded.audioSHA256, bext: bext,
                               warnings: decoded.warnings)
        return (facts, fingerprint?.finish())
    }
}
