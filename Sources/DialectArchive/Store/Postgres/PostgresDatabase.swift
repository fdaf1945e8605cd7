import Foundation
import Logging
import PostgresNIO

/// One connection to the archive's PostgreSQL database, for the archive's own threads (never
/// an event loop's, nor a Swift concurrency task's): each call waits for the server's answer.
/// Calls from several threads take turns; a transaction keeps the connection to itself until
/// it ends.
final class PostgresDatabase: @unchecked Sendable {
    let address: PostgresAddress
    private let connection: PostgresConnection
    private let lock = NSRecursiveLock()
    private static let logger = Logger(label: "dialect-archive.postgres")

    private init(address: PostgresAddress, connection: PostgresConnection) {
        self.address = address
        self.connection = connection
    }

    /// A connection still open when the last reference to it goes (an archive opened and let go)
    /// is closed then, and kept until it is, as PostgresNIO expects of its connections.
    deinit {
        let connection = self.connection
        guard !connection.isClosed else { return }
        connection.close().whenComplete { _ in _ = connection }
    }

    /// Connects, or throws an error that names the address (without its password) and why.
    static func connect(_ address: PostgresAddress) throws -> PostgresDatabase {
        var configuration: PostgresConnection.Configuration
        if let socketPath = address.socketPath {
            configuration = .init(unixSocketPath: socketPath, username: address.user, password: address.password, database: address.database)
        } else {
            configuration = .init(host: address.host ?? "localhost", port: address.port, username: address.user,
                                  password: address.password, database: address.database, tls: .disable)
        }
        configuration.options.connectTimeout = .seconds(10)
        do {
            let connection = try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(),
                                                            configuration: configuration, id: 1, logger: logger).wait()
            return PostgresDatabase(address: address, connection: connection)
        } catch {
            throw PostgresStoreError(address: address, doing: "could not connect", error)
        }
    }

    /// Every row of a query's answer.
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        try result(query).rows
    }

    /// A statement's answer: its rows and how many rows it inserted, changed or deleted.
    func result(_ query: PostgresQuery) throws -> PostgresQueryResult {
        lock.lock()
        defer { lock.unlock() }
        do {
            return try connection.query(query, logger: Self.logger).wait()
        } catch {
            throw PostgresStoreError(address: address, doing: "could not run \(Self.firstWords(query.sql))", error)
        }
    }

    /// Runs a statement that answers no rows.
    func execute(_ query: PostgresQuery) throws {
        _ = try rows(query)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Streams rows into `table` with `COPY … FROM STDIN` (text format): `produce` is called
    /// for chunks of lines until it returns nil. Waits on the calling thread, which must not
    /// be one of Swift concurrency's.
    func copy(into table: String, columns: [String], produce: @escaping @Sendable () throws -> String?) throws {
        try copy(into: table, columns: columns, bytes: { try produce().map { ByteBuffer(string: $0) } })
    }

    /// The same, for chunks made as bytes rather than text.
    func copy(into table: String, columns: [String], bytes produce: @escaping @Sendable () throws -> ByteBuffer?) throws {
        lock.lock()
        defer { lock.unlock() }
        let connection = self.connection
        let outcome = CopyOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: Self.logger) { writer in
                    while let chunk = try produce() {
                        try await writer.write(chunk)
                    }
                }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw PostgresStoreError(address: address, doing: "could not copy rows into \(table)", error) }
    }

    /// A COPY's failure, handed from its task to the waiting thread (after the semaphore).
    private final class CopyOutcome: @unchecked Sendable {
        var error: Error?
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        try? connection.close().wait()
    }

    /// The statement's first words, for an error message that says what failed without
    /// repeating a long statement.
    private static func firstWords(_ sql: String) -> String {
        let words = sql.split(whereSeparator: \.isWhitespace).prefix(4).joined(separator: " ")
        return words.count < sql.count ? words + " …" : words
    }
}

/// A PostgreSQL operation that failed, with the address (password hidden), what was being
/// done and the server's own message.
struct PostgresStoreError: Error, CustomStringConvertible {
    var address: PostgresAddress
    var doing: String
    var reason: String
    /// The server's SQLSTATE, when the server answered with an error.
    var sqlState: String?

    init(address: PostgresAddress, doing: String, _ error: Error) {
        self.address = address
        self.doing = doing
        if let error = error as? PSQLError {
            sqlState = error.serverInfo?[.sqlState]
            if let message = error.serverInfo?[.message] {
                reason = message + (error.serverInfo?[.detail].map { " (\($0))" } ?? "")
            } else if let underlying = error.underlying {
                reason = "\(underlying)"
            } else {
                reason = "\(error.code)"
            }
        } else {
            reason = "\(error)"
        }
    }

    var description: String { "\(address): \(doing): \(reason)" }
}
