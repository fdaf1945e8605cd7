/// Pairs each anchor peak with the strongest few peaks of its target zone and hashes each
/// pair as (f1, f2, Δt) at the anchor's frame. Taking the strongest rather than the nearest
/// peaks spreads Δt over the zone, so each hash is rarer in a large archive, and picks the
/// targets most likely to survive noise and lossy coding.
final class LandmarkHasher {
    private typealias P = FingerprintParameters
    /// Peaks in time order; those before `head` have been paired already.
    private var peaks: [SpectralPeak] = []
    private var head = 0
    private(set) var landmarks: [Landmark] = []
    /// The strongest targets of the zone being paired, strongest first, with their Δt.
    private var strongest: [(peak: SpectralPeak, dt: Int)] = []

    init() {
        strongest.reserveCapacity(P.fanout + 1)
    }

    func add(_ peak: SpectralPeak) {
        peaks.append(peak)
        while head < peaks.count, peak.frame - peaks[head].frame > P.maxDeltaFrames {
            pair(anchorAt: head)
            head += 1
        }
        // Drop the paired peaks now and then rather than one by one.
        if head >= 1024 {
            peaks.removeFirst(head)
            head = 0
        }
    }

    func finish() -> [Landmark] {
        while head < peaks.count {
            pair(anchorAt: head)
            head += 1
        }
        return landmarks
    }

    /// Whether `a` goes before `b`: stronger, then earlier, then lower.
    private static func precedes(_ a: SpectralPeak, _ b: SpectralPeak) -> Bool {
        (a.power, b.frame, b.bin) > (b.power, a.frame, a.bin)
    }

    private func pair(anchorAt index: Int) {
        let anchor = peaks[index]
        strongest.removeAll(keepingCapacity: true)
        var next = index + 1
        while next < peaks.count {
            let target = peaks[next]
            next += 1
            guard target.frame - anchor.frame <= P.maxDeltaFrames else { break }
            // The time difference between the refined peak times, in whole frames.
            let dt = Int((Float(target.frame - anchor.frame) + target.offset - anchor.offset).rounded())
            guard dt >= P.minDeltaFrames, dt <= P.maxDeltaFrames else { continue }
            if strongest.count == P.fanout {
                guard Self.precedes(target, strongest[P.fanout - 1].peak) else { continue }
                strongest.removeLast()
            }
            var position = strongest.count
            while position > 0, Self.precedes(target, strongest[position - 1].peak) { position -= 1 }
            strongest.insert((target, dt), at: position)
        }
        for (target, dt) in strongest {
            landmarks.append(Landmark(hash: Landmark.hash(f1: anchor.bin, f2: target.bin, dt: dt), frame: Int32(clamping: anchor.frame)))
        }
    }
}
