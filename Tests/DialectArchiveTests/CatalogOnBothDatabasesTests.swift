@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// The catalogue's reads, exports and histories answer the same from an archive on SQLite and
/// from the same archive copied to PostgreSQL, which has no SQLite database: any of them
/// still read from SQLite would fail there.
final class CatalogOnBothDatabasesTests: XCTestCase {
    private let researcher = Reader.account(AccountReader(name: "rita", role: .researcher, collections: ["sample"]))
    private let readers: [(String, Reader)] = [
        ("owner", .owner(includeRestricted: false)), ("owner with restricted", .owner(includeRestricted: true)), ("anonymous", .anonymous),
    ]

    private func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// What a call answers, or the error it throws, as text to compare.
    private func answer(_ body: () throws -> String) -> String {
        do { return try body() } catch { return "error: \(error)" }
    }

    func testListingsOfRecordingsSessionsSpeakersLocalitiesAndCollectionsAreTheSameOnBothDatabases() throws {
        // A session without a date and a locality without a dialect group: the two databases
        // sort NULLs at opposite ends unless told.
        let both = try SampleOnBoth(#function) { archive in
            try archive.database!.write { db in
                try db.execute(sql: "UPDATE session SET date = NULL WHERE id = 'bj-danzi'")
                try db.execute(sql: "UPDATE locality SET dialect_group = NULL WHERE id = 'mx'")
            }
        }
        defer { both.database.close() }
        let (sqlite, postgres) = (both.sqlite, both.postgres)
        for (label, reader) in readers + [("researcher", researcher)] {
            XCTAssertEqual(try postgres.recordings(as: reader), try sqlite.recordings(as: reader), label)
            XCTAssertEqual(try postgres.sessions(as: reader), try sqlite.sessions(as: reader), label)
            XCTAssertEqual(try postgres.sessions(speaker: "bj-lm", as: reader), try sqlite.sessions(speaker: "bj-lm", as: reader), label)
            XCTAssertEqual(try postgres.sessions(locality: "mx", as: reader), try sqlite.sessions(locality: "mx", as: reader), label)
            XCTAssertEqual(try postgres.sessions(collection: "sample", as: reader), try sqlite.sessions(collection: "sample", as: reader), label)
            XCTAssertEqual(try postgres.speakers(from: "mx", as: reader), try sqlite.speakers(from: "mx", as: reader), label)
        }
        XCTAssertEqual(try postgres.recordings(), try sqlite.recordings())
        XCTAssertEqual(try postgres.speakers(), try sqlite.speakers())
        XCTAssertEqual(try postgres.speakers(includeRestricted: true), try sqlite.speakers(includeRestricted: true))
        XCTAssertEqual(try postgres.localities(), try sqlite.localities())
        XCTAssertEqual(try postgres.sessions(), try sqlite.sessions())
        XCTAssertEqual(try postgres.sessions(includeRestricted: false), try sqlite.sessions(includeRestricted: false))
        XCTAssertEqual(try postgres.collections(), try sqlite.collections())

        let recordings = try postgres.recordings()
        XCTAssertEqual(recordings.count, 8)
        XCTAssertEqual(Set(recordings.map(\.transcripts)), [1], "\(recordings)")
        XCTAssertEqual(try JSONDecoder().decode([RecordingListing].self, from: JSONEncoder().encode(recordings)), recordings,
                       "a listing read from a row reads back from its JSON too")
        XCTAssertEqual(recordings.first { $0.recording.originalName == "gz-yf-cihui.wav" }?.localityName, "广州越秀")
        XCTAssertEqual(try postgres.recordings(as: .anonymous).count, 6, "mx-koutou's two recordings are restricted")
        XCTAssertEqual(try postgres.sessions().count, 7)
        XCTAssertEqual(try postgres.sessions(as: .anonymous).last?.session.id, "bj-danzi", "a session without a date comes last")
        XCTAssertEqual(try postgres.sessions(speaker: "bj-lm", as: .anonymous).map(\.session.id), ["bj-cihui", "bj-huayu", "bj-danzi"])
        XCTAssertEqual(try postgres.sessions(locality: "mx", as: researcher).map(\.recordings), [1, 2])
        XCTAssertEqual(try postgres.speakers(from: "mx", as: .anonymous).map(\.name), [nil], "mx-lf is restricted: id and role only")
        XCTAssertEqual(try postgres.speakers(from: "mx", as: researcher).map(\.name), ["刘秀英"], "granted the collection she was recorded for")
        XCTAssertEqual(try postgres.localities().map(\.id), ["mx", "bj", "gz"], "a locality without a dialect group comes first")
        XCTAssertEqual(try postgres.collections().map(\.id), ["sample"])
    }

    func testStatsAreTheSameOnBothDatabasesForEveryReader() throws {
        let both = try SampleOnBoth()
        defer { both.database.close() }
        for (label, reader) in readers + [("researcher", researcher)] {
            XCTAssertEqual(try json(try both.postgres.stats(as: reader)), try json(try both.sqlite.stats(as: reader)), label)
        }
        let stats = try both.postgres.stats(includeRestricted: true)
        XCTAssertEqual(stats.recordings, 8)
        XCTAssertEqual(stats.sessions, 7)
        XCTAssertEqual(stats.speakers, 4)
        XCTAssertEqual(stats.transcripts, 8)
        XCTAssertGreaterThan(stats.segments, 0)
        XCTAssertGreaterThan(stats.durationMs, 0)
        XCTAssertEqual(stats.byLocality.map(\.recordings).reduce(0, +), 8)
        XCTAssertEqual(stats.byDialect.count, 3, "\(stats.byDialect)")
        XCTAssertEqual(try both.postgres.stats().recordings, 6)
    }

    func testShowFindsEveryRecordTheSameOnBothDatabases() throws {
        let both = try SampleOnBoth()
        defer { both.database.close() }
        let recordings = try both.sqlite.recordings().map { String($0.recording.id!) }
        let ids = recordings + (try both.sqlite.sessions().map(\.id)) + (try both.sqlite.speakers().map(\.id))
            + ["bj", "gz", "mx", "sample"]
        for id in ids {
            for (label, reader) in readers + [("researcher", researcher)] {
                let answers = both.both.map { _, archive in answer { try json(try archive.item(id, as: reader, audited: false)) } }
                XCTAssertEqual(answers[1], answers[0], "\(id) as \(label)")
            }
        }
        guard case .recording(let detail) = try both.postgres.item(recordings[0], includeRestricted: true) else {
            return XCTFail("recording \(recordings[0]) is a recording")
        }
        XCTAssertEqual(detail.transcripts.count, 1)
        XCTAssertGreaterThan(detail.transcripts[0].segments.count, 0)
        XCTAssertFalse(detail.speakers.isEmpty)
        guard case .session(let session) = try both.postgres.item("mx-koutou", includeRestricted: true) else {
            return XCTFail("mx-koutou is a session")
        }
        XCTAssertEqual(session.recordings.map(\.originalName), ["mx-lf-koutou-1.ogg", "mx-lf-koutou-2.opus"])
        XCTAssertEqual(session.participants.map(\.role), ["speaker", "recorder"])
        XCTAssertThrowsError(try both.postgres.item("mx-koutou", as: .anonymous)) { XCTAssertTrue($0 is AccessError, "\($0)") }
        XCTAssertThrowsError(try both.postgres.item("nowhere", as: .anonymous)) {
            XCTAssertEqual($0 as? ArchiveError, .notFound(id: "nowhere"))
        }
    }

    /// The sample after an access change, a speaker's change set, a corrected transcript, a
    /// verify, an export and a withdrawal of bj-huayu, copied to PostgreSQL after all of them.
    private func sampleWithHistory(_ name: String) throws -> SampleOnBoth {
        try SampleOnBoth(name) { archive in
            try SampleArchive.addHistory(to: archive, name, speaker: "mx-lf", occupation: ("务农", "退休"))
            let out = try TestSupport.scratchFolder(name + "-earlier").appendingPathComponent("bag")
            _ = try archive.export(ExportRequest(format: .bagit, out: out, collection: "sample", includeRestricted: true))
            _ = try archive.withdraw("bj-huayu", reason: "the speaker withdrew consent")
        }
    }

    func testTheHistoryOfEveryRecordIsTheSameOnBothDatabases() throws {
        let both = try sampleWithHistory(#function)
        defer { both.database.close() }
        let recordings = try both.sqlite.database!.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM recording ORDER BY id") }
        let ids = recordings.map(String.init) + (try both.sqlite.sessions(includeRestricted: true).map(\.id)) + ["bj-huayu"]
            + (try both.sqlite.speakers().map(\.id)) + ["bj", "gz", "mx", "sample", "nowhere"]
        for id in ids {
            for includeRestricted in [false, true] {
                let answers = both.both.map { _, archive in answer { try json(try archive.history(of: id, includeRestricted: includeRestricted)) } }
                XCTAssertEqual(answers[1], answers[0], "history of \(id), includeRestricted \(includeRestricted)")
            }
        }
        let gzCihui = try XCTUnwrap(both.sqlite.recordings().first { $0.recording.originalName == "gz-yf-cihui.wav" }).recording.id!
        let kinds = Set(try both.postgres.history(of: String(gzCihui)).entries.map(\.kind))
        XCTAssertEqual(kinds, [.created, .transcriptAdded, .transcriptRevised, .fixityCheck, .exported], "\(kinds)")
        XCTAssertTrue(try both.postgres.history(of: "gz-cihui").entries.contains { $0.kind == .accessChanged })
        XCTAssertEqual(try both.postgres.history(of: "bj-huayu").entries.last?.kind, .withdrawn)
        let speaker = try both.postgres.history(of: "mx-lf").entries
        XCTAssertEqual(speaker.last?.fields, [.init(field: "occupation", before: "withheld", after: "withheld")])
        XCTAssertEqual(try both.postgres.history(of: "mx-lf", includeRestricted: true).entries.last?.fields.first?.after, "退休")
        XCTAssertEqual(try both.postgres.history(of: "gz").entries.first?.kind, .created)
    }

    func testExportsFromBothDatabasesWriteTheSameMetadataFilesByteForByte() throws {
        let both = try sampleWithHistory(#function)
        defer { both.database.close() }
        let folder = try TestSupport.scratchFolder(#function + "-out")
        func exported(_ format: ExportRequest.Format, _ label: String, includeRestricted: Bool = false, allRevisions: Bool = false,
                      _ archive: Archive) throws -> (ExportReport, URL) {
            let out = folder.appendingPathComponent("\(format.rawValue)-\(includeRestricted)-\(label)")
            let report = try archive.export(ExportRequest(format: format, out: out, collection: "sample", includeRestricted: includeRestricted,
                                                          allRevisions: allRevisions))
            return (report, out)
        }
        // Each archive's trail gains its own export events, at their own times, which later
        // packages' provenance would name: the packages that carry provenance come first.
        let packages: [(ExportRequest.Format, Bool, [String])] = [
            (.bagit, true, ["premis.xml", "manifest-sha256.txt", "data/metadata/recordings.csv", "data/metadata/recordings.json"]),
            (.csv, false, ["recordings.csv"]), (.csv, true, ["recordings.csv"]), (.json, true, ["recordings.json"]),
            (.olac, true, ["olac/gz-cihui.xml", "olac/mx-koutou.xml"]), (.eaf, true, []),
        ]
        for (format, includeRestricted, files) in packages {
            let (sqliteReport, sqliteOut) = try exported(format, "SQLite", includeRestricted: includeRestricted, allRevisions: true, both.sqlite)
            let (postgresReport, postgresOut) = try exported(format, "PostgreSQL", includeRestricted: includeRestricted, allRevisions: true, both.postgres)
            XCTAssertEqual(postgresReport.recordings, sqliteReport.recordings, "\(format)")
            XCTAssertEqual(postgresReport.leftOutRestricted, sqliteReport.leftOutRestricted, "\(format)")
            XCTAssertEqual(postgresReport.replacedRevisions, sqliteReport.replacedRevisions, "\(format)")
            XCTAssertEqual(postgresReport.files, sqliteReport.files, "\(format)")
            XCTAssertGreaterThan(sqliteReport.recordings, 0)
            for file in files {
                let sqliteBytes = try Data(contentsOf: sqliteOut.appendingPathComponent(file))
                XCTAssertGreaterThan(sqliteBytes.count, 100, "\(format) \(file)")
                XCTAssertEqual(try Data(contentsOf: postgresOut.appendingPathComponent(file)), sqliteBytes, "\(format) \(file)")
            }
        }
        let bag = folder.appendingPathComponent("bagit-true-PostgreSQL/premis.xml")
        let premis = try String(contentsOf: bag, encoding: .utf8)
        XCTAssertTrue(premis.contains("fixity check") && premis.contains("modification"), premis)
        let events = try both.postgres.events().filter { $0.kind == "export" }
        XCTAssertEqual(events.count, packages.count + 1, "each export is an event in the PostgreSQL archive's own trail")
    }
}
