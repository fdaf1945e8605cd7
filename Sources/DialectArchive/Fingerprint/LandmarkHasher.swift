/// Pairs each anchor peak with the next few peaks in its target zone and hashes each pair
/// as (f1, f2, Δt) at the anchor's frame.
final class LandmarkHasher {
    private typealias P = FingerprintParameters
    private var peaks: [SpectralPeak] = []
    private(set) var landmarks: [Landmark] = []

    func add(_ peak: SpectralPeak) {
        peaks.append(peak)
        while let anchor = peaks.first, peak.frame - anchor.frame > P.maxDeltaFrames {
            pair(anchorAt: 0)
            peaks.removeFirst()
        }
    }

    func finish() -> [Landmark] {
        while !peaks.isEmpty {
            pair(anchorAt: 0)
            peaks.removeFirst()
        }
        return landmarks
    }

    private func pair(anchorAt index: Int) {
        let anchor = peaks[index]
        var paired = 0
        for target in peaks[(index + 1)...] {
            guard target.frame - anchor.frame <= P.maxDeltaFrames else { break }
            // The time difference between the refined peak times, in whole frames.
            let dt = Int((Float(target.frame - anchor.frame) + target.offset - anchor.offset).rounded())
            guard dt >= 1, dt <= P.maxDeltaFrames, abs(target.bin - anchor.bin) <= P.maxDeltaBins else { continue }
            landmarks.append(Landmark(hash: Landmark.hash(f1: anchor.bin, f2: target.bin, dt: dt), frame: Int32(clamping: anchor.frame)))
            paired += 1
            if paired == P.fanout { break }
        }
    }
}
