
/// One page of the audit trail, newest first: the events `log --json` prints, narrowed by kind
/// and user, with how many events match in all.
public struct AuditLogPage: Encodable, Equatable, Sendable {
    /// The events matching the filters, on every page.
    public var total: Int
    public var offset: Int
    public var limit: Int
    public var kind: String?
    public var user: String?
    public var events: [AuditEvent]
}

/// Why a reader was refused something only some accounts may do, in the user's words.
public struct PermissionError: Error, CustomStringConvertible, Equatable {
    public var description: String
}

extension Reader {
    /// The owner, archivists and admins may read the audit trail and every record's history.
    public var maySeeAuditTrail: Bool {
        switch self {
        case .owner: return true
        case .anonymous: return false
        case .account(let account): return account.role != .researcher
        }
    }

    /// The owner and admins may add, remove, grant and revoke accounts.
    public var mayManageAccounts: Bool {
        switch self {
        case .owner: return true
        case .anonymous: return false
        case .account(let account): return account.role == .admin
        }
    }

    func requireAuditTrail() throws {
        guard maySeeAuditTrail else { throw PermissionError(description: "only archivists and admins may see the audit trail") }
    }

    func requireAccountManagement() throws {
        guard mayManageAccounts else { throw PermissionError(description: "only admins may manage accounts") }
    }
}

extension Archive {
    /// The most events one page holds.
    public static let auditLogPageLimit = 500

    /// A page of the audit trail, newest first, of events of `kind` (nil: any) that concern
    /// `user` (nil: anyone; see `AuditLogRecords.condition`), as `reader` may see it: only the
    /// owner, archivists and admins may (`PermissionError` otherwise).
    ///
    /// ```swift
    /// let page = try archive.auditLog(kind: "access", limit: 20, as: reader)
    /// print(page.total, page.events.map(\.summary))
    /// ```
    public func auditLog(kind: String? = nil, user: String? = nil, limit: Int = 50, offset: Int = 0, as reader: Reader) throws -> AuditLogPage {
        try reader.requireAuditTrail()
        let limit = min(max(limit, 1), Self.auditLogPageLimit), offset = max(offset, 0)
        return try store.read { db in
            AuditLogPage(total: try AuditLogRecords.count(kind: kind, user: user, db), offset: offset, limit: limit, kind: kind, user: user,
                         events: try AuditLogRecords.page(kind: kind, user: user, limit: limit, offset: offset, db))
        }
    }

    /// Every kind of event in the audit trail, for choosing one to show.
    public func auditEventKinds(as reader: Reader) throws -> [String] {
        try reader.requireAuditTrail()
        return try store.read { try AuditLogRecords.kinds($0) }
    }

    /// `checkAuditTrail()` as `reader` may ask it: only the owner, archivists and admins may.
    public func checkAuditTrail(as reader: Reader) throws -> AuditTrailReport {
        try reader.requireAuditTrail()
        return try checkAuditTrail()
    }

    /// `history(of:)` as `reader` may ask it: only the owner, archivists and admins may, and
    /// restricted and closed material is included when nothing is withheld from the reader.
    public func history(of id: String, as reader: Reader) throws -> RecordHistory {
        try reader.requireAuditTrail()
        return try history(of: id, includeRestricted: reader.seesEverything)
    }
}
