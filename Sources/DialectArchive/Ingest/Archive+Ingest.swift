import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

extension Archive {
    /// Takes in folders and files: reads their metadata, analyses and stores every audio file,
    /// parses and pairs every transcript, and records the whole ingest as one audit event.
    ///
    /// ```swift
    /// let report = try archive.ingest(IngestRequest(paths: [URL(fileURLWithPath: "field-trip")]))
    /// for failure in report.failed { print(failure.file, failure.message ?? "") }
    /// ```
    /// One bad file never stops the batch: it becomes a failed outcome with its reason. Each
    /// recording is committed whole or not at all, so running the same ingest again after a
    /// crash finishes the job, and files already present are reported as such.
    public func ingest(_ request: IngestRequest, progress: IngestProgress = SilentProgress()) throws -> IngestReport {
        if !request.dryRun { try requireWritable() }
        // A dry run stores nothing, so it needs no lock, and runs on a read-only archive too.
        // On PostgreSQL ingests from any number of processes and machines run at once: the
        // database decides, by its unique keys, which of two stores the same bytes.
        let lock = isReadOnly ? nil : try ArchiveLock(archive: url, shared: self.store.kind == .postgres)
        defer { lock?.release() }
        let started = Date()
        let store = OriginalStore(archiveURL: url)
        if !request.dryRun, lock?.alone == true { try store.clearIncoming() }

        var report = IngestReport()
        report.dryRun = request.dryRun
        let batch = BatchDiscovery.discover(request.paths)
        for missing in batch.missing { report.add(missing.path, .path, .failed, "no such file or folder") }
        for (link, target) in batch.links {
            report.warn(link.path, "skipped: a symbolic link (to \(target)) inside a folder is not followed; give it to ingest on its own to take in what it points to")
        }

        var metadata = FieldMetadata()
        if let source = request.metadata {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory) {
                metadata = isDirectory.boolValue
                    ? FieldMetadata.read(folder: source, defaultCollection: request.collection)
                    : FieldMetadata.read(folder: source.deletingLastPathComponent(), defaultCollection: request.collection,
                                         only: [source.lastPathComponent.lowercased()])
            } else {
                report.add(source.path, .metadata, .failed, "no such file or folder")
            }
        } else {
            for folder in batch.metadataFolders {
                metadata.merge(FieldMetadata.read(folder: folder, defaultCollection: request.collection))
            }
            for file in batch.metadataFiles {
                metadata.merge(FieldMetadata.read(folder: file.deletingLastPathComponent(), defaultCollection: request.collection,
                                                  only: [file.lastPathComponent.lowercased()]))
            }
        }
        let known = try self.store.read { db in
            (try IngestRecords.localityIds(db), try IngestRecords.speakerIds(db))
        }
        metadata.checkReferences(knownLocalities: known.0, knownSpeakers: known.1)
        for problem in metadata.problems {
            report.add(problem.location, .metadata, .failed, problem.detail)
        }
        if request.dryRun {
            report.metadataChanges = try self.store.read { db in try MetadataChanges.of(metadata, in: db).changeSets }
        } else {
            do {
                let stored = try self.store.writeAgainIfLost { db in try MetadataImport.store(metadata, in: db) }
                report.metadataRows = stored.rows
                report.metadataChanges = stored.changeSets
                report.metadataEvent = stored.eventId
            } catch {
                throw store.explain(error)
            }
        }

        for problem in metadata.fileProblems(batch: batch.audio + batch.transcripts) {
            report.warn(problem.location, problem.detail)
        }
        let assignment = SessionAssignment(entries: metadata.sessions, defaultCollection: request.collection)
        let recordings = RecordingImport(archive: self, store: store, assignment: assignment,
                                         dryRun: request.dryRun, fingerprinting: request.fingerprinting, progress: progress)
        let stored = recordings.run(batch.audio, report: &report)
        if !request.dryRun {
            do {
                try mergeLandmarksIfMany()
            } catch {
                report.warn(url.path, "the fingerprint index was left as it was (\(error)); the next ingest tidies it, and nothing is missing from it")
            }
        }
        if !request.dryRun {
            do {
                try UnpairedTranscripts(archive: self).pair(with: stored, report: &report)
            } catch {
                report.warn(url.path, "transcripts stored earlier without their recording were not paired with this ingest's recordings (\(error))")
            }
        }
        TranscriptImport(archive: self, store: store, assignment: assignment, dryRun: request.dryRun, batch: stored)
            .run(batch.transcripts, report: &report)
        report.ignored = batch.ignored.map(\.path)
        let diskFull = ArchiveError.diskFull(path: url.path).description
        report.diskFull = report.failed.filter { $0.message == diskFull }.map(\.file)

        report.outcomes.sort { ($0.kind.order, $0.file) < ($1.kind.order, $1.file) }
        report.seconds = Date().timeIntervalSince(started)
        if !request.dryRun {
            var details: [String: Any] = report.counts
            details["sources"] = request.paths.map { $0.standardizedFileURL.path }
            details["metadata_files"] = metadata.sources
            if let event = report.metadataEvent { details["metadata_event"] = event }
            details["collection"] = request.collection
            details["recordings"] = report.added.filter { $0.kind == .recording }.compactMap(\.id)
            details["transcripts"] = report.added.filter { $0.kind == .transcript }.compactMap(\.id)
            details["ignored"] = report.ignored
            details["paired"] = report.paired.map {
                ["transcript_id": $0.transcriptId, "transcript": $0.transcript, "recording_id": $0.recordingId, "recording": $0.recording] as [String: Any]
            }
            details["revisions"] = report.revisions.map {
                ["file": $0.file, "transcript_id": $0.transcriptId, "revision": $0.revision,
                 "replaced_transcript_id": $0.replacedTranscriptId, "replaced_revision": $0.replacedRevision,
                 "segments_added": $0.difference.added, "segments_removed": $0.difference.removed,
                 "segments_changed": $0.difference.changed, "summary": $0.summary] as [String: Any]
            }
            details["failures"] = report.failed.map { ["file": $0.file, "reason": $0.message ?? ""] }
            let revisedLater = report.revisions.filter { revision in report.paired.contains { $0.transcriptId == revision.transcriptId } }.count
            let revised = report.revisions.count == revisedLater ? "" : " (\(report.revisions.count - revisedLater) of them new revisions)"
            let summary = "ingest: \(report.count(.recording, .added)) recordings and \(report.count(.transcript, .added)) transcripts added\(revised), "
                + "\(report.alreadyPresent.count) already present, \(report.failed.count) failed"
                + (revisedLater == 0 ? "" : ", \(revisedLater) transcripts stored earlier paired as new revisions")
            do {
                try record(AuditEvent(kind: "ingest", summary: summary, details: details))
            } catch where ArchiveError.isDiskFull(error, archive: url) {
                report.warn(url.path, "this ingest could not be recorded in the audit trail: the archive's disk is full")
            }
        }
        return report
    }

    /// Removes a file an ingest placed for a write that then failed, unless a stored recording or
    /// transcript is kept there: another ingest that stored the same bytes at once may have been
    /// handed the same place, and its file stays.
    func removePlacedFile(_ path: String) {
        guard (try? store.read({ db in try IngestRecords.keepsFile(at: path, db) })) == false else { return }
        try? FileManager.default.removeItem(at: absolute(path))
    }
}

extension IngestReport.Outcome.Kind {
    var order: Int {
        switch self {
        case .path: return 0
        case .metadata: return 1
        case .recording: return 2
        case .transcript: return 3
        }
    }
}

/// A lock on the archive for the length of an ingest. On SQLite it is exclusive: one ingest at a
/// time. On PostgreSQL ingests share it, and it only tells `verify` that one is running and an
/// ingest whether it is alone (only then does it clear what an interrupted one left in
/// `.incoming/`). The lock file's time is when the first of the running ingests began.
struct ArchiveLock {
    private let fd: Int32
    /// True when no other ingest was running as this one began.
    let alone: Bool

    init(archive: URL, shared: Bool = false) throws {
        fd = open(Self.path(archive), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ArchiveError.storage(path: archive.path, reason: "cannot create the lock file") }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            alone = true
            futimens(fd, nil)
            if shared { flock(fd, LOCK_SH) }
        } else if shared, flock(fd, LOCK_SH) == 0 {
            // Waits only while another ingest that found itself alone holds the lock whole for
            // the moment it takes to stamp it and share it.
            alone = false
        } else {
            close(fd)
            throw ArchiveError.busy(path: archive.path)
        }
    }

    /// When the ingest running on `archive` began, or nil when none is running.
    static func ingestRunningSince(archive: URL) -> Date? {
        let fd = open(path(archive), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) != 0 else {
            flock(fd, LOCK_UN)
            return nil
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }

    private static func path(_ archive: URL) -> String { archive.appendingPathComponent(".lock").path }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
