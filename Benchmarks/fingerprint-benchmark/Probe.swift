import BenchmarkSupport
import DialectArchive
import Foundation

/// A quick look at the fingerprint alone, without an archive: how many of an excerpt's
/// landmarks reappear at the right place in the whole recording's (cut on a frame boundary,
/// cut anywhere, and in white noise), and how often a hash recurs.
enum Probe {
    static func landmarks(_ samples: ArraySlice<Float>, rate: Int) -> [Landmark] {
        let fingerprinter = LandmarkFingerprinter(sampleRate: rate, channels: 1)
        Array(samples).withUnsafeBufferPointer { fingerprinter.feed($0) }
        return fingerprinter.finish()
    }

    static func run(_ sources: [Source], excerpts: Int, seconds: Double, seed: UInt64) throws -> String {
        var random = SeededRandom(seed: seed ^ 0x9B0BE)
        let rate = FingerprintParameters.sampleRate, hop = FingerprintParameters.hop
        let kinds = ["clean, cut on a frame boundary", "clean, cut anywhere", "white noise 10 dB SNR, cut anywhere"]
        var shares: [String: [Double]] = [:], perSecond: [String: [Double]] = [:]
        var landmarkCount = 0, totalSeconds = 0.0
        var hashCounts: [Int32: Int] = [:]
        for source in sources where source.seconds >= seconds + 1 {
            let audio = try Mono.decode(source.url, rate: rate)
            let whole = landmarks(audio.samples[...], rate: rate)
            totalSeconds += audio.seconds
            landmarkCount += whole.count
            for l in whole { hashCounts[l.hash, default: 0] += 1 }
            let index = Set(whole.map { Int64($0.hash) << 32 | Int64($0.frame) })
            let count = Int(seconds * Double(rate))
            for _ in 0..<excerpts {
                let start = random.int(audio.samples.count - count)
                let onFrame = start - start % hop
                var noisy = Array(audio.samples[start..<(start + count)])
                let power = noisy.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(count)
                let sigma = Float(sqrt(power / 10))
                for i in noisy.indices { noisy[i] += sigma * random.gaussian() }
                let trials: [(String, Int, [Landmark])] = [
                    (kinds[0], onFrame, landmarks(audio.samples[onFrame..<(onFrame + count)], rate: rate)),
                    (kinds[1], start, landmarks(audio.samples[start..<(start + count)], rate: rate)),
                    (kinds[2], start, landmarks(noisy[...], rate: rate)),
                ]
                for (kind, cut, query) in trials {
                    let offset = Double(cut) / Double(hop)
                    let found = query.filter { l in
                        let centre = Int64((Double(l.frame) + offset).rounded())
                        return (-1...1).contains { index.contains(Int64(l.hash) << 32 | (centre + Int64($0))) }
                    }.count
                    shares[kind, default: []].append(Double(found) / Double(max(1, query.count)))
                    perSecond[kind, default: []].append(Double(found) / seconds)
                }
            }
        }
        var table = MarkdownTable("\(Int(seconds)) s excerpt", "landmarks found at the right offset", "p10", "found per second", "p10", rightAligned: true)
        for kind in kinds {
            let values = shares[kind] ?? [], rates = perSecond[kind] ?? []
            table.add(kind, String(format: "%.1f%%", 100 * values.reduce(0, +) / Double(max(1, values.count))),
                      String(format: "%.1f%%", 100 * (percentile(values, 10) ?? 0)),
                      String(format: "%.1f", rates.reduce(0, +) / Double(max(1, rates.count))),
                      String(format: "%.1f", percentile(rates, 10) ?? 0))
        }
        // How many archived landmarks one query hash meets in 100 hours of such speech: N·Σp²,
        // with Σp² estimated without bias from the counts.
        let n = Double(hashCounts.values.reduce(0, +))
        let collisions = hashCounts.values.reduce(0.0) { $0 + Double($1) * Double($1 - 1) } / (n * (n - 1))
        let rate100 = Double(landmarkCount) / totalSeconds
        return String(format: "%.0f landmarks per second; one hash of a query meets about %.0f archived landmarks per 100 hours.\n\n",
                      rate100, collisions * rate100 * 360_000) + table.text
    }
}
