import Crypto
import Foundation
import GRDB
import HummingbirdBcrypt

/// Why an account command or a login was refused, in the user's words.
public struct AccountError: Error, CustomStringConvertible, Equatable {
    public var description: String
    /// True when the login was refused for too many failed attempts, not for this password.
    public var throttled = false

    init(_ description: String, throttled: Bool = false) {
        self.description = description
        self.throttled = throttled
    }
}

extension AccountRole {
    /// The role named `name`, or an error saying which names there are.
    public init(named name: String) throws {
        guard let role = AccountRole(rawValue: name) else {
            throw AccountError("the role must be researcher, archivist or admin, not '\(name)'")
        }
        self = role
    }
}

/// A web login: the token its cookie carries (stored only as a hash), the token every form
/// that changes something must carry, and who logged in.
public struct WebLogin: Sendable {
    public var token: String
    public var csrfToken: String
    public var reader: Reader
}

extension Archive {
    /// Failed logins for one name or from one address within `throttleWindow` after which
    /// logins are refused until the window has passed.
    public static let allowedFailedLogins = 5
    public static let throttleWindow: TimeInterval = 600
    /// How long a login lasts.
    public static let loginLifetime: TimeInterval = 12 * 3600

    /// Adds an account with a bcrypt hash of its password; an audit event (`account`). Only
    /// the owner and admins may (see `accountEvent` for how the event names an admin).
    public func addAccount(_ name: String, role: AccountRole, password: String, as reader: Reader = .owner(includeRestricted: false)) throws {
        try reader.requireAccountManagement()
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@".contains($0) }) else {
            throw AccountError("account names are 1 to 64 letters, digits and - _ . @, not '\(name)'")
        }
        guard password.count >= 8 else { throw AccountError("the password of \(name) must have at least 8 characters") }
        try requireWritable()
        let hash = Bcrypt.hash(password, cost: 10)
        try store.write { db in
            guard try !AccountRecords.exists(name, db) else { throw AccountError("there is already an account named \(name)") }
            try AccountRecords.insert(name, role: role, passwordHash: hash, db)
            try Self.accountEvent("account \(name) added as \(role.rawValue)",
                                  ["account": name, "action": "add", "role": role.rawValue], by: reader, db)
        }
        checkpoint()
    }

    /// Every account with its role and granted collections.
    public func accounts() throws -> [Account] {
        try store.read { try AccountRecords.all($0) }
    }

    /// `accounts()` as `reader` may ask it: only the owner and admins may.
    public func accounts(as reader: Reader) throws -> [Account] {
        try reader.requireAccountManagement()
        return try accounts()
    }

    /// Removes an account, its grants and its logins; an audit event.
    public func removeAccount(_ name: String, as reader: Reader = .owner(includeRestricted: false)) throws {
        try reader.requireAccountManagement()
        try requireWritable()
        try store.write { db in
            guard try AccountRecords.exists(name, db) else { throw AccountError("there is no account named \(name)") }
            try AccountRecords.delete(name, db)
            try Self.accountEvent("account \(name) removed", ["account": name, "action": "remove"], by: reader, db)
        }
        checkpoint()
    }

    /// Lets an account see the restricted material of a collection; an audit event.
    public func grant(_ name: String, collection: String, as reader: Reader = .owner(includeRestricted: false)) throws {
        try reader.requireAccountManagement()
        try requireWritable()
        try store.write { db in
            guard try AccountRecords.exists(name, db) else { throw AccountError("there is no account named \(name)") }
            guard try ArchiveCollection.exists(collection, db) else {
                throw AccountError("there is no collection '\(collection)' in the archive")
            }
            try AccountRecords.grant(name, collection, db)
            try Self.accountEvent("account \(name) granted collection \(collection)",
                                  ["account": name, "action": "grant", "collection": collection], by: reader, db)
        }
        checkpoint()
    }

    /// Takes back a grant: the account no longer sees the restricted material of the collection
    /// (logins open now included, as each request reads the grants afresh); an audit event.
    public func revoke(_ name: String, collection: String, as reader: Reader = .owner(includeRestricted: false)) throws {
        try reader.requireAccountManagement()
        try requireWritable()
        try store.write { db in
            guard try AccountRecords.exists(name, db) else { throw AccountError("there is no account named \(name)") }
            guard try AccountRecords.revoke(name, collection, db) else {
                throw AccountError("account \(name) has no grant of collection '\(collection)'")
            }
            try Self.accountEvent("account \(name) no longer granted collection \(collection)",
                                  ["account": name, "action": "revoke", "collection": collection], by: reader, db)
        }
        checkpoint()
    }

    /// The `account` audit event of a change to accounts. A change an admin makes over the web
    /// also names the admin (`by`) and the address they asked from, as the operating-system
    /// user recorded with every event is then the server's.
    private static func accountEvent(_ summary: String, _ details: [String: Any], by reader: Reader, _ db: StoreDatabase) throws {
        var summary = summary, details = details
        if let admin = reader.account {
            summary += " by \(reader.auditName)" + (admin.address.map { " from \($0)" } ?? "")
            details["by"] = admin.name
            details["address"] = admin.address ?? ""
        }
        var event = AuditEvent(kind: "account", summary: summary, details: details)
        try event.append(db)
    }

    /// Checks a password and opens a login. After `allowedFailedLogins` failures for the name
    /// or from the address within `throttleWindow`, refuses without checking (`throttled`).
    public func logIn(_ name: String, password: String, address: String?) throws -> WebLogin {
        try requireWritable()
        let since = CalendarDate.timestamp(Date().addingTimeInterval(-Self.throttleWindow))
        let (failures, credentials) = try store.read { db in
            (try AccountRecords.failures(name: name, address: address, since: since, db), try AccountRecords.credentials(name, db))
        }
        guard failures < Self.allowedFailedLogins else {
            throw AccountError("too many failed logins: try again in \(Int(Self.throttleWindow / 60)) minutes", throttled: true)
        }
        guard let credentials, Bcrypt.verify(password, hash: credentials.passwordHash) else {
            try store.write { try AccountRecords.addFailure(name: name, address: address, $0) }
            throw AccountError("the name or the password is wrong")
        }
        let token = Self.randomToken(), csrf = Self.randomToken()
        try store.write { db in
            try AccountRecords.insertLogin(tokenHash: Self.tokenHash(token), name: name,
                                           expires: CalendarDate.timestamp(Date().addingTimeInterval(Self.loginLifetime)), csrfToken: csrf, db)
        }
        let reader = try self.reader(name: name, role: credentials.role, address: address)
        return WebLogin(token: token, csrfToken: csrf, reader: reader)
    }

    /// The login a cookie's token belongs to, nil when there is none or it has expired.
    public func login(token: String, address: String?) throws -> WebLogin? {
        guard let found = try store.read({ try AccountRecords.login(tokenHash: Self.tokenHash(token), $0) }) else { return nil }
        return WebLogin(token: token, csrfToken: found.csrfToken, reader: try reader(name: found.name, role: found.role, address: address))
    }

    /// Ends a login.
    public func logOut(token: String) throws {
        try requireWritable()
        try store.write { try AccountRecords.deleteLogin(tokenHash: Self.tokenHash(token), $0) }
    }

    private func reader(name: String, role: AccountRole, address: String?) throws -> Reader {
        let collections = try store.read { try AccountRecords.collections(of: name, $0) }
        return .account(AccountReader(name: name, role: role, collections: Set(collections), address: address))
    }

    /// 32 random bytes as hex.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
