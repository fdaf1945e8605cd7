import Foundation
import Logging
import PostgresNIO

/// The archive's connections to its PostgreSQL database, for the archive's own threads (never
/// an event loop's, nor a Swift concurrency task's): each call waits for the server's answer.
///
/// Calls from several threads go on at once, each on a connection of its own, up to
/// `connectionLimit` connections; later ones wait for one to be free. A connection is opened
/// when a call finds none free, so a process that makes one call at a time keeps one. A thread
/// keeps its connection for the whole of its call, so a transaction and every statement run
/// inside it are on the same connection.
final class PostgresDatabase: @unchecked Sendable {
    let address: PostgresAddress
    /// How many connections calls at once may use: as many as the archive runs calls at once
    /// (`Archive.concurrentCalls`).
    let connectionLimit: Int
    private let configuration: PostgresConnection.Configuration
    /// Guards the fields below; threads wait on it for a free connection.
    private let pool = NSCondition()
    private var idle: [PostgresConnection]
    private var opened: Int
    /// The connection each thread holds during a call (and the calls made inside it).
    private var held: [pthread_t: PostgresConnection] = [:]
    /// Set by `close`: a connection is closed when its call returns.
    private var closing = false
    private static let logger = Logger(label: "dialect-archive.postgres")

    private init(address: PostgresAddress, configuration: PostgresConnection.Configuration, first: PostgresConnection, connectionLimit: Int) {
        self.address = address
        self.configuration = configuration
        self.connectionLimit = connectionLimit
        idle = [first]
        opened = 1
    }

    /// Connections still open when the last reference goes (an archive opened and let go) are
    /// closed then, and kept until they are, as PostgresNIO expects of its connections.
    deinit {
        for connection in idle where !connection.isClosed {
            connection.close().whenComplete { _ in _ = connection }
        }
    }

    /// Connects (one connection; more are opened as calls at once need them), or throws an
    /// error that names the address (without its password) and why.
    static func connect(_ address: PostgresAddress, connectionLimit: Int = Archive.concurrentCalls) throws -> PostgresDatabase {
        var configuration: PostgresConnection.Configuration
        if let socketPath = address.socketPath {
            configuration = .init(unixSocketPath: socketPath, username: address.user, password: address.password, database: address.database)
        } else {
            configuration = .init(host: address.host ?? "localhost", port: address.port, username: address.user,
                                  password: address.password, database: address.database, tls: .disable)
        }
        configuration.options.connectTimeout = .seconds(10)
        let first = try open(address, configuration)
        return PostgresDatabase(address: address, configuration: configuration, first: first, connectionLimit: max(1, connectionLimit))
    }

    private static func open(_ address: PostgresAddress, _ configuration: PostgresConnection.Configuration) throws -> PostgresConnection {
        do {
            return try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(),
                                                  configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            throw PostgresStoreError(address: address, doing: "could not connect", error)
        }
    }

    /// Runs `body` on the connection this thread holds, or on a free one that it holds until
    /// `body` returns, waiting for one when all `connectionLimit` are in use.
    private func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let thread = pthread_self()
        pool.lock()
        if let mine = held[thread] {
            pool.unlock()
            return try body(mine)
        }
        while idle.isEmpty && opened >= connectionLimit { pool.wait() }
        let connection: PostgresConnection
        if let free = idle.popLast() {
            connection = free
        } else {
            opened += 1
            pool.unlock()
            do {
                connection = try Self.open(address, configuration)
            } catch {
                pool.lock()
                opened -= 1
                pool.signal()
                pool.unlock()
                throw error
            }
            pool.lock()
        }
        held[thread] = connection
        pool.unlock()
        defer {
            pool.lock()
            held[thread] = nil
            let keep = !connection.isClosed && !closing
            if keep { idle.append(connection) } else { opened -= 1 }
            pool.signal()
            pool.unlock()
            if !keep && !connection.isClosed { try? connection.close().wait() }
        }
        return try body(connection)
    }

    /// Every row of a query's answer.
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        try result(query).rows
    }

    /// A statement's answer: its rows and how many rows it inserted, changed or deleted.
    func result(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try withConnection { connection in
            do {
                return try connection.query(query, logger: Self.logger).wait()
            } catch {
                throw PostgresStoreError(address: address, doing: "could not run \(Self.firstWords(query.sql))", error)
            }
        }
    }

    /// Runs a statement that answers no rows.
    func execute(_ query: PostgresQuery) throws {
        _ = try rows(query)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try withConnection { _ in
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
    }

    /// Streams rows into `table` with `COPY … FROM STDIN` (text format): `produce` is called
    /// for chunks of lines until it returns nil. Waits on the calling thread, which must not
    /// be one of Swift concurrency's.
    func copy(into table: String, columns: [String], produce: @escaping @Sendable () throws -> String?) throws {
        try copy(into: table, columns: columns, bytes: { try produce().map { ByteBuffer(string: $0) } })
    }

    /// The same, for chunks made as bytes rather than text.
    func copy(into table: String, columns: [String], bytes produce: @escaping @Sendable () throws -> ByteBuffer?) throws {
        try withConnection { connection in try copy(into: table, columns: columns, on: connection, bytes: produce) }
    }

    private func copy(into table: String, columns: [String], on connection: PostgresConnection,
                      bytes produce: @escaping @Sendable () throws -> ByteBuffer?) throws {
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

    /// Closes the connections not in use; one in use is closed when its call returns.
    func close() {
        pool.lock()
        closing = true
        let free = idle
        idle = []
        opened -= free.count
        pool.unlock()
        for connection in free { try? connection.close().wait() }
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
