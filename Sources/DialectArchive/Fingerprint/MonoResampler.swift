import CSoxr
import Foundation

/// Mixes interleaved audio to mono and resamples it (libsoxr) to the fingerprint rate, streaming.
final class MonoResampler {
    private let channels: Int
    private let resampler: soxr_t?
    private var mono: [Float] = []
    private var output: [Float] = []
    private let ratio: Double

    init(inputRate: Int, channels: Int, outputRate: Int = FingerprintParameters.sampleRate) {
        self.channels = max(1, channels)
        ratio = Double(outputRate) / Double(inputRate)
        if inputRate == outputRate {
            resampler = nil
        } else {
            var error: soxr_error_t?
            var quality = soxr_quality_spec(UInt(SOXR_MQ), 0)
            resampler = soxr_create(Double(inputRate), Double(outputRate), 1, &error, nil, &quality, nil)
        }
    }

    deinit { if let resampler { soxr_delete(resampler) } }

    /// Feeds interleaved samples; hands the resampled mono samples to `body`.
    func feed(_ samples: UnsafeBufferPointer<Float>, _ body: (UnsafeBufferPointer<Float>) -> Void) {
        let frames = samples.count / channels
        if mono.count < frames { mono = [Float](repeating: 0, count: frames) }
        let scale = 1 / Float(channels)
        for frame in 0..<frames {
            var sum: Float = 0
            for channel in 0..<channels { sum += samples[frame * channels + channel] }
            mono[frame] = sum * scale
        }
        process(count: frames, body)
    }

    /// Flushes what the resampler still holds.
    func finish(_ body: (UnsafeBufferPointer<Float>) -> Void) {
        guard resampler != nil else { return }
        process(count: nil, body)
    }

    private func process(count: Int?, _ body: (UnsafeBufferPointer<Float>) -> Void) {
        guard let resampler else {
            mono.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<(count ?? 0)])) }
            return
        }
        let capacity = Int(Double(count ?? 0) * ratio) + 1024
        if output.count < capacity { output = [Float](repeating: 0, count: capacity) }
        var done = 0
        output.withUnsafeMutableBufferPointer { out in
            if let count {
                mono.withUnsafeBufferPointer { input in
                    _ = soxr_process(resampler, input.baseAddress, count, nil, out.baseAddress, out.count, &done)
                }
            } else {
                _ = soxr_process(resampler, nil, 0, nil, out.baseAddress, out.count, &done)
            }
        }
        output.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<done])) }
    }
}
