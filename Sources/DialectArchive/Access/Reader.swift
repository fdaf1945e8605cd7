import Foundation

/// Whoever asks the archive something: its owner at the command line, an anonymous web
/// visitor, or an account. Every read decides what may be shown through `mayRead` and
/// `recordingCondition`, so that the rules live here and nowhere else.
public enum Reader: Sendable, Equatable {
    /// The CLI on the machine that holds the archive: restricted and closed material only with `--include-restricted`.
    case owner(includeRestricted: Bool)
    /// A web visitor who has not logged in: open material only.
    case anonymous
    /// A logged-in account.
    case account(AccountReader)

    /// True when nothing is withheld from this reader.
    public var seesEverything: Bool {
        switch self {
        case .owner(let includeRestricted): return includeRestricted
        case .anonymous: return false
        case .account(let account): return account.role != .researcher
        }
    }

    /// The collections whose restricted (not closed) material this reader may see besides open material.
    var grantedCollections: Set<String> {
        if case .account(let account) = self, account.role == .researcher { return account.collections }
        return []
    }

    /// The account asking, nil for the owner and anonymous visitors.
    public var account: AccountReader? {
        if case .account(let account) = self { return account }
        return nil
    }

    /// Whether material withheld at `level` (nil: open) in `collection` may be shown.
    func mayRead(_ level: AccessCondition.Level?, collection: String?) -> Bool {
        guard let level, level != .open, !seesEverything else { return true }
        return level == .restricted && collection.map(grantedCollections.contains) == true
    }

    /// Refuses what may not be shown: a restricted record by name, a closed one (or one of a
    /// collection not granted, when closed) as if it did not exist.
    func check(_ level: AccessCondition.Level?, collection: String?, what: String, id: String) throws {
        guard !mayRead(level, collection: collection), let level else { return }
        if level == .closed { throw ArchiveError.notFound(id: id) }
        throw AccessError(what: what)
    }

    /// SQL true for the recordings (aliased `r`) of sessions (aliased `se`) this reader may
    /// hear and read; nil when nothing is withheld.
    var recordingCondition: String? {
        if seesEverything { return nil }
        guard !grantedCollections.isEmpty else { return AccessRules.openRecording }
        return "((\(AccessRules.openRecording)) OR (\(grantedSQL) AND \(["se", "r"].map(Self.notClosed).joined(separator: " AND "))))"
    }

    /// SQL true for the sessions (aliased `se`) this reader may see, whatever their
    /// recordings' own conditions; nil when nothing is withheld.
    var sessionCondition: String? {
        if seesEverything { return nil }
        guard !grantedCollections.isEmpty else { return AccessRules.isOpen("se") }
        return "(\(AccessRules.isOpen("se")) OR (\(grantedSQL) AND \(Self.notClosed("se"))))"
    }

    /// SQL true when the session aliased `se` is in one of the granted collections.
    private var grantedSQL: String {
        let list = grantedCollections.sorted().map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",")
        return "se.collection_id IN (\(list))"
    }

    /// SQL true when the row aliased `alias` is not closed (or its closure has lapsed).
    private static func notClosed(_ alias: String) -> String {
        "NOT (\(alias).access IS 'closed' AND NOT (\(alias).access_until IS NOT NULL AND \(alias).access_until < date('now')))"
    }

    /// How the audit trail names this reader.
    var auditName: String {
        switch self {
        case .owner: return "owner"
        case .anonymous: return "anonymous"
        case .account(let account): return "account \(account.name) (\(account.role.rawValue))"
        }
    }
}

/// An account as it asks: its name, role, granted collections, and the address it asks from.
public struct AccountReader: Sendable, Equatable {
    public var name: String
    public var role: AccountRole
    public var collections: Set<String>
    /// The network address the request came from, for the audit trail.
    public var address: String?

    public init(name: String, role: AccountRole, collections: Set<String> = [], address: String? = nil) {
        self.name = name
        self.role = role
        self.collections = collections
        self.address = address
    }
}

/// What an account may do: a researcher sees open material and the restricted material of
/// collections granted to them; an archivist everything; an admin also manages accounts.
public enum AccountRole: String, Sendable, CaseIterable, Codable {
    case researcher, archivist, admin
}
