import GRDB

/// Why a command would not show or cut a record: it is restricted, and the caller did not
/// ask to include restricted material. (Closed material is not found at all.)
public struct AccessError: Error, CustomStringConvertible, Equatable {
    /// `recording 5`, `session mx-koutou`.
    public var what: String

    public var description: String {
        "\(what) is restricted: add --include-restricted to show or cut it (and do not pass it on without permission)"
    }
}

extension AccessRules {
    /// The strictest condition in force among `conditions` (access, until), nil when all are
    /// open or have lapsed. A nil access (a recording inheriting its session's) counts as open.
    static func level(_ conditions: [(access: String?, until: String?)], today: String = CalendarDate.today()) -> AccessCondition.Level? {
        var strictest: AccessCondition.Level?
        for condition in conditions where !isOpen(access: condition.access, until: condition.until, today: today) {
            strictest = condition.access == "closed" ? .closed : (strictest ?? .restricted)
        }
        return strictest
    }

    /// The level that withholds one recording, nil when it is open.
    static func withholding(_ recording: Recording, _ db: StoreDatabase) throws -> AccessCondition.Level? {
        let session = try db.record(Session.self, id: recording.sessionId)
        return level([(session?.access, session?.accessUntil), (recording.access, recording.accessUntil)])
    }

    /// Refuses a record that is withheld and not asked for: a restricted one by name, a
    /// closed one as if it did not exist.
    static func check(_ level: AccessCondition.Level?, includeRestricted: Bool, what: String, id: String) throws {
        guard let level, !includeRestricted else { return }
        if level == .closed { throw ArchiveError.notFound(id: id) }
        throw AccessError(what: what)
    }

    /// A speaker as shown to whoever asks: in full when open (or included), else by id and
    /// role only, with the access condition that explains why.
    static func visible(_ speaker: Speaker, includeRestricted: Bool, today: String = CalendarDate.today()) -> Speaker {
        guard !includeRestricted, !isOpen(access: speaker.access, until: speaker.accessUntil, today: today) else { return speaker }
        var shown = Speaker(id: speaker.id, access: speaker.access)
        shown.role = speaker.role
        shown.accessUntil = speaker.accessUntil
        return shown
    }

    /// How an ingest message may name an archived recording: by `name` when it is open, else
    /// only by its access level, so that a warning never reveals what a closed recording is.
    static func nameInMessage(_ name: String, of recording: Recording, _ db: StoreDatabase) throws -> String {
        try withholding(recording, db)?.rawValue ?? name
    }

    /// A match as an ingest warning may name it (see `nameInMessage`).
    static func namedInMessage(_ match: AudioMatch, _ db: StoreDatabase) throws -> AudioMatch {
        guard let recording = try db.record(Recording.self, id: match.recordingId) else { return match }
        var named = match
        named.recordingFile = try nameInMessage(match.recordingFile, of: recording, db)
        return named
    }
}
