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
    private var power: [Float]
    private var bandMax: [Float]
    private var nextFrame = 0
    /// Local maxima waiting until every rival within `densityRadius` frames is known.
    private var candidates: [SpectralPeak] = []
    private var firstCandidate = 0
    private let floor = exp(P.silenceFloor)

    init() {
        power = [Float](repeating: 0, count: span * bins)
        bandMax = [Float](repeating: 0, count: span * bins)
    }

    /// Adds the next power spectrum; calls `emit` with peaks, in time order, once they are decided.
    func add(_ frame: UnsafeBufferPointer<Float>, emit: (SpectralPeak) -> Void) {
        let slot = (nextFrame % span) * bins
        power.withUnsafeMutableBufferPointer { power in
            bandMax.withUnsafeMutableBufferPointer { bandMax in
                for bin in 0..<bins { power[slot + bin] = frame[bin] }
                slidingMax(UnsafeBufferPointer(rebasing: power[slot..<(slot + bins)]),
                           into: UnsafeMutableBufferPointer(rebasing: bandMax[slot..<(slot + bins)]))
            }
        }
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

    /// Finds the local maxima of frame `index`, given frames up to `last`.
    private func evaluate(_ index: Int, last: Int) {
        let low = max(0, index - P.peakTimeRadius), high = min(last, index + P.peakTimeRadius)
        let span = self.span, bins = self.bins, floor = self.floor
        let slot = (index % span) * bins
        power.withUnsafeBufferPointer { power in
            bandMax.withUnsafeBufferPointer { bandMax in
                for bin in P.lowestBin...P.highestBin {
                    let value = power[slot + bin]
                    guard value > floor, value >= bandMax[slot + bin] else { continue }
                    var isPeak = true
                    for other in low...high where other != index {
                        let rival = bandMax[(other % span) * bins + bin]
                        if rival > value || (rival == value && other < index) { isPeak = false; break }
                    }
                    guard isPeak else { continue }
                    // Parabola through the log power of the frames either side: where between
                    // frames the peak lies.
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
            }
        }
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

    /// Scratch rows for `slidingMax`: the frame padded with -1 (below any power), and running
    /// maxima forward and backward within blocks of the window's width.
    private lazy var padded = [Float](repeating: -1, count: Self.paddedLength)
    private lazy var forward = [Float](repeating: 0, count: Self.paddedLength)
    private lazy var backward = [Float](repeating: 0, count: Self.paddedLength)
    private static let paddedLength: Int = {
        let width = 2 * P.peakBinRadius + 1
        return (P.fftSize / 2 + 1 + 2 * P.peakBinRadius + width - 1) / width * width
    }()

    /// The maximum of each bin's neighbourhood of ±peakBinRadius bins (van Herk / Gil–Werman:
    /// block-wise running maxima from both ends, three passes whatever the radius).
    private func slidingMax(_ frame: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>) {
        let radius = P.peakBinRadius, width = 2 * radius + 1, n = frame.count, length = Self.paddedLength
        padded.withUnsafeMutableBufferPointer { padded in
            forward.withUnsafeMutableBufferPointer { forward in
                backward.withUnsafeMutableBufferPointer { backward in
                    for i in 0..<n { padded[radius + i] = frame[i] }
                    var block = 0
                    while block < length {
                        var running: Float = -1
                        for i in block..<(block + width) {
                            running = max(running, padded[i])
                            forward[i] = running
                        }
                        running = -1
                        var i = block + width - 1
                        while i >= block {
                            running = max(running, padded[i])
                            backward[i] = running
                            i -= 1
                        }
                        block += width
                    }
                    for bin in 0..<n { result[bin] = max(backward[bin], forward[bin + width - 1]) }
                }
            }
        }
    }
}
