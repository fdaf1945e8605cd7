extension Archive {
    /// The whole history of a record, oldest first: a recording number, or a session, speaker,
    /// locality or collection id, as `show` takes them. A recording's history has the ingest
    /// that stored it, its change sets and access changes, its transcripts and their revisions,
    /// every fixity check of its files, the exports that included it and its withdrawal; a
    /// session's has its own change sets, exports and withdrawal and its recordings' creation
    /// and withdrawal; a speaker's, locality's or collection's, its change sets.
    ///
    /// Restricted material is treated as `show` treats it: unless `includeRestricted`, a
    /// restricted recording or session is refused, a closed one is not found, a session's
    /// history leaves out its withheld recordings, and a restricted speaker's changes show
    /// which fields changed but only the values `show` would show.
    ///
    /// ```swift
    /// for entry in try archive.history(of: "5").entries { print(entry.at, entry.summary) }
    /// ```
    public func history(of id: String, includeRestricted: Bool = false) throws -> RecordHistory {
        try store.read { db in
            if let number = Int64(id), let recording = try db.record(Recording.self, id: number) {
                let session = try db.record(Session.self, id: recording.sessionId)
                try AccessRules.check(AccessRules.level([(session?.access, session?.accessUntil), (recording.access, recording.accessUntil)]),
                                      includeRestricted: includeRestricted, what: "recording \(number)", id: id)
                return RecordHistory(kind: "recording", id: id, entries: try Self.history(of: recording, db))
            }
            if let session = try db.record(Session.self, id: id) {
                try AccessRules.check(AccessRules.level([(session.access, session.accessUntil)]), includeRestricted: includeRestricted,
                                      what: "session \(id)", id: id)
                return RecordHistory(kind: "session", id: id, entries: try Self.history(of: session, includeRestricted: includeRestricted, db))
            }
            if let speaker = try db.record(Speaker.self, id: id) {
                var timeline = HistoryTimeline(db: db, events: [])
                let open = includeRestricted || AccessRules.isOpen(access: speaker.access, until: speaker.accessUntil)
                try timeline.addChangeSets(.speaker, id, shownFields: open ? nil : ["role", "access", "access_until"])
                return RecordHistory(kind: "speaker", id: id, entries: timeline.sorted)
            }
            if try db.record(Locality.self, id: id) != nil {
                var timeline = HistoryTimeline(db: db, events: [])
                try timeline.addChangeSets(.locality, id)
                return RecordHistory(kind: "locality", id: id, entries: timeline.sorted)
            }
            if let collection = try db.record(ArchiveCollection.self, id: id) {
                var timeline = HistoryTimeline(db: db, events: try HistoryRecords.events(since: collection.createdAt, db))
                try timeline.addChangeSets(.collection, id)
                timeline.addCreation(of: collection)
                return RecordHistory(kind: "collection", id: id, entries: timeline.sorted)
            }
            throw ArchiveError.notFound(id: id)
        }
    }

    /// A recording's entries: what `history(of:)` describes for a recording number.
    static func history(of recording: Recording, _ db: StoreDatabase) throws -> [HistoryEntry] {
        let number = recording.id!
        let transcripts = try HistoryRecords.transcripts(ofRecording: number, db)
        let since = ([recording.ingestedAt] + transcripts.map(\.ingestedAt)).min()!
        var timeline = HistoryTimeline(db: db, events: try HistoryRecords.events(since: since, db))
        timeline.addCreation(of: recording)
        try timeline.addChangeSets(.recording, String(number))
        timeline.addTranscripts(transcripts)
        try timeline.addFixityChecks(of: recording, transcripts: transcripts)
        try timeline.addExports(of: recording, in: try db.record(Session.self, id: recording.sessionId))
        try timeline.addWithdrawals(of: recording)
        return timeline.sorted
    }

    /// A session's entries: its own change sets, exports and withdrawal, and the creation and
    /// withdrawal of each of its recordings that may be shown.
    private static func history(of session: Session, includeRestricted: Bool, _ db: StoreDatabase) throws -> [HistoryEntry] {
        let withheld: [Int64: AccessCondition.Level] = includeRestricted ? [:] : try AccessRules.withheldRecordings(db)
        let recordings = try HistoryRecords.recordings(ofSession: session.id, db).filter { withheld[$0.id!] == nil }
        var timeline = HistoryTimeline(db: db, events: try HistoryRecords.events(since: recordings.map(\.ingestedAt).min() ?? "", db))
        try timeline.addChangeSets(.session, session.id)
        for recording in recordings {
            timeline.addCreation(of: recording)
            try timeline.addWithdrawals(of: recording, onItsOwnOnly: true)
        }
        timeline.addExports(of: session)
        try timeline.addWithdrawals(of: session)
        return timeline.sorted
    }
}
