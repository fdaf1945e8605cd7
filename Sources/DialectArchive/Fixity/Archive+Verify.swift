import Foundation
import GRDB
import Transcripts

extension Archive {
    /// Re-hashes every stored original against the archive (on all cores) and reports missing,
    /// altered and unexpected files, and transcripts that no longer parse to the stored segments.
    /// The audit is recorded as an event; files found intact are stamped as verified.
    ///
    /// ```swift
    /// let report = try archive.verify()
    /// if !report.intact { for file in report.altered { print(file.path, file.foundSHA256) } }
    /// ```
    /// - Parameter since: check only files not verified within this many seconds.
    public func verify(since: TimeInterval? = nil, progress: IngestProgress = SilentProgress()) throws -> FixityReport {
        let started = Date()
        struct Stored { var kind: String; var id: Int64; var path: String; var sha256: String; var size: Int64; var verifiedAt: String? }
        let stored = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT 'recording', id, stored_path, sha256, size, verified_at FROM recording UNION ALL SELECT 'transcript', id, stored_path, sha256, size, verified_at FROM transcript")
                .map { Stored(kind: $0[0], id: $0[1], path: $0[2], sha256: $0[3], size: $0[4], verifiedAt: $0[5]) }
        }
        var report = FixityReport()
        let cutoff = since.map { CalendarDate.timestamp(Date().addingTimeInterval(-$0)) }
        let due = stored.filter { file in
            guard let cutoff, let verified = file.verifiedAt else { return true }
            return verified < cutoff
        }
        report.skipped = stored.count - due.count

        progress.begin(files: due.count, bytes: due.reduce(0) { $0 + $1.size })
        let lock = NSLock()
        var intact: [(String, Int64)] = []
        ParallelWork.forEach(due.count) { index in
            let file = due[index]
            let url = absolute(file.path)
            var outcome = "intact"
            if !FileManager.default.fileExists(atPath: url.path) {
                lock.withLock { report.missing.append(.init(path: file.path, kind: file.kind, id: file.id)) }
                outcome = "missing"
            } else if let found = try? OriginalStore.sha256(of: url) {
                if found == file.sha256 {
                    lock.withLock { intact.append((file.kind, file.id)) }
                } else {
                    lock.withLock { report.altered.append(.init(path: file.path, kind: file.kind, id: file.id, expectedSHA256: file.sha256, foundSHA256: found)) }
                    outcome = "altered"
                }
            } else {
                lock.withLock { report.missing.append(.init(path: file.path, kind: file.kind, id: file.id)) }
                outcome = "unreadable"
            }
            lock.withLock { report.checked += 1; report.bytes += file.size }
            progress.fileDone(file.path, bytes: file.size, outcome: outcome)
        }
        progress.end()

        let known = Set(stored.map(\.path))
        for folder in [Self.recordingsFolder, Self.transcriptsFolder] {
            let root = url.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
            while let file = enumerator?.nextObject() as? URL {
                guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let relative = folder + "/" + file.path.dropFirst(root.path.count + 1)
                if !known.contains(relative) { report.unexpected.append(relative) }
            }
        }
        let intactTranscripts = Set(intact.filter { $0.0 == "transcript" }.map(\.1))
        report.changedParses = try changedTranscriptParses(intactTranscripts)

        report.missing.sort { $0.path < $1.path }
        report.altered.sort { $0.path < $1.path }
        report.unexpected.sort()
        report.seconds = Date().timeIntervalSince(started)
        let now = CalendarDate.timestamp()
        let summary = report.intact
            ? "verify: \(report.checked) files intact"
            : "verify: \(report.missing.count) missing, \(report.altered.count) altered, \(report.unexpected.count) unexpected, \(report.changedParses.count) transcripts read differently"
        try database.write { db in
            for (kind, id) in intact {
                try db.execute(sql: "UPDATE \(kind) SET verified_at = ? WHERE id = ?", arguments: [now, id])
            }
            var event = AuditEvent(kind: "verify", summary: summary, details: [
                "checked": report.checked, "skipped": report.skipped, "bytes": report.bytes,
                "missing": report.missing.map(\.path), "altered": report.altered.map(\.path),
                "unexpected": report.unexpected, "changed_parses": report.changedParses.map(\.path),
            ])
            try event.insert(db)
        }
        return report
    }

    /// Re-reads intact transcripts and compares them with the segments stored at ingest.
    private func changedTranscriptParses(_ ids: Set<Int64>) throws -> [FixityReport.ChangedParse] {
        var changed: [FixityReport.ChangedParse] = []
        for id in ids.sorted() {
            let (file, segments) = try database.read { db in
                (try TranscriptFile.fetchOne(db, key: id)!,
                 try Segment.filter(Column("transcript_id") == id).order(Column("tier_index"), Column("id")).fetchAll(db))
            }
            let stored = segments.map { "\($0.tierIndex)\t\($0.tier)\t\($0.startMs)\t\($0.endMs)\t\($0.text)" }
            do {
                let transcript = try Transcript.read(contentsOf: absolute(file.storedPath))
                let now = transcript.tiers.enumerated().flatMap { index, tier in
                    tier.annotations.map { "\(index)\t\(tier.name)\t\($0.startMs)\t\($0.endMs)\t\($0.text)" }
                }
                if now != stored {
                    let first = zip(now, stored).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(now.count, stored.count)
                    changed.append(.init(path: file.storedPath, id: id,
                        reason: "reads as \(now.count) segments where the archive holds \(stored.count); first difference at segment \(first + 1)"))
                }
            } catch {
                changed.append(.init(path: file.storedPath, id: id, reason: "no longer readable: \(error)"))
            }
        }
        return changed
    }
}
