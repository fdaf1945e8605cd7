import Foundation

/// Transcripts an earlier ingest stored without their recording (it was missing, or failed),
/// paired once the recording arrives: after the recordings stage, each unpaired transcript is
/// matched against the recordings this ingest added, by the rule it was matched by at its own
/// ingest, and it and its segments are linked to the recording and filed under its session. Of
/// two such transcripts of the same name, the later one is a new revision of the earlier.
struct UnpairedTranscripts {
    let archive: Archive

    func pair(with recordings: [URL: RecordingImport.Stored], report: inout IngestReport) throws {
        let addedIds = Set(report.outcomes.filter { $0.kind == .recording && $0.status == .added }.compactMap(\.id))
        let added = recordings.filter { addedIds.contains($0.value.id) }
        guard !added.isEmpty else { return }
        let unpaired = try archive.store.read { db in try PairingRecords.unpaired(db) }
        for transcript in unpaired {
            let rule = TranscriptPairing(file: URL(fileURLWithPath: transcript.sourcePath), media: Self.media(transcript.media))
            guard let recording = rule.match(among: added), let transcriptId = transcript.id else { continue }
            let linked = try archive.store.write { db -> (warnings: [String], revision: IngestReport.Revision?)? in
                // A transcript of the same name paired before it (an earlier unpaired file) is its previous revision.
                let previous = try TranscriptRevision.current(named: transcript.originalName, recordingId: recording.id, db)
                guard try PairingRecords.pair(transcriptId: transcriptId, with: recording.id, db) else { return nil }
                if transcript.sessionId != recording.sessionId {
                    try Self.move(transcriptId: transcriptId, to: recording.sessionId, db)
                }
                let warnings = try Self.pastTheEnd(transcriptId: transcriptId, recordingId: recording.id, db)
                guard let previous else { return (warnings, nil) }
                let revision = TranscriptRevision(previous: previous)
                try TranscriptFile.setRevision(revision.nextRevision, of: transcriptId, db)
                let difference = try revision.replace(with: transcriptId, at: CalendarDate.timestamp(), db)
                return (warnings, IngestReport.Revision(file: transcript.sourcePath, transcriptId: transcriptId, revision: revision.nextRevision,
                                                        replacedTranscriptId: previous.id!, replacedRevision: previous.revision,
                                                        difference: difference))
            }
            guard let linked else { continue }
            report.paired.append(IngestReport.Pairing(transcriptId: transcriptId, transcript: transcript.sourcePath,
                                                      recordingId: recording.id, recording: recording.originalName))
            if let revision = linked.revision { report.revisions.append(revision) }
            for warning in linked.warnings { report.warn(transcript.sourcePath, warning) }
        }
    }

    /// Files the transcript under its recording's session, as a transcript ingested with its
    /// recording is: its segments' speakers and the session's tier kinds follow. The stored file
    /// stays where it is.
    private static func move(transcriptId: Int64, to sessionId: String, _ db: StoreDatabase) throws {
        try PairingRecords.file(transcriptId: transcriptId, under: sessionId, db)
        let speakers = try Speaker.speaking(in: sessionId, db)
        for participant in try PairingRecords.participants(ofTranscript: transcriptId, db) {
            try PairingRecords.setSpeaker(SegmentBuilder.speakerId(for: participant, among: speakers), of: participant,
                                          inTranscript: transcriptId, db)
        }
        for (tier, kind) in TierKind.parse(try IngestRecords.tierKinds(ofSession: sessionId, db)) {
            try PairingRecords.setKind(kind, ofTier: tier, inTranscript: transcriptId, db)
        }
    }

    /// Segments that end after the newly paired recording does (running backwards was
    /// reported when the transcript was taken in).
    private static func pastTheEnd(transcriptId: Int64, recordingId: Int64, _ db: StoreDatabase) throws -> [String] {
        let recordingMs = try IngestRecords.durationMs(ofRecording: recordingId, db)
        var tiers: [(name: String, spans: [SegmentTiming.Span])] = []
        for (name, span) in try PairingRecords.forwardSpans(ofTranscript: transcriptId, db) {
            if tiers.last?.name == name { tiers[tiers.count - 1].spans.append(span) } else { tiers.append((name, [span])) }
        }
        return tiers.flatMap { SegmentTiming.warnings(tier: $0.name, spans: $0.spans, recordingMs: recordingMs) }
    }

    private static func media(_ json: String?) -> [String] {
        guard let json, let values = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String] else { return [] }
        return values
    }
}
