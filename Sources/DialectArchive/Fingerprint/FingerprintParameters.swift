/// Every constant of the landmark fingerprint, in one place. Changing one changes the hashes,
/// so an archive records the version it was fingerprinted with.
public enum FingerprintParameters {
    /// Version stored with each recording's landmarks (3: four pairs per anchor instead of six;
    /// the pairs are the strongest of the same target zone, so version 2's hold version 3's).
    public static let version = 3
    /// Audio is mixed to mono and resampled to this rate: speech lives below 4 kHz.
    public static let sampleRate = 8000
    /// FFT length in samples (64 ms).
    public static let fftSize = 512
    /// Hop between spectra in samples (16 ms): the time resolution of offsets.
    public static let hop = 128
    /// Milliseconds per spectrum frame.
    public static let frameMs = Double(hop) * 1000 / Double(sampleRate)
    /// Lowest and highest spectrum bins used (about 94 Hz to 3.9 kHz).
    public static let lowestBin = 3
    public static let highestBin = 250
    /// A peak must be the largest value within this many frames and bins either side.
    public static let peakTimeRadius = 4
    public static let peakBinRadius = 8
    /// Peak density: a peak is kept when fewer than `peaksPerWindow` stronger peaks lie within
    /// `densityRadius` frames either side. Density adapts to loudness and noise because only the
    /// strongest peaks around each moment survive, whatever the level.
    public static let densityRadius = 8
    public static let peaksPerWindow = 6
    /// Spectra quieter than this (natural-log power) are silence and give no peaks.
    public static let silenceFloor: Float = -16
    /// Each anchor peak pairs with the strongest of the peaks in its target zone, up to this many.
    /// Four keep every excerpt of the benchmark found that six did, with a third fewer rows to
    /// store and look up; three begin to lose excerpts in babble.
    public static let fanout = 4
    /// Target zone: peaks minDeltaFrames...maxDeltaFrames frames later (48 ms to 1 s), at any
    /// frequency. Δt fills the hash's 6 bits.
    public static let minDeltaFrames = 3
    public static let maxDeltaFrames = 63
    /// Aligned hashes needed before a match is reported at all (as possible).
    public static let minimumAlignedHashes = 8
    /// Frames the aligned landmarks of a likely or certain match must span (1 s): however many
    /// align, a shorter match is possible at most. Two short words read by one voice that differ
    /// in a consonant (niao3xin1 and niao3jin1) share all their voiced sound, where the landmarks
    /// are. In a word list of 2,000 such words (the fingerprint benchmark's), 96 ordered pairs
    /// aligned 15 to 35 landmarks, a third to all of those of the query (median 61 %; the same
    /// word as MP3 at 32 kbps keeps a median 57 %), so neither count nor density tells them
    /// from a copy; but none spanned more than 26 frames (0.42 s).
    public static let minimumMatchFrames = 63
    /// Share of a query's landmarks that speech which merely sounds alike (the same voice saying
    /// other words, another voice saying the same words) aligns at one offset.
    public static let coincidentShare = 0.02
    /// How many standard deviations above that share a likely and a certain match stand.
    public static let likelyMargin = 4.0
    public static let certainMargin = 8.0
    /// Aligned hashes a likely and a certain match need whatever the query's length.
    public static let likelyAlignedHashes = 15
    public static let certainAlignedHashes = 30
    /// Looking for a recording's duplicates (the warning at ingest, `duplicates`), the archive is
    /// searched for a sample of its landmarks: all of them up to about a minute and a half, beyond
    /// that those of every n-th frame, some 4,000 to 8,000 in all, so that a long recording costs
    /// no more than a short one. Twice as many found two readings of the same text by the same
    /// voice at speeds 2.7 % apart "likely" to overlap in the 100-hour benchmark index; this many
    /// found no such pair. (`identify` searches for all of a query's landmarks, as far as
    /// `lookupVotesPerLandmark` allows.)
    public static let duplicateSample = 4000
    /// A lookup reads the query's hashes rarest first (by how many archived landmarks share
    /// each) and leaves out the commonest once they would cast more than this many votes per
    /// landmark of the query. A hash that common is spoken everywhere: each of its archived
    /// landmarks adds a vote at a chance offset, and the true offset is already carried by the
    /// rarer ones. Below some hundreds of hours of audio no query reaches it.
    public static let lookupVotesPerLandmark = 100
    /// The share is taken over the matched stretch of the query widened to this many frames
    /// (10 s), so a long query that holds a short archived passage is judged around it.
    public static let confidenceSpanFrames = 625
}
