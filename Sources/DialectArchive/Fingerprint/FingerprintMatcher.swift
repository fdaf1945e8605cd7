/// Finds which archived recordings contain a query's audio, and where, by voting on a
/// consistent time offset between the query's landmarks and each recording's.
///
/// ```swift
/// let matcher = FingerprintMatcher(query: landmarks)
/// for hash in matcher.hashesToLookUp(archived: matcher.hashes.map { archived($0).count }) {
///     matcher.vote(hash: hash) { count in for (recording, frame) in archived(hash) { count(recording, frame) } }
/// }
/// let best = matcher.candidates().first
/// ```
public struct FingerprintMatcher {
    /// The best alignment of the query with one recording.
    public struct Candidate: Equatable {
        public var recordingId: Int64
        /// Where the query starts in the recording, in frames (negative when the query starts earlier).
        public var offsetFrames: Double
        /// Landmarks of the query found at that offset.
        public var alignedHashes: Int
        /// Query frames covered by the aligned landmarks.
        public var firstQueryFrame: Int32
        public var lastQueryFrame: Int32
    }

    /// How sure a match is, in words an archivist can act on; ordered from possible to certain.
    public enum Confidence: String, Comparable {
        case certain, likely, possible

        private var rank: Int {
            switch self {
            case .possible: return 0
            case .likely: return 1
            case .certain: return 2
            }
        }

        public static func < (a: Confidence, b: Confidence) -> Bool { a.rank < b.rank }
    }

    private typealias P = FingerprintParameters
    /// The distinct hashes of the query, sorted; the query frames of `hashes[i]` are
    /// `frames[starts[i]..<starts[i + 1]]`.
    public let hashes: [Int32]
    private let starts: [Int]
    private let frames: [Int32]
    /// Frames of all distinct query landmarks, sorted.
    private let sortedFrames: [Int32]
    private let votes = VoteList()

    public init(query: [Landmark]) {
        // Distinct landmarks as sorted (hash, frame) keys, no set and no array per hash; the sign
        // bits are flipped so that unsigned order is signed order.
        func unsigned(_ value: Int32) -> UInt64 { UInt64(UInt32(bitPattern: value) ^ 0x8000_0000) }
        func signed(_ value: UInt64) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: value) ^ 0x8000_0000) }
        var keys = query.map { unsigned($0.hash) << 32 | unsigned($0.frame) }
        keys.sort()
        var hashes: [Int32] = [], starts: [Int] = [], frames: [Int32] = []
        frames.reserveCapacity(keys.count)
        var previous: UInt64?
        for key in keys where key != previous {
            previous = key
            let hash = signed(key >> 32)
            if hashes.last != hash {
                hashes.append(hash)
                starts.append(frames.count)
            }
            frames.append(signed(key))
        }
        starts.append(frames.count)
        self.hashes = hashes
        self.starts = starts
        self.frames = frames
        sortedFrames = frames.sorted()
    }

    /// Distinct landmarks of the query.
    public var queryLandmarks: Int { frames.count }

    /// The query's hashes worth looking up, in hash order, given how many archived landmarks
    /// share each (`archived[i]` for `hashes[i]`): none that no archived landmark holds, and the
    /// rarest first until the votes they cast would pass `lookupVotesPerLandmark` per query
    /// landmark. Ties go to the lower hash, so that every index leaves out the same ones.
    public func hashesToLookUp(archived: [Int]) -> [Int32] {
        precondition(archived.count == hashes.count, "one count per hash of the query")
        var rarestFirst = hashes.indices.filter { archived[$0] > 0 }
        rarestFirst.sort { (archived[$0], $0) < (archived[$1], $1) }
        let budget = P.lookupVotesPerLandmark * frames.count
        var votes = 0, kept: [Int] = []
        for i in rarestFirst {
            votes += archived[i] * (starts[i + 1] - starts[i])
            if votes > budget { break }
            kept.append(i)
        }
        return kept.sorted().map { hashes[$0] }
    }

    /// Votes cast so far: one per archived landmark read for each query frame of its hash.
    public var votesCast: Int { votes.keys.count }

    /// Counts the archived landmarks that share `hash` with the query: `occurrences` calls the
    /// function it is given with the recording and frame of each.
    public func vote(hash: Int32, occurrences: ((_ recordingId: Int64, _ frame: Int32) -> Void) throws -> Void) rethrows {
        guard let position = Self.index(of: hash, in: hashes) else { return }
        let frames = self.frames[starts[position]..<starts[position + 1]]
        // Appended to local arrays, swapped out of the list and back, so that no access to the
        // list is checked per vote.
        var keys: [Int64] = [], sources: [Int32] = []
        swap(&keys, &votes.keys)
        swap(&sources, &votes.queryFrames)
        defer {
            swap(&keys, &votes.keys)
            swap(&sources, &votes.queryFrames)
        }
        if frames.count == 1 {
            let queryFrame = frames[frames.startIndex]
            try occurrences { recording, frame in
                keys.append(VoteList.key(recording, frame &- queryFrame))
                sources.append(queryFrame)
            }
        } else {
            try occurrences { recording, frame in
                for queryFrame in frames {
                    keys.append(VoteList.key(recording, frame &- queryFrame))
                    sources.append(queryFrame)
                }
            }
        }
    }

    /// Each recording's best offset with at least `minimumAlignedHashes` aligned landmarks,
    /// strongest first. Peaks jitter by a frame between encodings, so each offset is counted
    /// with its neighbours.
    public func candidates() -> [Candidate] {
        // A window of three offsets reaching the minimum holds an offset with at least a third of
        // it. Almost every vote lands alone on its (recording, offset), so a small table of
        // approximate counts (collisions only add) first finds the offsets that may hold that
        // many; only votes within two offsets of one are then counted exactly.
        let seed = (P.minimumAlignedHashes + 2) / 3
        var exact: [Int64: (count: Int32, first: Int32, last: Int32)] = [:]
        let size = max(1 << 12, (4 * votes.keys.count).nextPowerOfTwo)
        let shift = UInt64(64 - size.trailingZeroBitCount)
        func slot(_ key: Int64) -> Int { Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift) }
        var sketch = [UInt8](repeating: 0, count: size)
        sketch.withUnsafeMutableBufferPointer { sketch in
            votes.keys.withUnsafeBufferPointer { keys in
                for key in keys {
                    let i = slot(key)
                    if sketch[i] < .max { sketch[i] += 1 }
                }
                votes.queryFrames.withUnsafeBufferPointer { queryFrames in
                    for (key, queryFrame) in zip(keys, queryFrames)
                    where sketch[slot(key)] >= seed || sketch[slot(key &- 1)] >= seed || sketch[slot(key &+ 1)] >= seed
                        || sketch[slot(key &- 2)] >= seed || sketch[slot(key &+ 2)] >= seed {
                        if let found = exact[key] {
                            exact[key] = (found.count + 1, min(found.first, queryFrame), max(found.last, queryFrame))
                        } else {
                            exact[key] = (1, queryFrame, queryFrame)
                        }
                    }
                }
            }
        }
        func count(_ key: Int64) -> Int32 { exact[key]?.count ?? 0 }

        var best: [Int64: (centre: Int64, score: Int32)] = [:]
        for (key, found) in exact where found.count >= seed {
            for centre in (key - 1)...(key + 1) where centre == key || count(centre) > 0 {
                let score = count(centre - 1) + count(centre) + count(centre + 1)
                guard score >= P.minimumAlignedHashes else { continue }
                let recording = VoteList.recording(of: key)
                if let current = best[recording], current.score > score || (current.score == score && current.centre <= centre) { continue }
                best[recording] = (centre, score)
            }
        }
        var result: [Candidate] = []
        for (recording, found) in best {
            var weighted = 0.0, weight = 0.0
            var first = Int32.max, last = Int32.min
            for key in (found.centre - 1)...(found.centre + 1) {
                guard let slot = exact[key] else { continue }
                weighted += Double(slot.count) * Double(VoteList.offset(of: key))
                weight += Double(slot.count)
                first = min(first, slot.first)
                last = max(last, slot.last)
            }
            result.append(Candidate(recordingId: recording, offsetFrames: weighted / weight, alignedHashes: Int(found.score),
                                    firstQueryFrame: first, lastQueryFrame: last))
        }
        return result.sorted { ($0.alignedHashes, $1.recordingId) > ($1.alignedHashes, $0.recordingId) }
    }

    /// Query landmarks in the stretch of the query around a match: the matched stretch, widened
    /// to `confidenceSpanFrames` (or the whole query, when shorter).
    public func queryLandmarks(around candidate: Candidate) -> Int {
        guard let firstFrame = sortedFrames.first, let lastFrame = sortedFrames.last else { return 0 }
        var low = candidate.firstQueryFrame, high = candidate.lastQueryFrame
        let missing = Int32(P.confidenceSpanFrames) - (high - low + 1)
        if missing > 0 {
            low -= missing / 2
            high += missing - missing / 2
            if low < firstFrame { high += firstFrame - low; low = firstFrame }
            if high > lastFrame { low -= high - lastFrame; high = lastFrame }
        }
        return Self.lowerBound(sortedFrames, high + 1) - Self.lowerBound(sortedFrames, low)
    }

    /// Certain or likely when the aligned landmarks stand well above what speech that merely
    /// sounds alike aligns: `coincidentShare` of the query's landmarks around the match, give or
    /// take its standard deviation (binomial counts are near enough Poisson), and reach across
    /// at least `minimumMatchFrames` of the query.
    public func confidence(of candidate: Candidate) -> Confidence {
        guard candidate.lastQueryFrame - candidate.firstQueryFrame + 1 >= Int32(P.minimumMatchFrames) else { return .possible }
        let expected = max(1, P.coincidentShare * Double(queryLandmarks(around: candidate)))
        let margin = (Double(candidate.alignedHashes) - expected) / expected.squareRoot()
        if candidate.alignedHashes >= P.certainAlignedHashes && margin >= P.certainMargin { return .certain }
        if candidate.alignedHashes >= P.likelyAlignedHashes && margin >= P.likelyMargin { return .likely }
        return .possible
    }

    private static func index(of value: Int32, in sorted: [Int32]) -> Int? {
        let position = lowerBound(sorted, value)
        return position < sorted.count && sorted[position] == value ? position : nil
    }

    private static func lowerBound(_ sorted: [Int32], _ value: Int32) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// Every vote cast: the (recording, offset) it is for, as one key that orders by recording
/// then offset, and the query frame it came from.
private final class VoteList {
    var keys: [Int64] = []
    var queryFrames: [Int32] = []

    @inline(__always)
    static func key(_ recordingId: Int64, _ offset: Int32) -> Int64 { recordingId << 32 | (Int64(offset) &+ (1 << 31)) }
    static func recording(of key: Int64) -> Int64 { key >> 32 }
    static func offset(of key: Int64) -> Int32 { Int32(truncatingIfNeeded: (key & 0xFFFF_FFFF) - (1 << 31)) }
}

private extension Int {
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
