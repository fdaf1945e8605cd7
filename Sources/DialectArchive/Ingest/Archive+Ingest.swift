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
        let lock = try ArchiveLock(archive: url)
        defer { lock.release() }
        let started = Date()
        let store = OriginalStore(archiveURL: url)
        if !request.dryRun { try store.clearIncoming() }

        var report = IngestReport()
        report.dryRun = request.dryRun
        let batch = BatchDiscovery.discover(request.paths)
        for missing in batch.missing { report.add(missing.path, .path, .failed, "no such file or folder") }

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
        }
        let known = try database.read { db in
            (Set(try String.fetchAll(db, sql: "SELECT id FROM locality")), Set(try String.fetchAll(db, sql: "SELECT id FROM speaker")))
        }
        metadata.checkReferences(knownLocalities: known.0, knownSpeakers: known.1)
        for problem in metadata.problems {
            report.add(problem.location, .metadata, .failed, problem.detail)
        }
        if !request.dryRun {
            report.metadataRows = try database.write { db in try MetadataImport.store(metadata, in: db) }
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

        report.outcomes.sort { ($0.kind.order, $0.file) < ($1.kind.order, $1.file) }
        report.seconds = Date().timeIntervalSince(started)
        if !request.dryRun {
            var details: [String: Any] = report.counts
            details["sources"] = request.paths.map { $0.standardizedFileURL.path }
            details["metadata_files"] = metadata.sources
            details["collection"] = request.collection
            details["ignored"] = report.ignored
            details["paired"] = report.paired.map {
                ["transcript_id": $0.transcriptId, "transcript": $0.transcript, "recording_id": $0.recordingId, "recording": $0.recording] as [String: Any]
            }
            details["failures"] = report.failed.map { ["file": $0.file, "reason": $0.message ?? ""] }
            let summary = "ingest: \(report.count(.recording, .added)) recordings and \(report.count(.transcript, .added)) transcripts added, "
                + "\(report.alreadyPresent.count) already present, \(report.failed.count) failed"
            try record(AuditEvent(kind: "ingest", summary: summary, details: details))
        }
        return report
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

/// An exclusive lock on the archive for the length of an ingest, so two ingests never
/// interleave their writes into `.incoming/`.
struct ArchiveLock {
    private let fd: Int32

    init(archive: URL) throws {
        let path = archive.appendingPathComponent(".lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ArchiveError.storage(path: archive.path, reason: "cannot create the lock file") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ArchiveError.busy(path: archive.path)
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
