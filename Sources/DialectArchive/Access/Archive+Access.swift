import Foundation

extension Archive {
    /// Finds what an id names for an access change: a recording number, else a session, else a speaker.
    public func accessTarget(_ id: String) throws -> AccessTarget {
        try store.read { db in
            if let number = Int64(id), try db.record(Recording.self, id: number) != nil { return .recording(number) }
            if try db.record(Session.self, id: id) != nil { return .session(id) }
            if try db.record(Speaker.self, id: id) != nil { return .speaker(id) }
            throw ArchiveError.notFound(id: id)
        }
    }

    /// Sets the access condition of a session, recording or speaker, recorded as an audit event
    /// with the condition it replaces.
    ///
    /// ```swift
    /// try archive.setAccess(.session("mx-koutou"), AccessCondition(level: .closed, until: "2030-01-01", reason: "family's wish"))
    /// ```
    public func setAccess(_ target: AccessTarget, _ condition: AccessCondition) throws {
        try requireWritable()
        defer { checkpoint() }
        try store.write { db in
            let kind: ChangeSet.RecordKind, key: any SQLValueConvertible
            switch target {
            case .session(let id): kind = .session; key = id
            case .recording(let id): kind = .recording; key = id
            case .speaker(let id): kind = .speaker; key = id
            }
            guard let before = try AccessCondition.stored(kind, key, db) else { throw ArchiveError.notFound(id: "\(key)") }
            try condition.store(kind, key, db)
            let was = [before.level?.rawValue ?? "inherited", before.until.map { "until \($0)" }].compactMap { $0 }.joined(separator: " ")
            let now = [condition.level.rawValue, condition.until.map { "until \($0)" }].compactMap { $0 }.joined(separator: " ")
            let change = ChangeSet(recordKind: kind, recordId: "\(key)", action: .changed, reason: condition.reason, source: "access set", fields: [
                .init(field: "access", before: before.level?.rawValue, after: condition.level.rawValue),
                .init(field: "access_until", before: before.until, after: condition.until),
                .init(field: "access_reason", before: before.reason, after: condition.reason),
            ].filter { $0.before != $0.after })
            var event = AuditEvent(kind: "edit", summary: "access of \(target): \(was) → \(now)", details: [
                "target": "\(target)", "field": "access", "before": was, "after": now,
                "reason": condition.reason ?? "",
            ])
            try event.append(db, changeSets: change.fields.isEmpty ? [] : [change])
        }
    }
}
