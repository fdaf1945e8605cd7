import Foundation

/// Where a PostgreSQL database is, read from the address an institution's IT department gives
/// (the libpq form): `postgres://USER:PASSWORD@HOST:PORT/DATABASE`, or over a Unix socket
/// `postgres://USER@/DATABASE?host=/run/postgresql` (the socket folder, as `psql -h` takes it).
///
/// ```swift
/// let address = try PostgresAddress("postgres://archive@/dialects?host=/tmp/pg")
/// address.socketPath   // "/tmp/pg/.s.PGSQL.5432"
/// ```
public struct PostgresAddress: Equatable, Sendable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var database: String
    /// The server's host name, when it is reached over TCP.
    public var host: String?
    public var port: Int
    /// The Unix socket's path, when it is reached through one.
    public var socketPath: String?

    /// The socket folder that Debian's PostgreSQL uses when the address names no host.
    static let defaultSocketFolder = "/var/run/postgresql"

    public init(_ text: String) throws {
        func refuse(_ reason: String) -> PostgresAddressError { PostgresAddressError(address: Self.hidingPassword(text), reason: reason) }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else {
            throw refuse("not a PostgreSQL address: it must start with postgres:// (e.g. postgres://archive@db.example.org/dialects)")
        }
        var options: [String: String] = [:]
        for item in components.queryItems ?? [] { options[item.name] = item.value ?? "" }
        for name in options.keys where !["host", "port", "user", "password", "dbname", "sslmode"].contains(name) {
            throw refuse("the option '\(name)' is not understood (host, port, user, password, dbname and sslmode are)")
        }
        if let mode = options["sslmode"], !["disable", "allow", "prefer"].contains(mode) {
            throw refuse("sslmode=\(mode) is not supported: connect through a Unix socket, or a TLS tunnel on the database machine")
        }
        let user = options["user"] ?? components.user.flatMap { $0.removingPercentEncoding }
            ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        guard !user.isEmpty else { throw refuse("the user name is empty") }
        self.user = user
        password = options["password"] ?? components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = options["dbname"] ?? (path.isEmpty ? user : (path.removingPercentEncoding ?? path))
        guard !database.contains("/") else { throw refuse("'\(database)' is not a database name") }
        if let portText = options["port"] ?? components.port.map(String.init) {
            guard let port = Int(portText), (1...65535).contains(port) else { throw refuse("'\(portText)' is not a port number") }
            self.port = port
        } else {
            port = 5432
        }
        let hostOption = options["host"] ?? components.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
        if let hostOption, !hostOption.hasPrefix("/") {
            host = hostOption
            socketPath = nil
        } else {
            host = nil
            socketPath = (hostOption ?? Self.defaultSocketFolder) + "/.s.PGSQL.\(port)"
        }
    }

    /// The address as given, with any password replaced by `***`, for messages and logs.
    public var description: String {
        var text = "postgres://" + user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed)!
        if password != nil { text += ":***" }
        text += "@" + (host ?? "") + (host != nil && port != 5432 ? ":\(port)" : "")
        text += "/" + database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
        if let socketPath { text += "?host=" + (socketPath as NSString).deletingLastPathComponent + (port != 5432 ? "&port=\(port)" : "") }
        return text
    }

    /// The address with its password, if any, replaced by `***`.
    static func hidingPassword(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return text }
        if components.password != nil { components.password = "***" }
        components.queryItems = components.queryItems?.map { $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0 }
        return components.string ?? text
    }
}

/// An address that does not say where a PostgreSQL database is, with why.
public struct PostgresAddressError: Error, Equatable, CustomStringConvertible {
    public var address: String
    public var reason: String
    public var description: String { "\(address): \(reason)" }
}
