import CChromaprint

/// The AcoustID (Chromaprint) fingerprint of a recording, in the compressed base64 form
/// `fpcalc` prints, so it can be compared with AcoustID and other tools. Like `fpcalc` (and
/// AcoustID lookups), it covers the first two minutes of the recording.
public final class ChromaprintFingerprinter {
    /// Seconds fingerprinted from the start, `fpcalc`'s default `-length`.
    public static let maximumSeconds = 120

    private var context: OpaquePointer?
    private let channels: Int
    /// Chromaprint's own mono mix and resampling to 11,025 Hz, done here, faster, to the same values.
    private let resampler: ChromaprintResampler?
    /// Samples at 11,025 Hz still to hand to Chromaprint before `maximumSeconds` are reached.
    private var remaining = maximumSeconds * ChromaprintResampler.outputRate
    private var samples: UnsafeMutableBufferPointer<Int16>
    private var mono: UnsafeMutableBufferPointer<Int16>

    public init(sampleRate: Int, channels: Int) {
        self.channels = max(1, channels)
        samples = .allocate(capacity: 0)
        mono = .allocate(capacity: 0)
        resampler = ChromaprintResampler(inputRate: sampleRate, channels: channels)
        // Chromaprint refuses rates of 1 kHz and below and audio without channels.
        guard sampleRate > 1000, channels > 0 else { return }
        context = Self.pool.take(0) { chromaprint_new(Int32(CHROMAPRINT_ALGORITHM_DEFAULT.rawValue)) }
        if let started = context, chromaprint_start(started, Int32(ChromaprintResampler.outputRate), 1) != 1 {
            chromaprint_free(started)
            context = nil
        }
    }

    /// Contexts of earlier analyses: `chromaprint_start` makes one ready for the next recording,
    /// as `fpcalc` does for each of its files.
    private static let pool = ReusePool<Int>(free: { chromaprint_free($0) })

    deinit {
        if let context { Self.pool.giveBack(context, for: 0) }
        samples.deallocate()
        mono.deallocate()
    }

    /// True once the first `maximumSeconds` have been taken: the rest of the recording needs no work.
    var isComplete: Bool { context == nil || remaining == 0 }

    /// Feeds interleaved samples in [-1, 1].
    public func feed(_ input: UnsafeBufferPointer<Float>) {
        guard !isComplete, !input.isEmpty else { return }
        if samples.count < input.count {
            samples.deallocate()
            samples = .allocate(capacity: input.count)
        }
        Self.convert(input, into: samples.baseAddress!)
        let converted = UnsafeBufferPointer(start: samples.baseAddress, count: input.count)
        if let resampler {
            resampler.feed(converted, emit: hand)
        } else {
            let frames = input.count / channels
            if mono.count < frames {
                mono.deallocate()
                mono = .allocate(capacity: frames)
            }
            ChromaprintResampler.mix(converted.baseAddress!, frames: frames, channels: channels, into: mono.baseAddress!)
            hand(UnsafeBufferPointer(start: mono.baseAddress, count: frames))
        }
    }

    /// The fingerprint as `fpcalc` prints it, or nil when the audio was too short.
    public func finish() -> String? {
        guard let context else { return nil }
        if remaining > 0 { resampler?.finish(emit: hand) }
        guard chromaprint_finish(context) == 1 else { return nil }
        var pointer: UnsafeMutablePointer<CChar>?
        guard chromaprint_get_fingerprint(context, &pointer) == 1, let pointer else { return nil }
        defer { chromaprint_dealloc(pointer) }
        let text = String(cString: pointer)
        return text.isEmpty ? nil : text
    }

    /// Hands mono 11,025 Hz samples to Chromaprint, up to `maximumSeconds` in all.
    private func hand(_ mono: UnsafeBufferPointer<Int16>) {
        guard let context, remaining > 0, !mono.isEmpty else { return }
        let count = min(mono.count, remaining)
        remaining -= count
        _ = chromaprint_feed(context, mono.baseAddress, Int32(count))
    }

    /// Samples in [-1, 1] to 16 bits, rounded half away from zero and clipped, in steps the
    /// compiler vectorises: adding 1.5 × 2²³ rounds to the nearest integer (ties to even) and
    /// leaves it in the low bits of the float; ties are then moved away from zero.
    static func convert(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutablePointer<Int16>) {
        let magic: Float = 12_582_912
        for index in 0..<input.count {
            // Clipped first (NaN ends at the top), which rounding cannot undo.
            let scaled = max(-32768, min(32767, input[index] * 32768))
            let nearest = (scaled + magic) - magic
            let rounded = abs(scaled - nearest) == 0.5 ? scaled + (scaled > 0 ? 0.5 : -0.5) : nearest
            output[index] = Int16(truncatingIfNeeded: Int32(bitPattern: (rounded + magic).bitPattern) &- 0x4B40_0000)
        }
    }
}
