import Foundation

/// Chromaprint's own input stage, reproduced sample for sample: channels averaged as integers,
/// then the polyphase resampler Chromaprint carries (libavcodec's old `av_resample`: 16 taps
/// widened by the rate ratio, 256 phases, Kaiser window β = 9, cutoff 0.8, 16-bit
/// coefficients) to 11,025 Hz, filling and draining the same 32,768-sample buffer. Chromaprint
/// is then started at 11,025 Hz mono and skips its resampler, which computes the same values
/// one multiplication at a time; here each output is one vectorised dot product.
final class ChromaprintResampler {
    static let outputRate = 11025
    /// Chromaprint's buffer, in samples (the resampler is only run on a full buffer, and once at the end).
    static let bufferSize = 32768
    private static let phaseShift = 8
    private static let phaseCount = 1 << phaseShift
    private static let filterShift: Int32 = 15

    private let channels: Int
    private let filterLength: Int
    /// `phaseCount` rows of `filterLength` coefficients, shared by every resampler from the same rate.
    private let filters: UnsafePointer<Int16>
    nonisolated(unsafe) private static var banks: [Int: UnsafeMutablePointer<Int16>] = [:]
    private static let banksLock = NSLock()
    /// Mono samples waiting to be resampled, and the resampled ones handed out.
    private let buffer: UnsafeMutablePointer<Int16>
    private let output: UnsafeMutablePointer<Int16>
    private var count = 0
    /// Position of the next output, in 1/256 of an input sample, and its remainder in 1/11,025.
    private var index: Int
    private var frac = 0
    private let step: Int, stepFrac: Int, stepDenominator: Int

    /// Nil when Chromaprint would not resample (the audio is already at 11,025 Hz).
    init?(inputRate: Int, channels: Int) {
        guard inputRate != Self.outputRate, inputRate > 0 else { return nil }
        self.channels = max(1, channels)
        let factor = min(Double(Self.outputRate) * 0.8 / Double(inputRate), 1.0)
        filterLength = max(Int((16 / factor).rounded(.up)), 1)
        let taps = filterLength
        let bank: UnsafeMutablePointer<Int16> = Self.banksLock.withLock {
            if let bank = Self.banks[inputRate] { return bank }
            let bank = UnsafeMutablePointer<Int16>.allocate(capacity: taps * Self.phaseCount)
            Self.buildFilters(bank, factor: factor, taps: taps)
            Self.banks[inputRate] = bank
            return bank
        }
        filters = UnsafePointer(bank)
        buffer = .allocate(capacity: Self.bufferSize)
        buffer.initialize(repeating: 0, count: Self.bufferSize)
        output = .allocate(capacity: Self.bufferSize)
        index = -Self.phaseCount * ((filterLength - 1) / 2)
        let increment = inputRate * Self.phaseCount
        step = increment / Self.outputRate
        stepFrac = increment % Self.outputRate
        stepDenominator = Self.outputRate
    }

    deinit {
        buffer.deallocate()
        output.deallocate()
    }

    /// Takes interleaved 16-bit samples; hands each run of resampled mono samples to `emit`.
    func feed(_ samples: UnsafeBufferPointer<Int16>, emit: (UnsafeBufferPointer<Int16>) -> Void) {
        guard var source = samples.baseAddress else { return }
        var frames = samples.count / channels
        while frames > 0 {
            let taken = min(frames, Self.bufferSize - count)
            Self.mix(source, frames: taken, channels: channels, into: buffer + count)
            count += taken
            source += taken * channels
            frames -= taken
            if count == Self.bufferSize {
                resample(emit)
                if count == Self.bufferSize { return }
            }
        }
    }

    /// Resamples what the buffer still holds, once, as Chromaprint does at the end.
    func finish(emit: (UnsafeBufferPointer<Int16>) -> Void) {
        if count > 0 { resample(emit) }
    }

    /// Chromaprint's mono mix: the integer mean of the channels, rounded toward zero.
    static func mix(_ source: UnsafePointer<Int16>, frames: Int, channels: Int, into target: UnsafeMutablePointer<Int16>) {
        switch channels {
        case 1:
            target.update(from: source, count: frames)
        case 2:
            for frame in 0..<frames {
                target[frame] = Int16(truncatingIfNeeded: (Int32(source[2 * frame]) + Int32(source[2 * frame + 1])) / 2)
            }
        default:
            for frame in 0..<frames {
                var sum = 0
                for channel in 0..<channels { sum += Int(source[frame * channels + channel]) }
                target[frame] = Int16(truncatingIfNeeded: sum / channels)
            }
        }
    }

    /// One run of `av_resample` over the buffer: outputs until the filter would reach past the
    /// buffered samples, then the consumed samples are dropped from the buffer.
    private func resample(_ emit: (UnsafeBufferPointer<Int16>) -> Void) {
        let taps = filterLength, size = count, mask = Self.phaseCount - 1
        var produced = 0
        while produced < Self.bufferSize {
            let filter = filters + taps * (index & mask)
            let sampleIndex = index >> Self.phaseShift
            var value: Int32 = 0
            if sampleIndex < 0 {
                // Before the first sample the signal is mirrored.
                for tap in 0..<taps { value &+= Int32(buffer[abs(sampleIndex + tap) % size]) &* Int32(filter[tap]) }
            } else if sampleIndex + taps > size {
                break
            } else {
                value = Self.dot(buffer + sampleIndex, filter, taps)
            }
            value = (value &+ (1 << (Self.filterShift - 1))) >> Self.filterShift
            output[produced] = UInt32(bitPattern: value &+ 32768) > 65535 ? Int16(truncatingIfNeeded: (value >> 31) ^ 32767)
                                                                           : Int16(truncatingIfNeeded: value)
            produced += 1
            frac += stepFrac
            index += step
            if frac >= stepDenominator {
                frac -= stepDenominator
                index += 1
            }
        }
        let consumed = max(index, 0) >> Self.phaseShift
        if index >= 0 { index &= mask }
        emit(UnsafeBufferPointer(start: output, count: produced))
        let remaining = max(0, size - consumed)
        if remaining > 0 { buffer.update(from: buffer + consumed, count: remaining) }
        count = remaining
    }

    /// The dot product of 16-bit vectors in 32-bit wrapping arithmetic (as the C original),
    /// eight products at a time: the pairwise sums of `evenHalf` and `oddHalf` are one SSE2
    /// `pmaddwd`.
    @inline(__always)
    private static func dot(_ a: UnsafePointer<Int16>, _ b: UnsafePointer<Int16>, _ count: Int) -> Int32 {
        var sums = SIMD4<Int32>()
        var i = 0
        while i + 8 <= count {
            let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Int16>.self)
            let y = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Int16>.self)
            let products = SIMD8<Int32>(truncatingIfNeeded: x) &* SIMD8<Int32>(truncatingIfNeeded: y)
            sums &+= products.evenHalf &+ products.oddHalf
            i += 8
        }
        var sum = sums.wrappedSum()
        while i < count {
            sum &+= Int32(a[i]) &* Int32(b[i])
            i += 1
        }
        return sum
    }

    /// The filter bank, computed as `av_build_filter` does: a windowed sinc per phase,
    /// normalised to sum to 1 and rounded to 16 bits through a single-precision float.
    private static func buildFilters(_ filters: UnsafeMutablePointer<Int16>, factor: Double, taps: Int) {
        let centre = (taps - 1) / 2
        var table = [Double](repeating: 0, count: taps)
        for phase in 0..<phaseCount {
            var norm = 0.0
            for tap in 0..<taps {
                let x = (Double(tap - centre) - Double(phase) / Double(phaseCount)) * Double.pi * factor
                var y = x == 0 ? 1.0 : sin(x) / x
                let w = 2.0 * x / (Double(taps) * factor * Double.pi)
                y *= bessel(9 * max(1 - w * w, 0).squareRoot())
                table[tap] = y
                norm += y
            }
            for tap in 0..<taps {
                let scaled = Float(table[tap] * 32768 / norm).rounded(.toNearestOrEven)
                filters[phase * taps + tap] = Int16(max(-32768, min(32767, scaled)))
            }
        }
    }

    /// The zeroth-order modified Bessel function of the first kind, summed until it stops changing.
    private static func bessel(_ x: Double) -> Double {
        let quarter = x * x / 4
        var value = 1.0, last = 0.0, term = 1.0
        var i = 1
        while value != last {
            last = value
            term *= quarter / Double(i * i)
            value += term
            i += 1
        }
        return value
    }
}
