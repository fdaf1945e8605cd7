/// Both fingerprints of a recording: landmarks for finding it (and excerpts of it) in the
/// archive, and Chromaprint for comparing with AcoustID and other tools.
public struct AudioFingerprint: Equatable, Sendable {
    public var landmarks: [Landmark]
    /// As `fpcalc` prints it (of the first 120 s, as `fpcalc` and AcoustID take them); nil for
    /// audio too short to fingerprint.
    public var chromaprint: String?
}
