import Foundation
import GRDB

/// What `refingerprint` did.
public struct RefingerprintReport: Encodable, Equatable {
    /// A recording left as it was, and why.
    public struct Failure: Encodable, Equatable {
        public var recordingId: Int64
        public var path: String
        public var reason: String
    }

    /// Recordings fingerprinted anew: they had no fingerprint, or one of an older version.
    public var fingerprinted: [Int64] = []
    /// Recordings whose fingerprint was already of the current version.
    public var current = 0
    /// Recordings whose stored original is missing, unreadable or no longer matches its checksum.
    public var failed: [Failure] = []
}

extension Archive {
    /// How many recordings have no fingerprint or one of an older version: `identify` and
    /// `duplicates` compare them less well until `refingerprint` has run.
    public func outdatedFingerprints() throws -> Int {
        try database!.read { db in try LandmarkRecords.outdated(db).count }
    }

    /// Recordings at a time: their old landmarks are removed together, in one pass over the
    /// landmark table (which is ordered by hash, not by recording).
    static let refingerprintBatch = 64

    /// Fingerprints again, from the stored originals, every recording whose fingerprint is
    /// missing or older than `FingerprintParameters.version`, so that `identify` and
    /// `duplicates` compare like with like after the fingerprint changes. Each original is
    /// checked against its checksum on the way; one that fails keeps its old fingerprint.
    /// Runs on all cores; an audit event.
    ///
    /// ```swift
    /// let report = try archive.refingerprint()
    /// print(report.fingerprinted.count, "recordings fingerprinted,", report.current, "already current")
    /// ```
    public func refingerprint(progress: IngestProgress = SilentProgress()) throws -> RefingerprintReport {
        try requireWritable()
        let (due, total) = try database!.read { db in (try LandmarkRecords.outdated(db), try Recording.fetchCount(db)) }
        var report = RefingerprintReport()
        report.current = total - due.count
        progress.begin(files: due.count, bytes: due.reduce(0) { $0 + $1.size })
        let lock = NSLock()
        for start in stride(from: 0, to: due.count, by: Self.refingerprintBatch) {
            let batch = Array(due[start..<min(start + Self.refingerprintBatch, due.count)])
            var fingerprints = [AudioFingerprint?](repeating: nil, count: batch.count)
            ParallelWork.forEach(batch.count) { index in
                let recording = batch[index]
                var outcome = "fingerprinted"
                do {
                    let (facts, fingerprint) = try AudioAnalyzer.analyze(
                        absolute(recording.path),
                        fingerprint: FingerprintBuilder(ownThread: ParallelWork.hasSpareCore(index: index, of: batch.count)))
                    if facts.sha256 != recording.sha256 {
                        outcome = "altered"
                        lock.withLock {
                            report.failed.append(.init(recordingId: recording.id, path: recording.path,
                                                       reason: "the stored file no longer matches its checksum (run `verify`)"))
                        }
                    } else {
                        lock.withLock { fingerprints[index] = fingerprint }
                    }
                } catch {
                    outcome = "failed"
                    lock.withLock { report.failed.append(.init(recordingId: recording.id, path: recording.path, reason: "\(error)")) }
                }
                progress.fileDone(recording.path, bytes: recording.size, outcome: outcome)
            }
            let done = batch.indices.compactMap { index in fingerprints[index].map { (batch[index].id, $0) } }
            guard !done.isEmpty else { continue }
            try database!.write { db in
                try LandmarkRecords.remove(recordings: done.map(\.0), db)
                for (id, fingerprint) in done { try storeFingerprint(fingerprint, recordingId: id, db) }
            }
            try mergeLandmarksIfMany()
            report.fingerprinted += done.map(\.0)
        }
        progress.end()
        report.failed.sort { $0.recordingId < $1.recordingId }
        try record(AuditEvent(kind: "refingerprint", summary: """
            refingerprint: \(report.fingerprinted.count) recordings fingerprinted (version \(FingerprintParameters.version)), \
            \(report.failed.count) failed
            """, details: ["fingerprinted": report.fingerprinted, "failed": report.failed.map(\.path),
                           "version": FingerprintParameters.version]))
        return report
    }
}
