import CFFTW
import Foundation

/// Short-time power spectrum (FFTW, Hann window), streaming: samples in, power frames out.
final class Spectrogram {
    let size = FingerprintParameters.fftSize
    let hop = FingerprintParameters.hop
    private var pending: [Float] = []
    private let input: UnsafeMutablePointer<Float>
    private let output: UnsafeMutablePointer<fftwf_complex>
    private let frame: UnsafeMutableBufferPointer<Float>

    /// One plan for every spectrogram, made once: FFTW's planner is not thread-safe, executing a
    /// plan on other (equally aligned) arrays is. Analyses run in parallel.
    nonisolated(unsafe) private static let plan: fftwf_plan = {
        let n = FingerprintParameters.fftSize
        let input = fftwf_alloc_real(n), output = fftwf_alloc_complex(n / 2 + 1)
        defer { fftwf_free(input); fftwf_free(output) }
        return fftwf_plan_dft_r2c_1d(Int32(n), input, output, UInt32(FFTW_ESTIMATE))
    }()
    private static let window: [Float] = (0..<FingerprintParameters.fftSize).map {
        0.5 - 0.5 * cos(2 * Float.pi * Float($0) / Float(FingerprintParameters.fftSize))
    }

    init() {
        let n = FingerprintParameters.fftSize
        input = fftwf_alloc_real(n)
        output = fftwf_alloc_complex(n / 2 + 1)
        frame = .allocate(capacity: n / 2 + 1)
        frame.initialize(repeating: 0)
    }

    deinit {
        fftwf_free(input)
        fftwf_free(output)
        frame.deallocate()
    }

    /// Feeds mono samples; calls `body` with each complete power frame (`fftSize / 2 + 1` bins),
    /// valid only during the call.
    func feed(_ samples: UnsafeBufferPointer<Float>, _ body: (UnsafeBufferPointer<Float>) -> Void) {
        pending.append(contentsOf: samples)
        var start = 0
        let size = self.size, hop = self.hop, input = self.input, output = self.output, frame = self.frame
        Self.window.withUnsafeBufferPointer { window in
            pending.withUnsafeBufferPointer { pending in
                while pending.count - start >= size {
                    for i in 0..<size { input[i] = pending[start + i] * window[i] }
                    fftwf_execute_dft_r2c(Self.plan, input, output)
                    for bin in 0...(size / 2) {
                        let re = output[bin].0, im = output[bin].1
                        frame[bin] = re * re + im * im
                    }
                    body(UnsafeBufferPointer(frame))
                    start += hop
                }
            }
        }
        if start > 0 { pending.removeFirst(start) }
    }
}
