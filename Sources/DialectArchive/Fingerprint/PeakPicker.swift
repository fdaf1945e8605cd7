/// Picks spectral peaks: local maxima of the log-power spectrogram in a time × frequency
/// neighbourhood, of which only the strongest few per block of frames are kept.
final class PeakPicker {
    private typealias P = FingerprintParameters
    private var frames: [[Float]] = []
    /// For each buffered frame, the maximum over ±peakBinRadius bins at each bin.
    private var neighbourhoodMax: [[Float]] = []
    private var firstBufferedFrame = 0
    private var nextFrame = 0
    private var candidates: [SpectralPeak] = []
    private var currentBlock = 0

    /// Adds the next spectrum frame; calls `emit` with peaks as their block is complete.
    func add(_ frame: [Float], emit: (SpectralPeak) -> Void) {
        frames.append(frame)
        neighbourhoodMax.append(Self.slidingMax(frame))
        nextFrame += 1
        let ready = nextFrame - 1 - P.peakTimeRadius
        if ready >= 0 { evaluate(ready, emit: emit) }
        while frames.count > 2 * P.peakTimeRadius + 1 {
            frames.removeFirst()
            neighbourhoodMax.removeFirst()
            firstBufferedFrame += 1
        }
    }

    /// Evaluates the frames still waiting for their right-hand neighbours, and the last block.
    func finish(emit: (SpectralPeak) -> Void) {
        let start = max(0, nextFrame - P.peakTimeRadius)
        for frame in start..<nextFrame { evaluate(frame, emit: emit) }
        flushBlock(emit: emit)
    }

    private func evaluate(_ index: Int, emit: (SpectralPeak) -> Void) {
        let block = index / P.blockFrames
        if block != currentBlock {
            flushBlock(emit: emit)
            currentBlock = block
        }
        let local = index - firstBufferedFrame
        guard local >= 0, local < frames.count else { return }
        let spectrum = frames[local]
        let low = max(0, local - P.peakTimeRadius), high = min(frames.count - 1, local + P.peakTimeRadius)
        for bin in P.lowestBin...P.highestBin {
            let value = spectrum[bin]
            guard value > P.silenceFloor, value >= neighbourhoodMax[local][bin] else { continue }
            var isPeak = true
            for other in low...high where other != local {
                let rival = neighbourhoodMax[other][bin]
                if rival > value || (rival == value && other < local) { isPeak = false; break }
            }
            if isPeak { candidates.append(SpectralPeak(frame: index, bin: bin, power: value)) }
        }
    }

    private func flushBlock(emit: (SpectralPeak) -> Void) {
        guard !candidates.isEmpty else { return }
        let kept = candidates.sorted { $0.power > $1.power }.prefix(P.peaksPerBlock)
            .sorted { ($0.frame, $0.bin) < ($1.frame, $1.bin) }
        kept.forEach(emit)
        candidates.removeAll(keepingCapacity: true)
    }

    private static func slidingMax(_ frame: [Float]) -> [Float] {
        var result = frame
        let radius = P.peakBinRadius
        for bin in 0..<frame.count {
            var best = frame[bin]
            for other in max(0, bin - radius)...min(frame.count - 1, bin + radius) where frame[other] > best { best = frame[other] }
            result[bin] = best
        }
        return result
    }
}
