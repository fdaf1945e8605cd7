import BenchmarkSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Draws ranks 0..<n with probability proportional to 1 / (rank + 1)^s.
struct Zipf {
    let cdf: [Double]

    init(count: Int, exponent: Double) {
        var running = 0.0
        var cdf: [Double] = []
        cdf.reserveCapacity(count)
        for rank in 0..<count {
            running += 1.0 / pow(Double(rank + 1), exponent)
            cdf.append(running)
        }
        self.cdf = cdf.map { $0 / running }
    }

    func sample(_ random: inout SeededRandom) -> Int {
        let u = random.unit()
        var low = 0, high = cdf.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cdf[mid] < u { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Probability of `rank`.
    func probability(_ rank: Int) -> Double { rank == 0 ? cdf[0] : cdf[rank] - cdf[rank - 1] }
}


/// The set of segment ids a search should return, reduced to three numbers that SQL can
/// compute too: count, sum of ids and sum of a multiplicative hash of the ids. Equal
/// fingerprints mean equal sets for all practical purposes.
struct Fingerprint: Equatable {
    var count: Int64 = 0
    var sum: Int64 = 0
    var hash: Int64 = 0

    static let multiplier: Int64 = 2_654_435_761
    static let modulus: Int64 = 4_294_967_296
    /// The same hash in SQL, over a column `x`.
    static func sql(_ x: String) -> String { "count(*), coalesce(sum(\(x)), 0), coalesce(sum((\(x) * \(multiplier)) % \(modulus)), 0)" }

    mutating func add(_ id: Int64) {
        count += 1
        sum &+= id
        hash &+= (id &* Fingerprint.multiplier) % Fingerprint.modulus
    }

    mutating func merge(_ other: Fingerprint) {
        count += other.count
        sum &+= other.sum
        hash &+= other.hash
    }
}

/// Percentile by the nearest-rank method.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[min(sorted.count - 1, max(0, rank - 1))]
}

func median(_ values: [Double]) -> Double { percentile(values.sorted(), 50) }

func ms(_ seconds: Double) -> String { String(format: seconds * 1000 < 10 ? "%.2f" : "%.1f", seconds * 1000) }

func mib(_ bytes: Int64) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(digit)
    }
    return out
}

func rate(_ count: Int, _ seconds: Double) -> String { grouped(Int((Double(count) / seconds).rounded())) }

/// This process's memory figures from /proc/self/status, in KiB.
func procStatus(_ field: String) -> Int64? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int64(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1])
    }
    return nil
}

/// Writes a line to stderr at once (progress while the archive is being built).
func progress(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Absolute path of the running executable.
func executableURL() -> URL {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
}
