/// Whatever `show ID` finds: one record with the records it links to.
public enum ArchiveItem: Encodable {
    case recording(RecordingDetail)
    case session(SessionDetail)
    case speaker(Speaker)
    case locality(Locality)
    case collection(ArchiveCollection)

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .recording(let detail): try detail.encode(to: encoder)
        case .session(let detail): try detail.encode(to: encoder)
        case .speaker(let speaker): try Tagged(type: "speaker", value: speaker).encode(to: encoder)
        case .locality(let locality): try Tagged(type: "locality", value: locality).encode(to: encoder)
        case .collection(let collection): try Tagged(type: "collection", value: collection).encode(to: encoder)
        }
    }

    private struct Tagged<T: Encodable>: Encodable {
        var type: String
        var value: T
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(type, forKey: Key("type"))
            try container.encode(value, forKey: Key("record"))
        }
    }
}

/// A recording with its session, place, speakers and transcripts (tiers of segments).
public struct RecordingDetail: Encodable {
    public var type = "recording"
    public var recording: Recording
    public var session: Session
    public var locality: Locality?
    public var speakers: [Speaker]
    /// A withdrawn recording's transcripts are listed without their segments.
    public var transcripts: [TranscriptDetail]
    /// When, by whom and why it was withdrawn (with its session or on its own); nil when it was not.
    public var withdrawn: Withdrawal?
}

/// A transcript file with its segments, tier by tier (none once a later revision replaced it).
public struct TranscriptDetail: Encodable {
    public var file: TranscriptFile
    public var segments: [Segment]
    /// How many revisions of this file name the recording has.
    public var revisions: Int
}

/// A session with its place, participants and recordings.
public struct SessionDetail: Encodable {
    public var type = "session"
    public var session: Session
    public var locality: Locality?
    public var participants: [SessionParticipant]
    /// Its recordings not withdrawn; all of them when the session itself is withdrawn.
    public var recordings: [Recording]
    /// When, by whom and why it was withdrawn; nil when it was not.
    public var withdrawn: Withdrawal?
}

struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Archive {
    /// Finds a record by id: a recording number, or a session, speaker, locality or collection id.
    /// What `reader` may not see is withheld: a restricted recording or session is refused, a
    /// closed one is not found, a session lists only the recordings the reader may hear, and a
    /// restricted speaker is shown by id and role only unless the reader is granted a
    /// collection they were recorded for (`Reader`). An account's view of
    /// withheld material is an audit event unless `audited` is false (the caller records it).
    public func item(_ id: String, as reader: Reader, audited: Bool = true) throws -> ArchiveItem {
        let found = try store.read { db -> ArchiveItem in
            if let number = Int64(id), let recording = try db.record(Recording.self, id: number) {
                let session = try db.record(Session.self, id: recording.sessionId)
                try reader.check(AccessRules.level([(session?.access, session?.accessUntil), (recording.access, recording.accessUntil)]),
                                 collection: session?.collectionId, what: "recording \(number)", id: id)
                return .recording(try detail(of: recording, reader: reader, db))
            }
            if let session = try db.record(Session.self, id: id) {
                try reader.check(AccessRules.level([(session.access, session.accessUntil)]), collection: session.collectionId,
                                 what: "session \(id)", id: id)
                let withheld = try AccessRules.withheldRecordings(db).filter { !reader.mayRead($0.value, collection: session.collectionId) }
                let withdrawn = try Withdrawal.of("session", id, db)
                let gone: Set<Int64> = withdrawn == nil ? try Withdrawal.withdrawnRecordings(db) : []
                return .session(SessionDetail(
                    session: session,
                    locality: try session.localityId.flatMap { try db.record(Locality.self, id: $0) },
                    participants: try SessionParticipant.all(in: id, db),
                    recordings: try ItemRecords.recordings(ofSession: id, db).filter { withheld[$0.id!] == nil && !gone.contains($0.id!) },
                    withdrawn: withdrawn))
            }
            if let speaker = try db.record(Speaker.self, id: id) {
                return .speaker(AccessRules.visible(speaker, reader: reader, recordedFor: try Speaker.collections(of: speaker.id, db)))
            }
            if let locality = try db.record(Locality.self, id: id) { return .locality(locality) }
            if let collection = try db.record(ArchiveCollection.self, id: id) { return .collection(collection) }
            throw ArchiveError.notFound(id: id)
        }
        guard audited else { return found }
        switch found {
        case .recording(let detail):
            try noteAccess(by: reader, recordings: [detail.recording.id!], speakers: detail.speakers.map(\.id), what: "view of recording \(id)")
        case .session(let detail): try noteAccess(by: reader, sessions: [detail.session.id], what: "view of session \(id)")
        case .speaker(let speaker):
            try noteAccess(by: reader, speakers: [speaker.id], what: "view of speaker \(id)")
        default: break
        }
        return found
    }

    private func detail(of recording: Recording, reader: Reader, _ db: StoreDatabase) throws -> RecordingDetail {
        let session = try db.record(Session.self, id: recording.sessionId)!
        let withdrawn = try Withdrawal.of("recording", recording.id!, db)
        let transcripts = try ItemRecords.transcripts(ofRecording: recording.id!, withdrawnToo: withdrawn != nil, db)
        return RecordingDetail(
            recording: recording, session: session,
            locality: try session.localityId.flatMap { try db.record(Locality.self, id: $0) },
            speakers: try Speaker.speaking(in: session.id, db).map { AccessRules.visible($0, reader: reader, collection: session.collectionId) },
            transcripts: try Self.revisionsCounted(transcripts).map { file, revisions in
                TranscriptDetail(file: file, segments: withdrawn != nil ? [] : try ItemRecords.segments(of: file.id!, db), revisions: revisions)
            },
            withdrawn: withdrawn)
    }

    /// Each file with the number of revisions of its name among `files`.
    private static func revisionsCounted(_ files: [TranscriptFile]) -> [(TranscriptFile, Int)] {
        let latest = Dictionary(files.map { ($0.originalName, $0.revision) }, uniquingKeysWith: max)
        return files.map { ($0, latest[$0.originalName] ?? $0.revision) }
    }
}
