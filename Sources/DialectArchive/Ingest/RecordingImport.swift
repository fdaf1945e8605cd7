import Foundation

/// The audio stage of an ingest: analyse every file (in parallel, one streaming pass each,
/// copying into `.incoming/` as it reads), then commit each recording whole or not at all.
struct RecordingImport {
    let archive: Archive
    let store: OriginalStore
    let assignment: SessionAssignment
    let dryRun: Bool
    let fingerprinting: Bool
    let progress: IngestProgress

    /// A recording analysed and committed (or found already present), by source file.
    struct Stored {
        var id: Int64
        var sessionId: String
        var originalName: String
    }

    func run(_ files: [URL], report: inout IngestReport) -> [URL: Stored] {
        let sizes = files.map { (try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize).flatMap { $0 }.map(Int64.init) ?? 0 }
        progress.begin(files: files.count, bytes: sizes.reduce(0, +))
        let lock = NSLock()
        var shared = (report: report, stored: [URL: Stored]())
        ParallelWork.forEach(files.count) { index in
            let file = files[index]
            var local = IngestReport()
            let stored = ingestOne(file, size: sizes[index], spareCore: ParallelWork.hasSpareCore(index: index, of: files.count), report: &local)
            lock.withLock {
                shared.report.outcomes += local.outcomes
                shared.report.warnings += local.warnings
                shared.report.bytesRead += sizes[index]
                if let stored { shared.stored[file] = stored }
            }
            let outcome = local.outcomes.last.map { $0.status == .failed ? "failed" : $0.status.rawValue.replacingOccurrences(of: "_", with: " ") } ?? "done"
            progress.fileDone(file.path, bytes: sizes[index], outcome: outcome)
        }
        progress.end()
        report = shared.report
        return shared.stored
    }

    private func ingestOne(_ file: URL, size: Int64, spareCore: Bool, report: inout IngestReport) -> Stored? {
        let placement = assignment.placement(for: file)
        var incoming: URL?
        do {
            var facts: AudioFacts
            var fingerprint: AudioFingerprint?
            // A dry run reports by checksum only, and so does an ingest run again (after a crash,
            // say) for a file taken in before from this very path with this size: it is only
            // read, without the fingerprints it already has. Should it prove new after all, it is
            // read again as any new file is: copied as it is read and fingerprinted.
            let source = file.standardizedFileURL.path
            let probablyKnown = try archive.store.read { db in try IngestRecords.wasTakenIn(from: source, size: size, db) }
            var known: AudioFacts?
            if dryRun || probablyKnown {
                let read = try AudioAnalyzer.analyze(file)
                if try dryRun || archive.store.read({ db in try IngestRecords.recording(withSHA256: read.sha256, db) }) != nil { known = read }
            }
            if let known {
                facts = known
            } else {
                let builder = fingerprinting ? FingerprintBuilder(ownThread: spareCore) : nil
                let (url, handle) = try store.makeIncoming(for: file.lastPathComponent)
                incoming = url
                do {
                    (facts, fingerprint) = try AudioAnalyzer.analyze(file, copyingTo: handle, fingerprint: builder)
                } catch {
                    try? handle.close()
                    throw error
                }
                try store.seal(url, handle: handle, expectedSHA256: facts.sha256, source: file.path)
            }
            let result = try commit(file, facts: facts, fingerprint: fingerprint, incoming: incoming, placement: placement, report: &report)
            if let warning = placement.warning, report.outcomes.last?.status == .added { report.warn(file.path, warning) }
            return result
        } catch {
            if let incoming { try? FileManager.default.removeItem(at: incoming) }
            report.add(file.path, .recording, .failed, "\(describe(store.explain(error), file: file))")
            return nil
        }
    }

    private func commit(_ file: URL, facts: AudioFacts, fingerprint: AudioFingerprint?, incoming: URL?, placement: SessionAssignment.Placement,
                        report: inout IngestReport) throws -> Stored? {
        if dryRun {
            let existing = try archive.store.read { db in try IngestRecords.recording(withSHA256: facts.sha256, db) }
            if let existing {
                let name = try archive.store.read { db in try AccessRules.nameInMessage(existing.storedPath, of: existing, db) }
                report.add(file.path, .recording, .alreadyPresent, id: existing.id,
                           "same bytes as recording \(existing.id!) (\(name))" + (try archive.store.read { try Self.withdrawnNote(existing, $0) }))
            } else if let withdrawal = try archive.store.read({ db in try Withdrawal.of("session", placement.sessionId, db) }) {
                report.add(file.path, .recording, .failed, "\(WithdrawalError.sessionWithdrawn(id: placement.sessionId, withdrawal))")
            } else {
                report.add(file.path, .recording, .added, "would be added (\(TimeFormat.clock(facts.durationMs)), \(facts.container)/\(facts.codec))")
                for damage in facts.warnings { report.warn(file.path, "damaged: \(damage)") }
            }
            return nil
        }
        // A file placed for a transaction that then fails (a full disk at COMMIT) must not stay
        // behind without its row. A write that lost to another ingest storing the same bytes (or
        // the same new session) at once runs again, and finds what that one stored.
        var placed: String?
        for attempt in 1...2 {
            var outcome = IngestReport()
            do {
                let stored = try insert(file, facts: facts, fingerprint: fingerprint, incoming: incoming, placement: placement,
                                        placed: &placed, report: &outcome)
                report.outcomes += outcome.outcomes
                report.warnings += outcome.warnings
                return stored
            } catch {
                if let placed { archive.removePlacedFile(placed) }
                placed = nil
                if attempt == 1, ArchiveStore.lostToAnotherWriter(error) { continue }
                report.warnings += outcome.warnings
                throw error
            }
        }
        preconditionFailure("the second attempt returns or throws")
    }

    /// Places the copy and records the recording in one transaction.
    private func insert(_ file: URL, facts: AudioFacts, fingerprint: AudioFingerprint?, incoming: URL?, placement: SessionAssignment.Placement,
                        placed: inout String?, report: inout IngestReport) throws -> Stored {
        try archive.store.write { records -> Stored in
            if let existing = try IngestRecords.recording(withSHA256: facts.sha256, records) {
                if let incoming { try? FileManager.default.removeItem(at: incoming) }
                try IngestRecords.noteCopy(of: existing.id!, at: file.standardizedFileURL.path, records)
                report.add(file.path, .recording, .alreadyPresent, id: existing.id,
                           "same bytes as recording \(existing.id!) (\(try AccessRules.nameInMessage(existing.storedPath, of: existing, records)))"
                           + (try Self.withdrawnNote(existing, records)))
                return Stored(id: existing.id!, sessionId: existing.sessionId, originalName: existing.originalName)
            }
            if let withdrawal = try Withdrawal.of("session", placement.sessionId, records) {
                throw WithdrawalError.sessionWithdrawn(id: placement.sessionId, withdrawal)
            }
            let copy = try incoming ?? store.copyVerified(file, expectedSHA256: facts.sha256)
            let collection = try SessionAssignment.ensureSession(placement, in: records)
            let storedPath = try store.place(copy, sha256: facts.sha256,
                                             folder: [Archive.recordingsFolder, collection, placement.sessionId],
                                             name: file.lastPathComponent)
            placed = storedPath
            let twin = try IngestRecords.recording(withSamples: facts.audioSHA256, records)
            if let twin {
                report.warn(file.path, "same decoded samples as recording \(twin.id!) (\(try AccessRules.nameInMessage(twin.originalName, of: twin, records))): a lossless copy of it")
            }
            var recording = Recording(sessionId: placement.sessionId, storedPath: storedPath,
                                      originalName: file.lastPathComponent, sourcePath: file.standardizedFileURL.path,
                                      facts: facts, ingestedAt: CalendarDate.timestamp())
            recording.id = try records.insert(recording)
            if let fingerprint {
                // Matched before its own landmarks are stored, so the lookups read only other recordings'.
                let sample = Landmark.sample(fingerprint.landmarks, durationMs: facts.durationMs, limit: FingerprintParameters.duplicateSample)
                let matches = try archive.matches(for: sample, excluding: recording.id, atLeast: .likely, records)
                    .filter { $0.recordingId != twin?.id }
                    .map { try AccessRules.namedInMessage($0, records) }
                if let warning = DuplicateKind.describe(matches, newDurationMs: facts.durationMs) { report.warn(file.path, warning) }
                try LandmarkRecords.store(fingerprint, recordingId: recording.id!, records)
            }
            if let date = facts.bext?.validOriginationDate,
               var session = try records.record(Session.self, id: placement.sessionId), session.date == nil {
                session.date = date
                try records.update(session)
                report.warn(file.path, "session '\(session.id)' has no date in the metadata; took \(date) from the BWF origination date")
            }
            for damage in facts.warnings { report.warn(file.path, "stored, but damaged: \(damage)") }
            report.add(file.path, .recording, .added, id: recording.id)
            return Stored(id: recording.id!, sessionId: placement.sessionId, originalName: file.lastPathComponent)
        }
    }

    /// What an ingest says of bytes already stored for a withdrawn recording: it stays withdrawn.
    private static func withdrawnNote(_ recording: Recording, _ db: StoreDatabase) throws -> String {
        guard let withdrawal = try Withdrawal.of("recording", recording.id!, db) else { return "" }
        return ", withdrawn on \(withdrawal.at)\(withdrawal.purged != nil ? " and purged" : ""); it stays withdrawn"
    }

    private func describe(_ error: Error, file: URL) -> String {
        switch error {
        case let audio as AudioError: return audio.reason
        case let archive as ArchiveError: return archive.description
        default: return "\(error)"
        }
    }
}
