import Crypto
import Foundation
import Transcripts

/// The transcript stage of an ingest: parse each transcript, pair it with its recording
/// (EAF media reference, else the same base name, else the one recording its session row names),
/// store the file and its segments together.
struct TranscriptImport {
    let archive: Archive
    let store: OriginalStore
    let assignment: SessionAssignment
    let dryRun: Bool
    /// Recordings of this batch by source file.
    let batch: [URL: RecordingImport.Stored]

    func run(_ files: [URL], report: inout IngestReport) {
        for file in files {
            var outcome = IngestReport()
            do {
                do {
                    try ingestOne(file, report: &outcome)
                } catch where ArchiveStore.lostToAnotherWriter(error) {
                    // Another ingest stored the same transcript (or the same new session) at
                    // once: run again, and find what that one stored.
                    outcome = IngestReport()
                    try ingestOne(file, report: &outcome)
                }
            } catch let error as TranscriptError {
                outcome.add(file.path, .transcript, .failed, error.reason + (error.line.map { " (line \($0))" } ?? ""))
            } catch {
                outcome.add(file.path, .transcript, .failed, "\(store.explain(error))")
            }
            report.outcomes += outcome.outcomes
            report.warnings += outcome.warnings
            report.revisions += outcome.revisions
        }
    }

    private func ingestOne(_ file: URL, report: inout IngestReport) throws {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw AudioError.unreadable(path: file.path, reason: error.localizedDescription)
        }
        let sha256 = Checksum.sha256(data)
        if let existing = try archive.store.read({ db in try IngestRecords.transcript(withSHA256: sha256, db) }) {
            let withdrawn = try archive.store.read { db in try Withdrawal.of("transcript", existing.id!, db) }
            report.add(file.path, .transcript, .alreadyPresent, id: existing.id, "same bytes as transcript \(existing.id!) (\(existing.storedPath))"
                       + (withdrawn.map { ", withdrawn on \($0.at); it stays withdrawn" } ?? ""))
            return
        }
        guard let format = Transcript.format(forFileName: file.lastPathComponent) else { return }
        let transcript = try Transcript.read(data: data, format: format, fileName: file.path)
        let paired = try pair(file, transcript: transcript)
        if paired == nil {
            report.warn(file.path, "no recording matches this transcript (by its media reference or base name); it is kept unpaired")
        }
        for warning in try timingWarnings(transcript, recording: paired) { report.warn(file.path, warning) }
        let revision = try paired.flatMap { paired in
            try archive.store.read { db in
                try TranscriptRevision.current(named: file.lastPathComponent, recordingId: paired.id, db)
                    ?? assignment.entry(naming: file).flatMap { entry in
                        try TranscriptRevision.renamed(file, format: format.rawValue, by: entry, recordingId: paired.id, db)
                    }
            }
        }.map(TranscriptRevision.init)
        if let previous = revision?.previous,
           let withdrawn = try archive.store.read({ db in try Withdrawal.of("transcript", previous.id!, db) }) {
            report.add(file.path, .transcript, .failed, "transcript \(previous.id!) of the same name (\(previous.storedPath)) was withdrawn on "
                       + "\(withdrawn.at) (\(withdrawn.reason)); a withdrawn transcript is not revised, so this file was not stored")
            return
        }
        if dryRun {
            let replacing = revision.map { ", as revision \($0.nextRevision) replacing transcript \($0.previous.id!)" } ?? ""
            report.add(file.path, .transcript, .added, "would be added (\(transcript.tiers.count) tiers)\(replacing)")
            return
        }
        var placement = assignment.placement(for: file)
        if let paired { placement = SessionAssignment.Placement(sessionId: paired.sessionId, collectionId: placement.collectionId) }
        if let warning = placement.warning, paired == nil { report.warn(file.path, warning) }
        let incoming = try store.copyVerified(file, expectedSHA256: sha256)
        var placed: String?
        do {
            let (id, difference) = try archive.store.write { db -> (Int64, TranscriptDifference?) in
                let collection = try SessionAssignment.ensureSession(placement, in: db)
                let storedPath = try store.place(incoming, sha256: sha256,
                                                 folder: [Archive.transcriptsFolder, collection, placement.sessionId],
                                                 name: file.lastPathComponent)
                placed = storedPath
                var segments = SegmentBuilder(transcript: transcript,
                                              sessionSpeakers: try Speaker.speaking(in: placement.sessionId, db))
                segments.kinds = TierKind.parse(try IngestRecords.tierKinds(ofSession: placement.sessionId, db))
                var record = TranscriptFile(
                    id: nil, recordingId: paired?.id, sessionId: placement.sessionId, format: format.rawValue,
                    encoding: transcript.encoding, storedPath: storedPath, originalName: file.lastPathComponent,
                    sourcePath: file.standardizedFileURL.path, size: Int64(data.count), sha256: sha256,
                    media: jsonArray(transcript.media), tierCount: transcript.tiers.count,
                    segmentCount: segments.count, longestSegmentMs: segments.longestMs, ingestedAt: CalendarDate.timestamp(),
                    revision: revision?.nextRevision ?? 1)
                record.id = try db.insert(record)
                try segments.insert(transcriptId: record.id!, recordingId: paired?.id, db)
                return (record.id!, try revision?.replace(with: record.id!, at: record.ingestedAt, db))
            }
            if let revision, let difference {
                let replaced = IngestReport.Revision(
                    file: file.path, transcriptId: id, revision: revision.nextRevision, replacedTranscriptId: revision.previous.id!,
                    replacedRevision: revision.previous.revision, difference: difference)
                report.revisions.append(replaced)
                report.add(file.path, .transcript, .added, id: id, replaced.summary)
            } else {
                report.add(file.path, .transcript, .added, id: id)
            }
        } catch {
            // Whether or not it was moved into place, the copy must not outlive the failed transaction.
            try? FileManager.default.removeItem(at: incoming)
            if let placed { archive.removePlacedFile(placed) }
            throw error
        }
    }

    /// The recording a transcript belongs to: first by the media it names, then by base name;
    /// this batch first, then the archive; else the one recording its session row names.
    private func pair(_ file: URL, transcript: Transcript) throws -> RecordingImport.Stored? {
        let rule = TranscriptPairing(file: file, media: transcript.media)
        if let hit = rule.match(among: batch) { return hit }
        if let hit = try archive.store.read({ db in try rule.matchInArchive(db) }) { return hit }
        return try assignment.entry(naming: file).flatMap(onlyRecording(namedBy:))
    }

    /// The recording a session row names, of this batch or stored in that session, when it names just one.
    private func onlyRecording(namedBy entry: SessionEntry) throws -> RecordingImport.Stored? {
        var named: [Int64: RecordingImport.Stored] = [:]
        for (source, recording) in batch where entry.names(source) { named[recording.id] = recording }
        let names = Set(entry.files.map { ($0 as NSString).lastPathComponent })
        let stored = try archive.store.read { db in
            try IngestRecords.recordings(inSession: entry.session.id, db)
        }
        for recording in stored where names.contains(recording.originalName) {
            named[recording.id!] = RecordingImport.Stored(id: recording.id!, sessionId: recording.sessionId, originalName: recording.originalName)
        }
        return named.count == 1 ? named.values.first : nil
    }

    /// Warnings for segments past the end of `recording`, or ending before they start.
    private func timingWarnings(_ transcript: Transcript, recording: RecordingImport.Stored?) throws -> [String] {
        let recordingMs = try recording.flatMap { recording in
            try archive.store.read { db in try IngestRecords.durationMs(ofRecording: recording.id, db) }
        }
        return transcript.tiers.flatMap { tier in
            SegmentTiming.warnings(tier: tier.name, spans: tier.annotations.map { SegmentTiming.Span(startMs: Int64($0.startMs), endMs: Int64($0.endMs)) },
                                   recordingMs: recordingMs)
        }
    }

    private func jsonArray(_ values: [String]) -> String? {
        guard !values.isEmpty, let data = try? JSONSerialization.data(withJSONObject: values, options: [.withoutEscapingSlashes]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
