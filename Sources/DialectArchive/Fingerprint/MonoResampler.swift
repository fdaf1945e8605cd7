import CSoxr
import Foundation

/// Mixes interleaved audio to mono and resamples it (libsoxr) to the fingerprint rate, streaming.
final class MonoResampler {
    private let channels: Int
    private let resampler: soxr_t?
    private var mono: [Float] = []
    private var output: [Float] = []
    private let rates: Rates

    /// Input and output rate: what a resampler in the pool was made for.
    private struct Rates: Hashable {
        var input: Int
        var output: Int
    }

    /// Resamplers from earlier analyses, cleared for a fresh signal (soxr designs its filters on
    /// first use, which for a recording of a few seconds costs more than resampling it).
    private static let pool = ReusePool<Rates>(free: { soxr_delete($0) })

    init(inputRate: Int, channels: Int, outputRate: Int = FingerprintParameters.sampleRate) {
        self.channels = max(1, channels)
        rates = Rates(input: inputRate, output: outputRate)
        if inputRate == outputRate {
            resampler = nil
        } else {
            resampler = Self.pool.take(rates) {
                var error: soxr_error_t?
                var quality = soxr_quality_spec(UInt(SOXR_MQ), 0)
                return soxr_create(Double(inputRate), Double(outputRate), 1, &error, nil, &quality, nil)
            }
        }
    }

    deinit {
        guard let resampler else { return }
        if soxr_clear(resampler) == nil {
            Self.pool.giveBack(resampler, for: rates)
        } else {
            soxr_delete(resampler)
        }
    }

    /// Feeds interleaved samples; hands the resampled mono samples to `body`.
    func feed(_ samples: UnsafeBufferPointer<Float>, _ body: (UnsafeBufferPointer<Float>) -> Void) {
        if channels == 1 {
            process(samples, body)
            return
        }
        let frames = samples.count / channels
        if mono.count < frames { mono = [Float](repeating: 0, count: frames) }
        let scale = 1 / Float(channels), channels = self.channels
        mono.withUnsafeMutableBufferPointer { mono in
            if channels == 2 {
                // The usual case, written out so that the compiler vectorises it.
                for frame in 0..<frames { mono[frame] = (samples[2 * frame] + samples[2 * frame + 1]) * scale }
            } else {
                for frame in 0..<frames {
                    var sum: Float = 0
                    for channel in 0..<channels { sum += samples[frame * channels + channel] }
                    mono[frame] = sum * scale
                }
            }
        }
        mono.withUnsafeBufferPointer { process(UnsafeBufferPointer(rebasing: $0[0..<frames]), body) }
    }

    /// Flushes what the resampler still holds.
    func finish(_ body: (UnsafeBufferPointer<Float>) -> Void) {
        guard let resampler else { return }
        flush(resampler, body)
    }

    private func process(_ input: UnsafeBufferPointer<Float>, _ body: (UnsafeBufferPointer<Float>) -> Void) {
        guard let resampler else {
            body(input)
            return
        }
        let capacity = input.count * rates.output / rates.input + 1024
        if output.count < capacity { output = [Float](repeating: 0, count: capacity) }
        var done = 0
        output.withUnsafeMutableBufferPointer { out in
            _ = soxr_process(resampler, input.baseAddress, input.count, nil, out.baseAddress, out.count, &done)
            body(UnsafeBufferPointer(rebasing: out[0..<done]))
        }
    }

    private func flush(_ resampler: soxr_t, _ body: (UnsafeBufferPointer<Float>) -> Void) {
        if output.count < 1024 { output = [Float](repeating: 0, count: 1024) }
        var done = 0
        output.withUnsafeMutableBufferPointer { out in
            _ = soxr_process(resampler, nil, 0, nil, out.baseAddress, out.count, &done)
            body(UnsafeBufferPointer(rebasing: out[0..<done]))
        }
    }
}
