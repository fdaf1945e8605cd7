/// What real recorders and encoders write. A header outside these limits is damage, and the
/// archive refuses it before any buffer is sized from it.
enum AudioLimits {
    /// Sample rates from telephone-band speech to the highest studio rate.
    static let sampleRates: ClosedRange<Double> = 1_000...768_000
    static let maxChannels = 64
    /// Bits per sample of integer or floating-point PCM.
    static let bitDepths = 1...64

    /// Throws `impossibleHeader` when `sampleRate` (NaN included) or `channels` is outside the
    /// limits; `source` says where the value was read (“the fmt chunk at byte 12”).
    static func check(sampleRate: Double, channels: Int, path: String, source: String) throws {
        guard sampleRates.contains(sampleRate) else {
            throw AudioError.impossibleHeader(path: path, reason: "\(source) gives a sample rate of \(describe(sampleRate)) "
                + "(recorders write 1,000–768,000 Hz)")
        }
        guard (1...maxChannels).contains(channels) else {
            throw AudioError.impossibleHeader(path: path, reason: "\(source) gives \(channels) channels (1–\(maxChannels) are possible)")
        }
    }

    private static func describe(_ rate: Double) -> String {
        if rate.isNaN { return "NaN (not a number)" }
        if rate.isInfinite { return "infinity" }
        return rate == rate.rounded() && abs(rate) < 1e18 ? "\(Int64(rate)) Hz" : "\(rate) Hz"
    }
}
