import Foundation

/// Picks spectral peaks: local maxima of the power spectrogram in a time × frequency
/// neighbourhood, of which only the strongest few around each moment are kept.
///
/// Both choices are made the same way wherever an excerpt starts, so an excerpt yields the
/// same peaks as the recording it was cut from: the neighbourhood and the density window
/// are centred on the peak rather than on a fixed grid of blocks, and each peak's time is
/// refined between frames from the power of its neighbours.
final class PeakPicker {
    private typealias P = FingerprintParameters
    private let bins = P.fftSize / 2 + 1
    /// Frames kept for the neighbourhood test: the frame under test and `peakTimeRadius` either side.
    private let span = 2 * P.peakTimeRadius + 1
    /// Ring buffers of `span` frames: power, and its maximum over ±`peakBinRadius` bins.
    private let power: UnsafeMutablePointer<Float>
    private let bandMax: UnsafeMutablePointer<Float>
    /// Scratch rows: the frame padded with -1 (below any power) for `slidingMax`, and which
    /// bins of the frame under test are the largest of their band (`evaluate`).
    private let padded: UnsafeMutablePointer<Float>
    private let flags: UnsafeMutablePointer<UInt8>
    private static let flagCount = (P.highestBin - P.lowestBin + 1 + 7) / 8 * 8
    private var nextFrame = 0
    /// Local maxima waiting until every rival within `densityRadius` frames is known.
    private var candidates: [SpectralPeak] = []
    private var firstCandidate = 0
    private let floor = exp(P.silenceFloor)

    init() {
        power = .allocate(capacity: span * bins)
        power.initialize(repeating: 0, count: span * bins)
        bandMax = .allocate(capacity: span * bins)
        bandMax.initialize(repeating: 0, count: span * bins)
        padded = .allocate(capacity: bins + 2 * P.peakBinRadius)
        padded.initialize(repeating: -1, count: bins + 2 * P.peakBinRadius)
        flags = .allocate(capacity: Self.flagCount)
        flags.initialize(repeating: 0, count: Self.flagCount)
    }

    deinit {
        power.deallocate()
        bandMax.deallocate()
        padded.deallocate()
        flags.deallocate()
    }

    /// Adds the next power spectrum; calls `emit` with peaks, in time order, once they are decided.
    func add(_ frame: UnsafeBufferPointer<Float>, emit: (SpectralPeak) -> Void) {
        let slot = (nextFrame % span) * bins
        (power + slot).update(from: frame.baseAddress!, count: bins)
        slidingMax(power + slot, into: bandMax + slot)
        nextFrame += 1
        let ready = nextFrame - 1 - P.peakTimeRadius
        if ready >= 0 {
            evaluate(ready, last: nextFrame - 1)
            decide(upTo: ready - P.densityRadius, emit: emit)
        }
    }

    /// Evaluates the frames still waiting for their right-hand neighbours, and decides the rest.
    func finish(emit: (SpectralPeak) -> Void) {
        let start = max(0, nextFrame - P.peakTimeRadius)
        for frame in start..<nextFrame { evaluate(frame, last: nextFrame - 1) }
        decide(upTo: Int.max, emit: emit)
    }

    /// Finds the local maxima of frame `index`, given frames up to `last`: bins above the
    /// silence floor that are the largest within ±`peakBinRadius` bins in their frame (a test
    /// over the whole row, which the compiler vectorises) and then, one by one, larger than that
    /// band in the frames before and no smaller than it in the frames after (so of two equal
    /// maxima the earlier wins).
    private func evaluate(_ index: Int, last: Int) {
        let low = max(0, index - P.peakTimeRadius), high = min(last, index + P.peakTimeRadius)
        let span = self.span, bins = self.bins, floor = self.floor
        let first = P.lowestBin, count = P.highestBin - P.lowestBin + 1
        let row = power + (index % span) * bins + first, own = bandMax + (index % span) * bins + first
        // `value > floor && value >= own[bin]`, as one comparison the compiler vectorises.
        let aboveFloor = floor.nextUp
        for bin in 0..<count { flags[bin] = row[bin] >= max(own[bin], aboveFloor) ? 1 : 0 }
        // Eight flags at a time, so that stretches without a maximum are skipped quickly.
        var word = 0
        while word * 8 < count {
            var bits = UnsafeRawPointer(flags + word * 8).loadUnaligned(as: UInt64.self)
            while bits != 0 {
                let bin = word * 8 + bits.trailingZeroBitCount / 8
                bits &= bits &- 1
                guard bin < count else { break }
                let value = row[bin]
                var isPeak = true
                for other in low...high where other != index {
                    let rival = bandMax[(other % span) * bins + first + bin]
                    if rival > value || (rival == value && other < index) { isPeak = false; break }
                }
                if isPeak { addCandidate(index, bin: first + bin, low: low, high: high) }
            }
            word += 1
        }
    }

    /// A peak at `bin` of frame `index`, with where between frames it lies: the vertex of the
    /// parabola through the log power of the frames either side.
    private func addCandidate(_ index: Int, bin: Int, low: Int, high: Int) {
        let span = self.span, bins = self.bins
        let value = power[(index % span) * bins + bin]
        var offset: Float = 0
        if index > low, index < high {
            let before = log(power[((index - 1) % span) * bins + bin] + 1e-10)
            let after = log(power[((index + 1) % span) * bins + bin] + 1e-10)
            let centre = log(value + 1e-10)
            let curvature = before - 2 * centre + after
            if curvature < 0 { offset = max(-0.5, min(0.5, 0.5 * (before - after) / curvature)) }
        }
        candidates.append(SpectralPeak(frame: index, bin: bin, power: value, offset: offset))
    }

    /// Keeps, of the candidates up to frame `frame`, those with fewer than `peaksPerWindow`
    /// stronger candidates within `densityRadius` frames either side.
    private func decide(upTo frame: Int, emit: (SpectralPeak) -> Void) {
        var index = firstCandidate
        candidates.withUnsafeBufferPointer { all in
            // All candidates within reach of one being decided are known by now.
            var windowStart = 0
            while index < all.count, all[index].frame <= frame {
                let peak = all[index]
                while all[windowStart].frame < peak.frame - P.densityRadius { windowStart += 1 }
                var stronger = 0
                var other = windowStart
                while other < all.count, all[other].frame <= peak.frame + P.densityRadius {
                    let rival = all[other]
                    if rival.power > peak.power || (rival.power == peak.power && other < index) {
                        stronger += 1
                        if stronger == P.peaksPerWindow { break }
                    }
                    other += 1
                }
                if stronger < P.peaksPerWindow { emit(peak) }
                index += 1
            }
        }
        firstCandidate = index
        // Forget candidates too old to be a rival of any still undecided.
        if firstCandidate > 256 {
            var keep = firstCandidate
            let oldestNeeded = (firstCandidate < candidates.count ? candidates[firstCandidate].frame : Int.max) - P.densityRadius
            while keep > 0, candidates[keep - 1].frame >= oldestNeeded { keep -= 1 }
            candidates.removeFirst(keep)
            firstCandidate -= keep
        }
    }

    /// The maximum of each bin's neighbourhood of ±peakBinRadius bins, by doubling: in place,
    /// maxima of 2, 4, 8 … neighbours up to the largest power of two in the window, then each
    /// window as two such blocks, one from each end. Every pass is a row of `max`, which the
    /// compiler vectorises.
    private func slidingMax(_ frame: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let radius = P.peakBinRadius, width = 2 * radius + 1, n = bins, x = padded
        var block = 1
        while block * 2 <= width { block *= 2 }
        x.update(repeating: -1, count: radius)
        (x + radius).update(from: frame, count: n)
        (x + radius + n).update(repeating: -1, count: radius)
        // After the pass with `step`, x[i] is the maximum of the 2 × step bins from i.
        var step = 1, valid = n + 2 * radius
        while step < block {
            valid -= step
            for i in 0..<valid { x[i] = max(x[i], x[i + step]) }
            step *= 2
        }
        let shift = width - block
        for bin in 0..<n { out[bin] = max(x[bin], x[bin + shift]) }
    }
}
