import Foundation
import GRDB

/// An account as `user list` shows it (never its password hash).
public struct Account: Codable, Equatable, Sendable {
    public var name: String
    public var role: AccountRole
    public var createdAt: String
    /// The collections whose restricted material a researcher may see.
    public var collections: [String]
}

/// The SQL of accounts, grants, web logins and failed login attempts. Logins are stored in
/// the database (as hashes of their tokens) so that every server process over the archive
/// knows them.
enum AccountRecords {
    static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE account (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL CHECK (role IN ('researcher', 'archivist', 'admin')),
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL);
            CREATE TABLE account_grant (
                account_name TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                collection_id TEXT NOT NULL REFERENCES collection(id),
                granted_at TEXT NOT NULL,
                PRIMARY KEY (account_name, collection_id));
            CREATE TABLE web_login (
                token_hash TEXT PRIMARY KEY,
                account_name TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                csrf_token TEXT NOT NULL);
            CREATE TABLE failed_login (
                account_name TEXT NOT NULL,
                address TEXT,
                at TEXT NOT NULL);
            CREATE INDEX failed_login_at ON failed_login(at);
            """)
    }

    static func exists(_ name: String, _ db: StoreDatabase) throws -> Bool {
        try db.value("SELECT EXISTS (SELECT 1 FROM account WHERE name = ?)", [name], as: Bool.self) ?? false
    }

    static func insert(_ name: String, role: AccountRole, passwordHash: String, _ db: StoreDatabase) throws {
        try db.execute("INSERT INTO account (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                       [name, role.rawValue, passwordHash, CalendarDate.timestamp()])
    }

    static func delete(_ name: String, _ db: StoreDatabase) throws {
        try db.execute("DELETE FROM account WHERE name = ?", [name])
    }

    static func grant(_ name: String, _ collection: String, _ db: StoreDatabase) throws {
        try db.execute("INSERT INTO account_grant (account_name, collection_id, granted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                       [name, collection, CalendarDate.timestamp()])
    }

    /// Deletes a grant; false when there was none.
    static func revoke(_ name: String, _ collection: String, _ db: StoreDatabase) throws -> Bool {
        try db.execute("DELETE FROM account_grant WHERE account_name = ? AND collection_id = ?", [name, collection]) > 0
    }

    static func all(_ db: StoreDatabase) throws -> [Account] {
        try db.rows("SELECT name, role, created_at FROM account ORDER BY name").map { row in
            Account(name: row[0], role: AccountRole(rawValue: row[1]) ?? .researcher, createdAt: row[2],
                    collections: try collections(of: row[0], db))
        }
    }

    static func collections(of name: String, _ db: StoreDatabase) throws -> [String] {
        try db.values("SELECT collection_id FROM account_grant WHERE account_name = ? ORDER BY collection_id", [name])
    }

    /// The role and password hash of an account, nil when there is none of that name.
    static func credentials(_ name: String, _ db: StoreDatabase) throws -> (role: AccountRole, passwordHash: String)? {
        try db.row("SELECT role, password_hash FROM account WHERE name = ?", [name]).map {
            (AccountRole(rawValue: $0[0]) ?? .researcher, $0[1])
        }
    }

    /// Failed logins since `since` for this name or from this address (when it is known).
    static func failures(name: String, address: String?, since: String, _ db: StoreDatabase) throws -> Int {
        try db.value("SELECT count(*) FROM failed_login WHERE at >= ? AND (account_name = ? OR address = ?)",
                         [since, name, address], as: Int.self) ?? 0
    }

    static func addFailure(name: String, address: String?, _ db: StoreDatabase) throws {
        try db.execute("DELETE FROM failed_login WHERE at < ?", [CalendarDate.timestamp(Date().addingTimeInterval(-86_400))])
        try db.execute("INSERT INTO failed_login (account_name, address, at) VALUES (?, ?, ?)",
                       [name, address, CalendarDate.timestamp()])
    }

    static func insertLogin(tokenHash: String, name: String, expires: String, csrfToken: String, _ db: StoreDatabase) throws {
        try db.execute("DELETE FROM web_login WHERE expires_at < ?", [CalendarDate.timestamp()])
        try db.execute("INSERT INTO web_login (token_hash, account_name, created_at, expires_at, csrf_token) VALUES (?, ?, ?, ?, ?)",
                       [tokenHash, name, CalendarDate.timestamp(), expires, csrfToken])
    }

    /// The account and CSRF token of a login not yet expired.
    static func login(tokenHash: String, _ db: StoreDatabase) throws -> (name: String, role: AccountRole, csrfToken: String)? {
        try db.row("""
            SELECT a.name, a.role, w.csrf_token FROM web_login w JOIN account a ON a.name = w.account_name
            WHERE w.token_hash = ? AND w.expires_at > ?
            """, [tokenHash, CalendarDate.timestamp()]).map {
            ($0[0], AccountRole(rawValue: $0[1]) ?? .researcher, $0[2])
        }
    }

    static func deleteLogin(tokenHash: String, _ db: StoreDatabase) throws {
        try db.execute("DELETE FROM web_login WHERE token_hash = ?", [tokenHash])
    }
}
