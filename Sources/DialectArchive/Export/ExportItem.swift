/// One recording with everything an export describes about it.
public struct ExportItem {
    public var recording: Recording
    public var session: Session
    public var locality: Locality?
    public var speakers: [Speaker]
    /// The session's transcribers, translators and others with an OLAC role besides speaker and recorder.
    public var participants: [SessionParticipant]
    /// The current revision of each transcript.
    public var transcripts: [TranscriptFile]
    /// Earlier revisions, replaced by a corrected file; empty unless the export asks for them.
    public var replacedRevisions: [TranscriptFile]
    /// The effective access: the session's, or the recording's own when stricter.
    public var access: String
}

extension Archive {
    /// The recordings a request selects, with their links; restricted ones left out unless asked
    /// for, withdrawn ones always; transcripts in their current revision, the replaced ones too
    /// when asked for.
    func exportItems(_ request: ExportRequest) throws -> (items: [ExportItem], leftOut: Int) {
        var recordingIds: Set<Int64>?
        if let query = request.query {
            let hits = try search(query, limit: 1_000_000, counting: false, includeRestricted: true).hits
            recordingIds = Set(hits.compactMap(\.recordingId))
        }
        return try store.read { db in
            var items: [ExportItem] = []
            var leftOut = 0
            for recording in try ExportRecords.recordings(collection: request.collection, sessions: request.sessions, db) {
                if let ids = recordingIds, !ids.contains(recording.id!) { continue }
                let session = try db.record(Session.self, id: recording.sessionId)!
                let sessionOpen = AccessRules.isOpen(access: session.access, until: session.accessUntil)
                let recordingOpen = AccessRules.isOpen(access: recording.access, until: recording.accessUntil)
                let access = !sessionOpen ? session.access : (!recordingOpen ? recording.access ?? "open" : "open")
                if access != "open" && !request.includeRestricted { leftOut += 1; continue }
                items.append(ExportItem(
                    recording: recording, session: session,
                    locality: try session.localityId.flatMap { try db.record(Locality.self, id: $0) },
                    speakers: try Speaker.speaking(in: session.id, db),
                    participants: try SessionParticipant.others(in: session.id, db),
                    transcripts: try ExportRecords.transcripts(ofRecording: recording.id!, replaced: false, db),
                    replacedRevisions: request.allRevisions ? try ExportRecords.transcripts(ofRecording: recording.id!, replaced: true, db) : [],
                    access: access))
            }
            return (items, leftOut)
        }
    }
}

extension Speaker {
    /// The speaker as an export may show them: a restricted person by id, sex-less and role only.
    func shown(includeRestricted: Bool) -> Speaker {
        guard !includeRestricted, !AccessRules.isOpen(access: access, until: accessUntil) else { return self }
        var shown = Speaker(id: id, access: access)
        shown.role = role
        shown.localityId = localityId
        return shown
    }
}
