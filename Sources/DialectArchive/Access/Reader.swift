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
