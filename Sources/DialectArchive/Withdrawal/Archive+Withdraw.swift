import Foundation

/// What a withdrawal took out, and the files a purge deleted.
public struct WithdrawalReport: Encodable, Equatable {
    /// `session mx-koutou`, `recording 5`.
    public var target: String
    public var reason: String
    /// True when it had been withdrawn before and only its files were purged now.
    public var withdrawnBefore: Bool
    /// The recordings and transcripts withdrawn with it (a session's all).
    public var recordings: [Int64]
    public var transcripts: [Int64]
    /// Stored files deleted by `--purge`, relative to the archive, and their bytes.
    public var purgedFiles: [String]
    public var purgedBytes: Int64
    /// The audit event that records it.
    public var event: Int64
}

extension Archive {
    /// Withdraws a session (with its recordings and transcripts) or a recording (with its
    /// transcripts): they stay recorded, and `show` says when, by whom and why, but nothing
    /// finds, lists, matches or exports them any more. With `purge` the stored files are
    /// deleted too, only when `confirmed`; their rows and checksums stay. An audit event
    /// (`withdraw`, or `purge` for a record withdrawn before) is written before any file goes.
    ///
    /// ```swift
    /// try archive.withdraw("mx-koutou", reason: "the speaker withdrew consent")
    /// ```
    public func withdraw(_ id: String, reason: String?, purge: Bool = false, confirmed: Bool = false) throws -> WithdrawalReport {
        try requireWritable()
        guard let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
            throw WithdrawalError.noReason
        }
        defer { checkpoint() }
        let report = try store.write { db -> WithdrawalReport in
            let (table, key, what) = try Self.withdrawalTarget(id, db)
            let (recordings, transcripts) = try Withdrawal.members(of: table, key, db)
            let earlier = try Withdrawal.of(table, key, db)
            if let earlier {
                if let purged = earlier.purged { throw WithdrawalError.alreadyPurged(what: what, at: purged) }
                if !purge { throw WithdrawalError.alreadyWithdrawn(what: what, earlier) }
            }
            let files = purge ? try Withdrawal.unpurgedFiles(recordings: recordings, transcripts: transcripts, db) : []
            let bytes = files.reduce(0) { $0 + $1.size }
            if purge && !confirmed { throw WithdrawalError.purgeNeedsConfirmation(what: what, files: files.count, bytes: bytes) }

            var summary = earlier == nil
                ? "withdrew \(what) (\(recordings.count) recordings, \(transcripts.count) transcripts): \(reason)"
                : "purged the files of \(what), withdrawn on \(earlier!.at): \(reason)"
            if purge { summary += "; deleted \(files.count) stored files (\(bytes) bytes)" }
            var details: [String: Any] = ["target": what, "reason": reason, "recordings": recordings, "transcripts": transcripts]
            if purge { details["purged"] = ["files": files.map(\.path), "bytes": bytes, "checksums_kept": true] }
            var event = AuditEvent(kind: earlier == nil ? "withdraw" : "purge", summary: summary, details: details)
            var fields: [ChangeSet.FieldChange] = earlier != nil ? [] : [
                .init(field: "withdrawn_at", before: nil, after: event.at),
                .init(field: "withdrawn_by", before: nil, after: event.user),
                .init(field: "withdrawn_reason", before: nil, after: reason),
            ]
            if purge { fields.append(.init(field: "purged_at", before: nil, after: event.at)) }
            try event.append(db, changeSets: [ChangeSet(recordKind: table == "session" ? .session : .recording, recordId: "\(key)",
                                                        action: .changed, reason: reason, source: purge ? "withdraw --purge" : "withdraw",
                                                        fields: fields)])

            if earlier == nil {
                try Withdrawal.mark(table, key, recordings: recordings, transcripts: transcripts,
                                    at: event.at, by: event.user, reason: reason, db)
            }
            if purge {
                try Withdrawal.markPurged(table, key, recordings: recordings, transcripts: transcripts, at: event.at, db)
            }
            return WithdrawalReport(target: what, reason: reason, withdrawnBefore: earlier != nil, recordings: recordings, transcripts: transcripts,
                                    purgedFiles: files.map(\.path), purgedBytes: bytes, event: event.id!)
        }
        var notDeleted: [String] = []
        for path in report.purgedFiles {
            do {
                try FileManager.default.removeItem(at: absolute(path))
            } catch CocoaError.fileNoSuchFile {
                continue
            } catch {
                notDeleted.append("\(path) (\(error.localizedDescription))")
            }
        }
        if !notDeleted.isEmpty { throw WithdrawalError.filesNotDeleted(what: report.target, files: notDeleted) }
        return report
    }

    /// The table, key and name of what `id` names: a recording number, else a session id.
    private static func withdrawalTarget(_ id: String, _ db: StoreDatabase) throws -> (table: String, key: any SQLValueConvertible, what: String) {
        if let number = Int64(id), try db.record(Recording.self, id: number) != nil { return ("recording", number, "recording \(number)") }
        if try db.record(Session.self, id: id) != nil { return ("session", id, "session \(id)") }
        if try db.record(Speaker.self, id: id) != nil { throw WithdrawalError.notWithdrawable(id: id, kind: "speaker") }
        if try db.record(Locality.self, id: id) != nil { throw WithdrawalError.notWithdrawable(id: id, kind: "locality") }
        if try ArchiveCollection.exists(id, db) { throw WithdrawalError.notWithdrawable(id: id, kind: "collection") }
        throw ArchiveError.notFound(id: id)
    }
}
