import Foundation
import GRDB

extension Archive {
    /// Finds what an id names for an access change: a recording number, else a session, else a speaker.
    public func accessTarget(_ id: String) throws -> AccessTarget {
        try database.read { db in
            if let number = Int64(id), try Recording.exists(db, key: number) { return .recording(number) }
            if try Session.exists(db, key: id) { return .session(id) }
            if try Speaker.exists(db, key: id) { return .speaker(id) }
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
        try database.write { db in
            let table: String, key: DatabaseValueConvertible
            switch target {
            case .session(let id): table = "session"; key = id
            case .recording(let id): table = "recording"; key = id
            case .speaker(let id): table = "speaker"; key = id
            }
            guard let before = try Row.fetchOne(db, sql: "SELECT access, access_until, access_reason FROM \(table) WHERE id = ?", arguments: [key]) else {
                throw ArchiveError.notFound(id: "\(key)")
            }
            try db.execute(sql: "UPDATE \(table) SET access = ?, access_until = ?, access_reason = ? WHERE id = ?",
                           arguments: [condition.level.rawValue, condition.until, condition.reason, key])
            let was = [before[0] as String? ?? "inherited", (before[1] as String?).map { "until \($0)" }].compactMap { $0 }.joined(separator: " ")
            let now = [condition.level.rawValue, condition.until.map { "until \($0)" }].compactMap { $0 }.joined(separator: " ")
            var event = AuditEvent(kind: "edit", summary: "access of \(target): \(was) → \(now)", details: [
                "target": "\(target)", "field": "access", "before": was, "after": now,
                "reason": condition.reason ?? "",
            ])
            try event.append(db)
        }
    }
}
