@testable import DialectArchive
import Foundation
import XCTest

/// Every problem in a team's metadata is reported where they can find it (file, line, column;
/// in JSON the record), all of a row's problems at once, and one bad row costs only that row.
final class MetadataProblemTests: XCTestCase {
    private func ingest(_ trip: FieldFolder) throws -> IngestReport {
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        return try archive.ingest(IngestRequest(paths: [trip.url], collection: "fieldwork"))
    }

    func testUnknownLocalityInSpeakersCSVNamesTheFileLineAndColumn() throws {
        let trip = try FieldFolder()
        try trip.tone("a.wav")
        try trip.write("localities.csv", FieldFolder.localities)
        try trip.write("speakers.csv", "id,name,locality\nbj-lm,王先生,bj\nxx-lm,李先生,nowhere\n")
        let report = try ingest(trip)
        let speakersCSV = trip.url.appendingPathComponent("speakers.csv").path
        XCTAssertEqual(report.failed.map(\.file), [speakersCSV + ":3"])
        XCTAssertEqual(report.failed.first?.message, "column locality: unknown locality id 'nowhere'")
        XCTAssertEqual(report.metadataRows["speakers"], 1)
    }

    func testAnUnbalancedQuoteCostsOnlyItsRowAndNamesTheLineTheRowStartsOn() throws {
        let csv = "id,name,locality\nbj-lm,王先生,bj\ngz-qn,\"陈女士,gz\ngz-lm,陈先生,gz\nbj-qn,\"张\nmultiline\",bj\n"
        let table = try CSVTable.parse(Data(csv.utf8), file: "speakers.csv")
        XCTAssertEqual(table.problems.map(\.line), [3])
        XCTAssertEqual(table.problems.first?.column, "name")
        XCTAssertEqual(table.rows.map { $0.cells[0] }, ["bj-lm", "gz-lm", "bj-qn"])
        XCTAssertEqual(table.rows.map(\.line), [2, 4, 5])
        XCTAssertEqual(table.rows.last?.cells[1], "张\nmultiline")

        let trip = try FieldFolder()
        try trip.tone("a.wav")
        try trip.write("localities.csv", FieldFolder.localities)
        try trip.write("speakers.csv", csv)
        let report = try ingest(trip)
        XCTAssertEqual(report.failed.map(\.file), [trip.url.appendingPathComponent("speakers.csv").path + ":3"])
        XCTAssertEqual(report.metadataRows["speakers"], 3)
    }

    func testAQuoteNeverClosedInTheLastRowLeavesTheOthers() throws {
        let table = try CSVTable.parse(Data("id,title\n1,\"fine, quoted\"\n2,\"open\n".utf8), file: "s.csv")
        XCTAssertEqual(table.rows.map(\.cells), [["1", "fine, quoted"]])
        XCTAssertEqual(table.problems.map(\.line), [3])
    }

    func testEveryProblemOfARowIsReportedNotOnlyTheFirst() throws {
        let trip = try FieldFolder()
        try trip.tone("a.wav")
        try trip.write("localities.csv", FieldFolder.localities)
        try trip.write("speakers.csv", "编号,性别,出生年份,角色,locality\nbj-lm,男,1950,老男,bj\nbad,x,1700,chief,nowhere\n")
        let report = try ingest(trip)
        let line3 = trip.url.appendingPathComponent("speakers.csv").path + ":3"
        XCTAssertEqual(report.failed.filter { $0.file == line3 }.count, 4, "\(report.failed)")
        let messages = report.failed.compactMap(\.message).sorted()
        XCTAssertEqual(messages.map { String($0.prefix { $0 != ":" }) },
                       ["column locality", "column 出生年份", "column 性别", "column 角色"])
        XCTAssertTrue(messages.contains("column 出生年份: '1700' is not a year of birth between 1850 and "
                                        + "\(Calendar(identifier: .gregorian).component(.year, from: Date()))"), "\(messages)")
    }

    func testARowWithMoreCellsThanTheHeaderIsReported() throws {
        let folder = try TestSupport.scratchFolder()
        try Data("id,name\nbj,北京\ngz,广州,越秀区\n".utf8).write(to: folder.appendingPathComponent("localities.csv"))
        let metadata = FieldMetadata.read(folder: folder, defaultCollection: "default")
        XCTAssertEqual(metadata.localities.map(\.id), ["bj"])
        XCTAssertEqual(metadata.problems.map(\.line), [3])
        XCTAssertTrue(metadata.problems[0].reason.contains("3 cells but the header names 2 columns"), metadata.problems[0].reason)
    }

    func testADuplicateIdNamesTheLineOfTheFirst() throws {
        let folder = try TestSupport.scratchFolder()
        try Data("id,name\nbj,北京\ngz,广州\nbj,北京市\n".utf8).write(to: folder.appendingPathComponent("localities.csv"))
        let metadata = FieldMetadata.read(folder: folder, defaultCollection: "default")
        XCTAssertEqual(metadata.problems.map(\.description),
                       ["\(folder.path)/localities.csv:4 (column id): the id 'bj' appears twice in localities (first on line 2)"])
    }

    func testASessionNamingAFileThatIsNotThereIsReported() throws {
        let trip = try FieldFolder()
        try trip.tone("a.wav")
        try trip.write("sessions.csv", "id,文件\ns1,a.wav;missing.wav\n")
        let report = try ingest(trip)
        let sessionsCSV = trip.url.appendingPathComponent("sessions.csv").path
        XCTAssertEqual(report.warnings.filter { $0.file == sessionsCSV + ":2" }.map(\.message),
                       ["column 文件: the file 'missing.wav' is neither among the ingested files nor in \(trip.url.path)"])
        XCTAssertEqual(report.count(recordings: .added), 1)
    }

    func testASessionRowLeftOutStillHasItsMissingFileAndItsBadReferencesReported() throws {
        let trip = try FieldFolder()
        try trip.tone("a.wav")
        try trip.write("localities.csv", "id,name,latitude,longitude\nbj,北京,99,116\n")
        try trip.write("sessions.csv", "id,date,locality,speakers,files\ns1,2024-13-01,bj,nobody,a.wav;gone.wav\n")
        let report = try ingest(trip)
        let line2 = trip.url.appendingPathComponent("sessions.csv").path + ":2"
        XCTAssertEqual(report.failed.filter { $0.file == line2 }.compactMap(\.message).sorted(), [
            "column date: '2024-13-01' is not a date (expected yyyy-mm-dd)",
            "column locality: locality id 'bj' is in localities, but that row was left out for the problems reported with it",
            "column speakers: unknown speaker id 'nobody'",
        ])
        XCTAssertEqual(report.warnings.filter { $0.file == line2 }.map(\.message),
                       ["column files: the file 'gone.wav' is neither among the ingested files nor in \(trip.url.path)"])
    }

    func testAFileNamedByTwoSessionsIsReportedAndFiledUnderTheFirst() throws {
        let trip = try FieldFolder()
        try trip.tone("a.wav")
        try trip.write("sessions.csv", "id,files\ns1,a.wav\ns2,b.wav;a.wav\n")
        try trip.tone("b.wav", frequency: 600)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        let sessionsCSV = trip.url.appendingPathComponent("sessions.csv").path
        XCTAssertEqual(report.warnings.filter { $0.file.hasPrefix(sessionsCSV) }.map { "\($0.file): \($0.message)" },
                       ["\(sessionsCSV):3: column files: the file 'a.wav' is also in session 's1' (line 2); it is filed there"])
        let a = try XCTUnwrap(try archive.recordings().first { $0.recording.originalName == "a.wav" })
        XCTAssertEqual(a.recording.sessionId, "s1")
    }

    func testACSVSavedAsGBKIsRead() throws {
        let folder = try TestSupport.scratchFolder()
        let utf8 = folder.appendingPathComponent("utf8.csv")
        try Data(FieldFolder.speakers.utf8).write(to: utf8)
        let gbk = try TestSupport.run("iconv", ["-f", "UTF-8", "-t", "GBK", utf8.path])
        XCTAssertEqual(gbk.status, 0, gbk.stderr)
        XCTAssertNil(String(data: gbk.output, encoding: .utf8))
        let table = try CSVTable.parse(gbk.output, file: "speakers.csv")
        XCTAssertEqual(table.encoding, "gb18030")
        XCTAssertEqual(table.header, ["编号", "姓名", "性别", "出生年份", "角色", "locality"])
        XCTAssertEqual(table.rows.map { $0.cells[1] }, ["王先生", "陈女士"])
    }

    func testACSVInNoKnownEncodingIsRefusedWithTheReasonAndLine() {
        let bytes = Data("id,name\nbj,".utf8) + Data([0xFF, 0xFE, 0x80, 0xFF, 0x0A])
        XCTAssertThrowsError(try CSVTable.parse(bytes, file: "localities.csv")) { error in
            let problem = error as? MetadataProblem
            XCTAssertEqual(problem?.line, 2)
            XCTAssertTrue(problem?.reason.hasPrefix("the text is neither UTF-8 nor GB18030") ?? false, "\(error)")
        }
    }

    func testMetadataJSONProblemsNameTheRecordByIndexAndId() throws {
        let folder = try TestSupport.scratchFolder()
        let json = #"""
        {"localities": [{"id": "bj", "name": "北京"}, "not a row", {"id": "gz", "name": "广州", "latitude": 123, "longitude": 113}],
         "speakers": [{"id": "bj-lm", "locality": "nowhere"}]}
        """#
        try Data(json.utf8).write(to: folder.appendingPathComponent("metadata.json"))
        var metadata = FieldMetadata.read(folder: folder, defaultCollection: "default")
        metadata.checkReferences(knownLocalities: [], knownSpeakers: [])
        XCTAssertEqual(metadata.localities.map(\.id), ["bj"])
        let file = folder.appendingPathComponent("metadata.json").path
        XCTAssertEqual(metadata.problems.map(\.description), [
            "\(file) (localities[1]): expected an object with the fields of a row",
            "\(file) (localities[2], id gz, field latitude): latitude 123 is out of range (−90 to 90)",
            "\(file) (speakers[0], id bj-lm, field locality): unknown locality id 'nowhere'",
        ])
    }

    func testMetadataJSONThatIsNotJSONNamesTheLine() throws {
        let folder = try TestSupport.scratchFolder()
        try Data("{\"localities\": [\n  {\"id\": \"bj\",, \"name\": \"北京\"}\n]}\n".utf8).write(to: folder.appendingPathComponent("metadata.json"))
        let metadata = FieldMetadata.read(folder: folder, defaultCollection: "default")
        XCTAssertEqual(metadata.problems.map(\.line), [2])
        XCTAssertTrue(metadata.problems.first?.reason.hasPrefix("not valid JSON") ?? false)
    }
}
