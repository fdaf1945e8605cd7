import Foundation
import Transcripts
#if canImport(Glibc)
import Glibc
#endif

extension Archive {
    /// Re-hashes every stored original against the archive (on all cores) and reports missing,
    /// altered, unreadable and unexpected files, and transcripts that no longer parse to the
    /// stored segments, and checks the audit trail's hash chain. Files an ingest running meanwhile
    /// is storing are listed apart, as in flight. The audit is recorded as an event and files found intact are stamped as
    /// verified, unless the archive is read-only.
    ///
    /// ```swift
    /// let report = try archive.verify()
    /// if !report.intact { for file in report.altered { print(file.path, file.foundSHA256) } }
    /// ```
    /// - Parameter since: check only files not verified within this many seconds.
    public func verify(since: TimeInterval? = nil, progress: IngestProgress = SilentProgress()) throws -> FixityReport {
        let started = Date()
        // Purged files were deleted on purpose, with an audit event: they are counted, not checked.
        let stored = try store.read { db in try FixityRecords.storedFiles(db) }
        var report = FixityReport()
        report.purged = try store.read { db in try FixityRecords.purgedFiles(db) }
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
            var info = stat()
            if stat(url.path, &info) != 0, errno == ENOENT || errno == ENOTDIR {
                lock.withLock { report.missing.append(.init(path: file.path, kind: file.kind, id: file.id)) }
                outcome = "missing"
            } else {
                do {
                    let found = try OriginalStore.sha256(of: url)
                    if found == file.sha256 {
                        lock.withLock { intact.append((file.kind, file.id)) }
                    } else {
                        lock.withLock { report.altered.append(.init(path: file.path, kind: file.kind, id: file.id, expectedSHA256: file.sha256, foundSHA256: found)) }
                        outcome = "altered"
                    }
                } catch {
                    var reason = "\(error)"
                    if let error = error as? AudioError, case .unreadable(_, let why) = error { reason = why.lowercased() }
                    lock.withLock { report.unreadable.append(.init(path: file.path, kind: file.kind, id: file.id, reason: reason)) }
                    outcome = "unreadable"
                }
            }
            lock.withLock { report.checked += 1; report.bytes += file.size }
            progress.fileDone(file.path, bytes: file.size, outcome: outcome)
        }
        progress.end()

        var unknown: [String] = []
        let known = Set(stored.map(\.path))
        for folder in [Self.recordingsFolder, Self.transcriptsFolder] {
            let root = url.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
            while let file = enumerator?.nextObject() as? URL {
                guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let relative = folder + "/" + file.path.dropFirst(root.path.count + 1)
                if !known.contains(relative) { unknown.append(relative) }
            }
        }
        (report.unexpected, report.inFlight) = try sortOutUnknown(unknown)
        let intactTranscripts = Set(intact.filter { $0.0 == "transcript" }.map(\.1))
        report.changedParses = try changedTranscriptParses(intactTranscripts)
        report.auditTrail = try checkAuditTrail()

        report.missing.sort { $0.path < $1.path }
        report.altered.sort { $0.path < $1.path }
        report.unreadable.sort { $0.path < $1.path }
        report.unexpected.sort()
        report.seconds = Date().timeIntervalSince(started)
        // An archive that can only be read cannot keep its audit trail nor its stamps.
        guard !isReadOnly else { return report }
        let now = CalendarDate.timestamp()
        let summary = report.intact
            ? "verify: \(report.checked) files intact"
            : "verify: \(report.missing.count) missing, \(report.altered.count) altered, \(report.unexpected.count) unexpected, "
                + "\(report.unreadable.count) unreadable, \(report.changedParses.count) transcripts read differently"
                + (report.auditTrail.firstBreak.map { ", audit trail broken at event \($0.id)" } ?? "")
        defer { checkpoint() }
        try store.write { db in
            for (kind, id) in intact { try FixityRecords.markVerified(kind, id, at: now, db) }
            var event = AuditEvent(kind: "verify", summary: summary, details: [
                "checked": report.checked, "skipped": report.skipped, "purged": report.purged, "bytes": report.bytes,
                "missing": report.missing.map(\.path), "altered": report.altered.map(\.path),
                "unreadable": report.unreadable.map(\.path), "unexpected": report.unexpected, "in_flight": report.inFlight, "changed_parses": report.changedParses.map(\.path),
                "audit_trail_events": report.auditTrail.events, "audit_trail_broken_at": report.auditTrail.firstBreak?.id ?? NSNull(),
            ])
            try event.append(db)
        }
        return report
    }

    /// Splits files no record accounted for into those unexpected and those an ingest running
    /// now has placed since it began but not yet recorded (or recorded since they were listed).
    private func sortOutUnknown(_ unknown: [String]) throws -> (unexpected: [String], inFlight: [String]) {
        guard !unknown.isEmpty, let since = ArchiveLock.ingestRunningSince(archive: url) else { return (unknown, []) }
        let known = Set(try store.read { db in try FixityRecords.everyStoredPath(db) })
        var unexpected: [String] = [], inFlight: [String] = []
        for path in unknown where !known.contains(path) {
            var info = stat()
            let changed = stat(absolute(path).path, &info) == 0 ? Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9 : 0
            if changed >= since.timeIntervalSince1970 { inFlight.append(path) } else { unexpected.append(path) }
        }
        return (unexpected, inFlight)
    }

    /// Re-reads intact transcripts and compares current revisions with the segments stored at ingest.
    private func changedTranscriptParses(_ ids: Set<Int64>) throws -> [FixityReport.ChangedParse] {
        var changed: [FixityReport.ChangedParse] = []
        for id in ids.sorted() {
            let (file, segments) = try store.read { db in
                (try db.record(TranscriptFile.self, id: id)!, try Segment.inTranscript(id, db))
            }
            let stored = segments.map { "\($0.tierIndex)\t\($0.tier)\t\($0.startMs)\t\($0.endMs)\t\($0.text)" }
            do {
                let transcript = try Transcript.read(contentsOf: absolute(file.storedPath))
                let now = transcript.tiers.enumerated().flatMap { index, tier in
                    tier.annotations.map { "\(index)\t\(tier.name)\t\($0.startMs)\t\($0.endMs)\t\($0.text)" }
                }
                // A replaced revision's segments left the index with it; its file need only still read.
                if file.replacedBy == nil && now != stored {
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
