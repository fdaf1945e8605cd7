/// How access conditions are kept: the `access`, `access_until` and `access_reason` columns of
/// session, recording and speaker.
extension AccessCondition {
    /// An access condition as stored, where a recording's level may be nil (it inherits its session's).
    struct Stored {
        var level: Level?
        var until: String?
        var reason: String?
    }

    /// The condition stored on the record `key` of `kind`; nil when there is no such record.
    static func stored(_ kind: ChangeSet.RecordKind, _ key: any SQLValueConvertible, _ db: StoreDatabase) throws -> Stored? {
        guard let row = try db.row("SELECT access, access_until, access_reason FROM \(kind.table) WHERE id = ?", [key]) else { return nil }
        return Stored(level: (row[0] as String?).flatMap(Level.init(rawValue:)), until: row[1], reason: row[2])
    }

    /// Stores this condition on the record `key` of `kind`.
    func store(_ kind: ChangeSet.RecordKind, _ key: any SQLValueConvertible, _ db: StoreDatabase) throws {
        try db.execute("UPDATE \(kind.table) SET access = ?, access_until = ?, access_reason = ? WHERE id = ?",
                       [level.rawValue, until, reason, key])
    }
}
