import Foundation

/// The entries that audit events other than ingests add: fixity checks, exports, withdrawals.
extension HistoryTimeline {
    /// Each `verify` after the recording was stored, with what it found of each of its files
    /// stored by then: missing, altered, unreadable or read differently when the event lists the
    /// file's path, purged when deleted before, else intact (or not due, when the check skipped
    /// files verified recently).
    mutating func addFixityChecks(of recording: Recording, transcripts: [TranscriptFile]) throws {
        let number = recording.id!
        typealias Stored = (path: String, sha256: String, ingestedAt: String, purgedAt: String?)
        var files: [Stored] = [(recording.storedPath, recording.sha256, recording.ingestedAt,
                                try HistoryRecords.purgedAt("recording", number, db))]
        for file in transcripts {
            files.append((file.storedPath, file.sha256, file.ingestedAt, try HistoryRecords.purgedAt("transcript", file.id!, db)))
        }
        let severity = ["missing", "altered", "unreadable", "read differently", "intact, or not due", "intact"]
        for event in events where event.kind == "verify" && event.at >= recording.ingestedAt {
            let listed: [(String, Set<String>)] = [("missing", Set(event.texts("missing"))), ("altered", Set(event.texts("altered"))),
                                                   ("unreadable", Set(event.texts("unreadable"))),
                                                   ("read differently", Set(event.texts("changed_parses")))]
            let unlisted = (event.number("skipped") ?? 0) > 0 ? "intact, or not due" : "intact"
            let checked = files.filter { $0.ingestedAt <= event.at && !($0.purgedAt.map { $0 <= event.at } ?? false) }
            guard !checked.isEmpty else { continue }
            let outcomes = checked.map { file in
                HistoryEntry.File(path: file.path, sha256: file.sha256,
                                  outcome: listed.first { $0.1.contains(file.path) }?.0 ?? unlisted)
            }
            let outcome = severity.first { level in outcomes.contains { $0.outcome == level } } ?? "intact"
            let damaged = outcomes.filter { $0.outcome != unlisted }.map { "\($0.outcome!): \($0.path)" }
            add(HistoryEntry(kind: .fixityCheck, at: event.at, user: event.event.user, event: event.id, record: "recording \(number)",
                             summary: "fixity check of \(checked.count) files: " + (damaged.isEmpty ? outcome : damaged.joined(separator: "; ")),
                             outcome: outcome, files: outcomes))
        }
    }

    /// Whether an export whose event predates its list of recordings took in a session: by
    /// the collection or sessions it selected; one selected by a search cannot be told.
    private static func selects(_ event: LoggedEvent, _ session: Session) -> Bool {
        let selection = event.details["selection"] as? [String: Any] ?? [:]
        if selection["query"] != nil { return false }
        if let sessions = selection["sessions"] as? [String], !sessions.isEmpty { return sessions.contains(session.id) }
        if let collection = selection["collection"] as? String { return collection == session.collectionId }
        return true
    }

    private mutating func addExport(_ event: LoggedEvent, record: String, fromSelection: Bool) {
        let format = event.text("format") ?? "?", out = event.text("out") ?? "?"
        add(HistoryEntry(kind: .exported, at: event.at, user: event.event.user, event: event.id, record: record,
                         summary: "exported as \(format) to \(out)" + (fromSelection ? " (by the selection the export recorded)" : ""),
                         source: out))
    }

    /// Each export that included the recording.
    mutating func addExports(of recording: Recording, in session: Session?) throws {
        let number = recording.id!
        let withdrawnAt = try [Withdrawal.of("recording", number, db)?.at, session.flatMap { try Withdrawal.of("session", $0.id, db)?.at }]
            .compactMap { $0 }.min()
        for event in events where event.kind == "export" && event.at >= recording.ingestedAt {
            if let included = event.ids("recording_ids") {
                if included.contains(number) { addExport(event, record: "recording \(number)", fromSelection: false) }
            } else if let session, Self.selects(event, session), withdrawnAt.map({ $0 > event.at }) ?? true {
                addExport(event, record: "recording \(number)", fromSelection: true)
            }
        }
    }

    /// Each export that included recordings of the session.
    mutating func addExports(of session: Session) {
        for event in events where event.kind == "export" {
            if let included = event.details["session_ids"] as? [String] {
                if included.contains(session.id) { addExport(event, record: "session \(session.id)", fromSelection: false) }
            } else if Self.selects(event, session) {
                addExport(event, record: "session \(session.id)", fromSelection: true)
            }
        }
    }

    /// The withdrawal and purge of the recording, on its own or with its session (with
    /// `onItsOwnOnly`, only on its own, for a session's history that lists its own).
    mutating func addWithdrawals(of recording: Recording, onItsOwnOnly: Bool = false) throws {
        let number = recording.id!, record = "recording \(number)"
        let found = events.filter { ["withdraw", "purge"].contains($0.kind) && $0.ids("recordings")?.contains(number) == true }
        for event in found where !onItsOwnOnly || event.text("target") == record { addWithdrawal(event, record: record) }
        if found.isEmpty, let withdrawal = try Withdrawal.of("recording", number, db) { addWithdrawal(withdrawal, record: record) }
    }

    /// The withdrawal and purge of the session.
    mutating func addWithdrawals(of session: Session) throws {
        let record = "session \(session.id)"
        let found = events.filter { ["withdraw", "purge"].contains($0.kind) && $0.text("target") == record }
        for event in found { addWithdrawal(event, record: record) }
        if found.isEmpty, let withdrawal = try Withdrawal.of("session", session.id, db) { addWithdrawal(withdrawal, record: record) }
    }

    private mutating func addWithdrawal(_ event: LoggedEvent, record: String) {
        let target = event.text("target") ?? record, reason = event.text("reason")
        let with = target == record ? "" : " with \(target)"
        let purged = (event.details["purged"] as? [String: Any])?["files"] as? [String]
        if event.kind == "withdraw" {
            add(HistoryEntry(kind: .withdrawn, at: event.at, user: event.event.user, event: event.id, record: record,
                             summary: "\(record) withdrawn\(with): \(reason ?? "")", reason: reason))
        }
        if let purged {
            add(HistoryEntry(kind: .purged, at: event.at, user: event.event.user, event: event.id, record: record,
                             summary: "\(record)'s stored files deleted\(with) (\(purged.count) files of \(target)), checksums kept",
                             reason: reason))
        }
    }

    /// A withdrawal known only from the record's own columns.
    private mutating func addWithdrawal(_ withdrawal: Withdrawal, record: String) {
        add(HistoryEntry(kind: .withdrawn, at: withdrawal.at, user: withdrawal.by, record: record,
                         summary: "\(record) withdrawn: \(withdrawal.reason)", reason: withdrawal.reason))
        if let purged = withdrawal.purged {
            add(HistoryEntry(kind: .purged, at: purged, user: withdrawal.by, record: record,
                             summary: "\(record)'s stored files deleted, checksums kept", reason: withdrawal.reason))
        }
    }
}
