import BenchmarkSupport
import Foundation

/// What happens to an excerpt before it is looked up.
enum Degradation: String, CaseIterable {
    case mp3 = "MP3 32 kbps"
    case opus = "Opus 16 kbps"
    case resampled = "resampled to 16 kHz"
    case noise10 = "white noise 10 dB SNR"
    case noise0 = "white noise 0 dB SNR"
    case babble = "babble of 3 voices 0 dB SNR"

    var fileExtension: String {
        switch self {
        case .mp3: return "mp3"
        case .opus: return "opus"
        default: return "wav"
        }
    }

    var tag: String {
        switch self {
        case .mp3: return "mp3"
        case .opus: return "opus"
        case .resampled: return "16k"
        case .noise10: return "n10"
        case .noise0: return "n0"
        case .babble: return "babble"
        }
    }
}

/// One cell of the grid: excerpt length × degradation.
struct Cell: Hashable {
    var seconds: Double
    var degradation: Degradation

    var label: String { String(format: "%.0f s, %@", seconds, degradation.rawValue) }
}

/// One lookup: an excerpt of an archived recording (positive) or of a clip that is not in the archive (negative).
struct Query {
    var index: Int
    var cell: Cell
    var hard: Bool
    var source: Source
    var positive: Bool
    /// Where the excerpt starts in its source.
    var offsetMs: Double
    var url: URL
}

/// The query grid of the issue.
struct QueryPlan {
    static let standardCells: [Cell] = [5.0, 10.0].flatMap { s in
        [Degradation.mp3, .opus, .resampled, .noise10].map { Cell(seconds: s, degradation: $0) }
    }
    static let hardCells: [Cell] = [Degradation.mp3, .opus, .resampled, .noise10].map { Cell(seconds: 3, degradation: $0) }
        + [5.0, 10.0].flatMap { s in [Degradation.noise0, .babble].map { Cell(seconds: s, degradation: $0) } }
    static let negativeCells: [Cell] = [3.0, 5.0, 10.0].flatMap { s in Degradation.allCases.map { Cell(seconds: s, degradation: $0) } }

    /// Share of positive queries cut from real (corpus) speech.
    static let realShare = 0.25

    var queries: [Query] = []

    init(set: RecordingSet, folder: URL, perCell: Int, perNegativeCell: Int, seed: UInt64) {
        var random = SeededRandom(seed: seed ^ 0x5EED)
        var index = 0
        func add(_ cell: Cell, hard: Bool, positive: Bool, pool: [Source]) {
            let usable = pool.filter { $0.seconds >= cell.seconds + 0.5 }
            var source: Source
            if positive {
                let real = usable.filter { $0.kind == .real }, generated = usable.filter { $0.kind == .generated }
                source = Self.weightedPick(!real.isEmpty && random.chance(Self.realShare) ? real : generated, &random)
            } else {
                // Negatives: each kind of clip in turn, so that the hard ones (same voice, same text,
                // same reader) are all well represented.
                let kinds = Array(Set(usable.map(\.note))).sorted()
                let kind = kinds[index % kinds.count]
                source = random.pick(usable.filter { $0.note == kind })
            }
            let offset = random.double(in: 0...(source.seconds - cell.seconds - 0.05))
            let name = String(format: "q%04d-%@-%02.0fs-%@.%@", index, positive ? "pos" : "neg", cell.seconds, cell.degradation.tag,
                              cell.degradation.fileExtension)
            queries.append(Query(index: index, cell: cell, hard: hard, source: source, positive: positive,
                                 offsetMs: (offset * 1000).rounded(), url: folder.appendingPathComponent(name)))
            index += 1
        }
        for cell in Self.standardCells { for _ in 0..<perCell { add(cell, hard: false, positive: true, pool: set.archived) } }
        for cell in Self.hardCells { for _ in 0..<perCell { add(cell, hard: true, positive: true, pool: set.archived) } }
        for cell in Self.negativeCells { for _ in 0..<perNegativeCell { add(cell, hard: false, positive: false, pool: set.negatives) } }
    }

    private static func weightedPick(_ sources: [Source], _ random: inout SeededRandom) -> Source {
        let total = sources.reduce(0) { $0 + $1.seconds }
        var x = random.unit() * total
        for source in sources {
            x -= source.seconds
            if x < 0 { return source }
        }
        return sources[sources.count - 1]
    }

    /// Writes every query file that is not there yet.
    func materialise(babble: [Source], seed: UInt64) throws {
        let fm = FileManager.default
        var decoded: [URL: Mono] = [:]
        for url in Set(queries.map(\.source.url) + babble.map(\.url)) { decoded[url] = try Mono.decode(url) }
        var failure: Error?
        let lock = NSLock()
        let missing = queries.filter { !fm.fileExists(atPath: $0.url.path) }
        if !missing.isEmpty { log("writing \(missing.count) query files") }
        parallelFor(missing.count) { i in
            let query = missing[i]
            do {
                var random = SeededRandom(seed: seed &+ UInt64(query.index) &* 104_729)
                try Self.write(query, audio: decoded[query.source.url]!, babble: babble.map { decoded[$0.url]! }, &random)
            } catch {
                lock.lock(); failure = error; lock.unlock()
            }
        }
        if let failure { throw failure }
    }

    private static func write(_ query: Query, audio: Mono, babble: [Mono], _ random: inout SeededRandom) throws {
        let start = Int((query.offsetMs / 1000 * Double(audio.rate)).rounded())
        var excerpt = audio.slice(start, Int(query.cell.seconds * Double(audio.rate)))
        let temp = query.url.deletingPathExtension().appendingPathExtension("tmp.wav")
        defer { try? FileManager.default.removeItem(at: temp) }
        switch query.cell.degradation {
        case .mp3:
            try excerpt.writeWAV(temp)
            try Tool.ffmpeg(["-i", temp.path, "-c:a", "libmp3lame", "-b:a", "32k", query.url.path])
        case .opus:
            try excerpt.writeWAV(temp)
            try Tool.ffmpeg(["-i", temp.path, "-c:a", "libopus", "-b:a", "16k", query.url.path])
        case .resampled:
            try excerpt.writeWAV(temp)
            try Tool.ffmpeg(["-i", temp.path, "-ar", "16000", query.url.path])
        case .noise10, .noise0:
            let snr = query.cell.degradation == .noise10 ? 10.0 : 0.0
            let sigma = Float(sqrt(excerpt.power / pow(10, snr / 10)))
            for i in excerpt.samples.indices { excerpt.samples[i] += sigma * random.gaussian() }
            try excerpt.writeWAV(query.url)
        case .babble:
            // Three other voices, each a third of the excerpt's power: 0 dB in all.
            let target = excerpt.power
            for _ in 0..<3 {
                let other = random.pick(babble)
                var rate = other
                if other.rate != excerpt.rate { rate = try resample(other, to: excerpt.rate) }
                let otherStart = random.int(max(1, rate.samples.count - excerpt.samples.count))
                let voice = rate.slice(otherStart, excerpt.samples.count)
                let gain = Float(sqrt(target / 3 / max(voice.power, 1e-12)))
                for i in 0..<min(voice.samples.count, excerpt.samples.count) { excerpt.samples[i] += gain * voice.samples[i] }
            }
            try excerpt.writeWAV(query.url)
        }
    }

    /// Linear-interpolation resampling, good enough for babble.
    private static func resample(_ audio: Mono, to rate: Int) throws -> Mono {
        let ratio = Double(audio.rate) / Double(rate)
        let count = Int(Double(audio.samples.count) / ratio)
        var out = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let x = Double(i) * ratio, j = Int(x), f = Float(x - Double(j))
            out[i] = j + 1 < audio.samples.count ? audio.samples[j] * (1 - f) + audio.samples[j + 1] * f : audio.samples[min(j, audio.samples.count - 1)]
        }
        return Mono(samples: out, rate: rate)
    }
}
