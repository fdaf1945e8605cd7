import CChromaprint

/// The AcoustID (Chromaprint) fingerprint of a recording, in the compressed base64 form
/// `fpcalc` prints, so it can be compared with AcoustID and other tools.
public final class ChromaprintFingerprinter {
    private var context: OpaquePointer?
    private var buffer: [Int16] = []

    public init(sampleRate: Int, channels: Int) {
        context = chromaprint_new(Int32(CHROMAPRINT_ALGORITHM_DEFAULT.rawValue))
        if let started = context, chromaprint_start(started, Int32(sampleRate), Int32(channels)) != 1 {
            chromaprint_free(started)
            context = nil
        }
    }

    deinit { if let context { chromaprint_free(context) } }

    /// Feeds interleaved samples in [-1, 1].
    public func feed(_ samples: UnsafeBufferPointer<Float>) {
        guard let context else { return }
        if buffer.count < samples.count { buffer = [Int16](repeating: 0, count: samples.count) }
        buffer.withUnsafeMutableBufferPointer { out in
            for index in 0..<samples.count {
                // Rounded half away from zero, as `rounded()` does, without a call per sample.
                let scaled = samples[index] * 32768
                let whole = scaled.rounded(.towardZero), rest = scaled - whole
                let rounded = rest >= 0.5 ? whole + 1 : rest <= -0.5 ? whole - 1 : whole
                out[index] = Int16(max(-32768, min(32767, rounded)))
            }
            _ = chromaprint_feed(context, out.baseAddress, Int32(samples.count))
        }
    }

    /// The fingerprint as `fpcalc` prints it, or nil when the audio was too short.
    public func finish() -> String? {
        guard let context, chromaprint_finish(context) == 1 else { return nil }
        var pointer: UnsafeMutablePointer<CChar>?
        guard chromaprint_get_fingerprint(context, &pointer) == 1, let pointer else { return nil }
        defer { chromaprint_dealloc(pointer) }
        let text = String(cString: pointer)
        return text.isEmpty ? nil : text
    }
}
