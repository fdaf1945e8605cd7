/// Pairs each anchor peak with the strongest few peaks of its target zone and hashes each
/// pair as (f1, f2, Δt) at the anchor's frame. Taking the strongest rather than the nearest
/// peaks spreads Δt over the zone, so each hash is rarer in a large archive, and picks the
/// targets most likely to survive noise and lossy coding.
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
        var zone: [(peak: SpectralPeak, dt: Int)] = []
        for target in peaks[(index + 1)...] {
            guard target.frame - anchor.frame <= P.maxDeltaFrames else { break }
            // The time difference between the refined peak times, in whole frames.
            let dt = Int((Float(target.frame - anchor.frame) + target.offset - anchor.offset).rounded())
            guard dt >= P.minDeltaFrames, dt <= P.maxDeltaFrames else { continue }
            zone.append((target, dt))
        }
        let strongest = zone.sorted { ($0.peak.power, $1.peak.frame, $1.peak.bin) > ($1.peak.power, $0.peak.frame, $0.peak.bin) }
        for (target, dt) in strongest.prefix(P.fanout) {
            landmarks.append(Landmark(hash: Landmark.hash(f1: anchor.bin, f2: target.bin, dt: dt), frame: Int32(clamping: anchor.frame)))
        }
    }
}
