/// The landmark fingerprint of one recording, computed block by block as it is decoded:
/// mono mix and resampling, spectrogram, peak picking, pair hashing.
///
/// ```swift
/// let fingerprinter = LandmarkFingerprinter(sampleRate: 48000, channels: 2)
/// fingerprinter.feed(block)            // interleaved float samples, any number of times
/// let landmarks = fingerprinter.finish()
/// ```
public final class LandmarkFingerprinter {
    private let resampler: MonoResampler
    private let spectrogram = Spectrogram()
    private let picker = PeakPicker()
    private let hasher = LandmarkHasher()

    public init(sampleRate: Int, channels: Int) {
        resampler = MonoResampler(inputRate: sampleRate, channels: channels)
    }

    /// Feeds interleaved samples in [-1, 1].
    public func feed(_ samples: UnsafeBufferPointer<Float>) {
        resampler.feed(samples, analyse)
    }

    public func finish() -> [Landmark] {
        resampler.finish(analyse)
        picker.finish(emit: hasher.add)
        return hasher.finish()
    }

    private func analyse(_ mono: UnsafeBufferPointer<Float>) {
        spectrogram.feed(mono) { frame in picker.add(frame, emit: hasher.add) }
    }
}
