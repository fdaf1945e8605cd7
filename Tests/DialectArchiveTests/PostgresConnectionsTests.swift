@testable import DialectArchive
import Foundation
import XCTest

/// An archive on PostgreSQL serves calls from several threads at once, each on a connection of
/// its own, as a web server's requests are: a long transaction does not hold up a search, a
/// transaction's statements all see its own changes, and no more connections are opened than
/// the archive runs calls at once.
final class PostgresConnectionsTests: XCTestCase {
    private func database(_ name: String = #function, limit: Int) throws -> PostgresDatabase {
        let database = try PostgresDatabase.connect(try PostgresAddress(try TestPostgres.freshDatabase(name)), connectionLimit: limit)
        addTeardownBlock { database.close() }
        return database
    }

    func testAReadGoesOnWhileAnotherThreadsTransactionIsOpen() throws {
        let database = try database(limit: 2)
        try database.execute("CREATE TABLE note (text text)")
        let readDone = DispatchSemaphore(value: 0), transactionOpen = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let writer = Thread {
            do {
                try database.transaction {
                    try database.execute("INSERT INTO note VALUES ('not yet committed')")
                    transactionOpen.signal()
                    // With one connection for the whole process, the read below would wait for this
                    // transaction to end, and this wait would never end.
                    outcome.readFinishedFirst = readDone.wait(timeout: .now() + 30) == .success
                }
            } catch {
                outcome.error = error
            }
            outcome.writerDone.signal()
        }
        writer.start()
        XCTAssertEqual(transactionOpen.wait(timeout: .now() + 30), .success)
        let seen = try database.rows("SELECT count(*) FROM note").first?.decode(Int.self)
        readDone.signal()
        XCTAssertEqual(outcome.writerDone.wait(timeout: .now() + 30), .success)
        XCTAssertNil(outcome.error)
        XCTAssertTrue(outcome.readFinishedFirst, "the read waited for the other thread's transaction")
        XCTAssertEqual(seen, 0, "the read saw another transaction's uncommitted row")
        XCTAssertEqual(try database.rows("SELECT count(*) FROM note").first?.decode(Int.self), 1)
    }

    func testEachThreadsTransactionSeesItsOwnChangesOnItsOwnConnection() throws {
        let database = try database(limit: 4)
        try database.execute("CREATE TABLE note (thread int, n int)")
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            do {
                try database.transaction {
                    let backend = try database.rows("SELECT pg_backend_pid()").first!.decode(Int32.self)
                    for n in 1...20 {
                        try database.execute("INSERT INTO note VALUES (\(thread), \(n))")
                        let mine = try database.rows("SELECT count(*) FROM note WHERE thread = \(thread)").first!.decode(Int.self)
                        if mine != n { failures.add("thread \(thread) saw \(mine) of its rows after writing \(n)") }
                        let now = try database.rows("SELECT pg_backend_pid()").first!.decode(Int32.self)
                        if now != backend { failures.add("thread \(thread)'s transaction moved from backend \(backend) to \(now)") }
                    }
                }
            } catch {
                failures.add("thread \(thread): \(error)")
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try database.rows("SELECT count(*) FROM note").first?.decode(Int.self), 8 * 20)
    }

    func testNoMoreConnectionsAreOpenedThanCallsRunAtOnce() throws {
        let database = try database(limit: 2)
        let name = database.address.database
        let counts = Failures()
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do {
                let open = try database.rows("SELECT count(*) FROM pg_stat_activity, pg_sleep(0.2) WHERE datname = \(name)")
                    .first!.decode(Int.self)
                counts.add("\(open)")
            } catch {
                counts.add("\(error)")
            }
        }
        XCTAssertEqual(counts.all.count, 6)
        XCTAssertTrue(counts.all.allSatisfy { $0 == "1" || $0 == "2" }, "\(counts.all)")
        XCTAssertTrue(counts.all.contains("2"), "six calls at once never ran two at a time: \(counts.all)")
    }

    private final class Outcome: @unchecked Sendable {
        var readFinishedFirst = false
        var error: Error?
        let writerDone = DispatchSemaphore(value: 0)
    }

    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func add(_ message: String) { lock.withLock { messages.append(message) } }
        var all: [String] { lock.withLock { messages } }
    }
}
