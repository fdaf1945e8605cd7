@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// Ingests at once into one archive on PostgreSQL, as field teams on several machines share
/// one database and one folder of originals: no ingest waits for another, each recording is
/// committed whole, and the same bytes are stored once, the database's unique keys deciding.
final class ConcurrentIngestTests: XCTestCase {
    /// An archive on PostgreSQL made by `init --database` and opened `count` times, each with a
    /// connection of its own, as separate processes open it.
    private func sharedArchive(_ count: Int, name: String = #function) throws -> (archives: [Archive], connections: [PostgresDatabase]) {
        let url = try TestSupport.scratchFolder(name).appendingPathComponent("archive")
        try Archive.create(at: url, database: .postgres(try TestPostgres.freshDatabase(name)))
        let archives = try (0..<count).map { _ in try Archive.open(at: url) }
        let connections = archives.compactMap { archive -> PostgresDatabase? in
            if case .postgres(let connection) = archive.store.place { return connection }
            return nil
        }
        XCTAssertEqual(connections.count, count)
        return (archives, connections)
    }

    func testTwoIngestsOfTheSameFieldTripAtOnceStoreEachFileOnce() throws {
        let (archives, connections) = try sharedArchive(2)
        defer { connections.forEach { $0.close() } }
        let repo = TestSupport.repository
        let request = IngestRequest(paths: [repo.appendingPathComponent("recordings"), repo.appendingPathComponent("transcripts")])
        var reports = [IngestReport?](repeating: nil, count: 2), errors = [Error?](repeating: nil, count: 2)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                let report = try archives[index].ingest(request)
                lock.withLock { reports[index] = report }
            } catch {
                lock.withLock { errors[index] = error }
            }
        }
        XCTAssertEqual(errors.compactMap { $0.map { "\($0)" } }, [], "neither ingest waits for the other nor is refused")
        let both = reports.compactMap { $0 }
        XCTAssertEqual(both.count, 2)
        XCTAssertEqual(both.flatMap(\.failed), [])

        // Each audio file and transcript is added by one ingest and found present by the other.
        let (sample, _) = try SampleArchive.ingested(#function + "-sqlite", on: .sqlite)
        let expected = try sample.store.read { db in
            (try db.value("SELECT count(*) FROM recording", as: Int.self) ?? 0, try db.value("SELECT count(*) FROM transcript", as: Int.self) ?? 0,
             try db.value("SELECT count(*) FROM segment", as: Int.self) ?? 0,
             try db.value("SELECT (SELECT count(*) FROM landmark) + (SELECT count(*) FROM landmark_recent)", as: Int.self) ?? 0)
        }
        for kind in [IngestReport.Outcome.Kind.recording, .transcript] {
            let added = both.flatMap(\.added).filter { $0.kind == kind }.map(\.file)
            let present = both.flatMap(\.alreadyPresent).filter { $0.kind == kind }.map(\.file)
            XCTAssertEqual(added.count, Set(added).count, "\(kind): no file is added twice")
            XCTAssertEqual(Set(added), Set(present), "\(kind): what one ingest added, the other found present")
            XCTAssertEqual(added.count, kind == .recording ? expected.0 : expected.1)
        }
        let stored = try archives[0].store.read { db in
            (try db.value("SELECT count(*) FROM recording", as: Int.self) ?? 0, try db.value("SELECT count(*) FROM transcript", as: Int.self) ?? 0,
             try db.value("SELECT count(*) FROM segment", as: Int.self) ?? 0)
        }
        XCTAssertEqual(stored.0, expected.0)
        XCTAssertEqual(stored.1, expected.1)
        XCTAssertEqual(stored.2, expected.2)
        guard case .postgres(let database) = archives[0].store.place else { return XCTFail("the archive is on PostgreSQL") }
        XCTAssertEqual(try PostgresLandmarkIndex.count(database), expected.3, "each recording's landmarks stored once")

        // Every original is in place exactly once, the audit trail is one chain, and both
        // connections find the same.
        let verified = try archives[1].verify()
        XCTAssertEqual(verified.missing.map(\.path), [])
        XCTAssertEqual(verified.altered.map(\.path), [])
        XCTAssertEqual(verified.unexpected, [])
        XCTAssertEqual(verified.auditTrail.firstBreak?.id, nil)
        let files = try FileManager.default.subpathsOfDirectory(atPath: archives[0].url.appendingPathComponent("recordings").path)
            .filter { !$0.hasSuffix("/") && $0.contains(".") }
        XCTAssertEqual(files.count, expected.0, "\(files)")
        for text in ["太阳", "月光", "日头"] {
            let query = try SearchQuery(text)
            let ids = try archives.map { try $0.searchSegmentIDs(query, as: .owner(includeRestricted: true)) }
            XCTAssertEqual(ids[0], ids[1], text)
            XCTAssertEqual(ids[0].count, try sample.searchSegmentIDs(query, as: .owner(includeRestricted: true)).count, text)
        }
    }

    func testAnIngestThatLosesTheRaceForTheSameBytesFindsThemPresent() throws {
        let (archives, connections) = try sharedArchive(2)
        defer { connections.forEach { $0.close() } }
        let repo = TestSupport.repository
        let metadata = ["localities.csv", "speakers.csv", "sessions.csv"].map { repo.appendingPathComponent("recordings").appendingPathComponent($0) }
        XCTAssertEqual(try archives[0].ingest(IngestRequest(paths: metadata)).failed, [])

        // The other team's transaction has stored the same bytes but not yet committed when
        // this ingest stores them: its insert waits, then loses to the unique key.
        let file = repo.appendingPathComponent("recordings/bj-lm-danzi.wav")
        let facts = try AudioAnalyzer.analyze(file)
        let session = try XCTUnwrap(try archives[0].store.read { db in try db.value("SELECT id FROM session ORDER BY id LIMIT 1", as: String.self) })
        let other = connections[0]
        try other.execute("BEGIN")
        let row = Recording(sessionId: session, storedPath: "recordings/elsewhere/bj-lm-danzi.wav", originalName: "bj-lm-danzi.wav",
                            sourcePath: "/media/other-team/bj-lm-danzi.wav", facts: facts, ingestedAt: CalendarDate.timestamp())
        let otherId = try XCTUnwrap(try PostgresStoreDatabase(other).insert(row))
        let finished = DispatchSemaphore(value: 0)
        let outcome = Locked<Result<IngestReport, Error>?>(nil)
        Thread.detachNewThread {
            outcome.value = Result { try archives[1].ingest(IngestRequest(paths: [file])) }
            finished.signal()
        }
        XCTAssertEqual(finished.wait(timeout: .now() + 3), .timedOut, "the ingest waits for the other transaction")
        try other.execute("COMMIT")
        XCTAssertEqual(finished.wait(timeout: .now() + 60), .success)
        let report = try XCTUnwrap(outcome.value).get()
        XCTAssertEqual(report.failed, [])
        XCTAssertEqual(report.alreadyPresent.map(\.id), [otherId])
        let stored = try archives[1].store.read { db in try db.values("SELECT stored_path FROM recording", as: String.self) }
        XCTAssertEqual(stored, ["recordings/elsewhere/bj-lm-danzi.wav"])
        let leftBehind = try FileManager.default.subpathsOfDirectory(atPath: archives[1].url.appendingPathComponent("recordings").path)
            .filter { $0.hasSuffix(".wav") }
        XCTAssertEqual(leftBehind, [], "the losing ingest's copy does not stay behind without its row")
    }
}

/// A value shared between the test and a thread it starts.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
