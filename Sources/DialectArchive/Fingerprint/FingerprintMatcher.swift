/// Finds which archived recordings contain a query's audio, and where, by voting on a
/// consistent time offset between the query's landmarks and each recording's.
public struct FingerprintMatcher {
    /// One archived landmark that shares a hash with the query.
    public struct Occurrence: Equatable {
        public var recordingId: Int64
        public var frame: Int32
        public init(recordingId: Int64, frame: Int32) {
            self.recordingId = recordingId
            self.frame = frame
        }
    }

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

    /// Votes on offsets. `lookup` returns the archived occurrences of a set of hashes.
    public static func candidates(for query: [Landmark], lookup: (Set<Int32>) throws -> [Int32: [Occurrence]]) rethrows -> [Candidate] {
        let occurrences = try lookup(Set(query.map(\.hash)))
        // Votes per (recording, offset).
        var votes: [Int64: [Int32: Int]] = [:]
        for landmark in query {
            guard let found = occurrences[landmark.hash] else { continue }
            for occurrence in found {
                votes[occurrence.recordingId, default: [:]][occurrence.frame - landmark.frame, default: 0] += 1
            }
        }
        var result: [Candidate] = []
        for (recording, offsets) in votes {
            // Peaks jitter by a frame between encodings: count each offset with its neighbours.
            var best: (offset: Int32, score: Int) = (0, 0)
            for (offset, _) in offsets {
                let score = (offsets[offset - 1] ?? 0) + (offsets[offset] ?? 0) + (offsets[offset + 1] ?? 0)
                if score > best.score || (score == best.score && offset < best.offset) { best = (offset, score) }
            }
            guard best.score >= FingerprintParameters.minimumAlignedHashes else { continue }
            var weighted = 0.0, weight = 0.0
            for delta: Int32 in -1...1 {
                let count = Double(offsets[best.offset + delta] ?? 0)
                weighted += count * Double(best.offset + delta)
                weight += count
            }
            var first = Int32.max, last = Int32.min
            for landmark in query {
                guard let found = occurrences[landmark.hash],
                      found.contains(where: { $0.recordingId == recording && abs($0.frame - landmark.frame - best.offset) <= 1 }) else { continue }
                first = min(first, landmark.frame)
                last = max(last, landmark.frame)
            }
            result.append(Candidate(recordingId: recording, offsetFrames: weighted / weight, alignedHashes: best.score,
                                    firstQueryFrame: first, lastQueryFrame: last))
        }
        return result.sorted { ($0.alignedHashes, $1.recordingId) > ($1.alignedHashes, $0.recordingId) }
    }
}
