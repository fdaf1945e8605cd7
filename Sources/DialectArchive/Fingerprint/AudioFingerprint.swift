/// Both fingerprints of a recording: landmarks for finding it (and excerpts of it) in the
/// archive, and Chromaprint for comparing with AcoustID and other tools.
public struct AudioFingerprint: Equatable, Sendable {
    public var landmarks: [Landmark]
    /// As `fpcalc` prints it (of the first 120 s, as `fpcalc` and AcoustID take them); nil for
    /// audio too short to fingerprint.
    public var chromaprint: String?
}

/// Receives decoded samples during analysis and builds both fingerprints from them.
final class FingerprintBuilder {
    private var landmarks: LandmarkFingerprinter?
    private var chromaprint: ChromaprintFingerprinter?

    func feed(_ samples: UnsafeBufferPointer<Float>, sampleRate: Int, channels: Int) {
        if landmarks == nil {
            landmarks = LandmarkFingerprinter(sampleRate: sampleRate, channels: channels)
            chromaprint = ChromaprintFingerprinter(sampleRate: sampleRate, channels: channels)
        }
        landmarks?.feed(samples)
        chromaprint?.feed(samples)
    }

    func finish() -> AudioFingerprint {
        AudioFingerprint(landmarks: landmarks?.finish() ?? [], chromaprint: chromaprint?.finish())
    }
}
