@testable import DialectArchive
import Foundation
import XCTest

/// Metadata as spreadsheets save it is read faithfully, and every bad cell is located.
final class MetadataTests: XCTestCase {
    func testCSVQuotingLineBreaksAndBOM() throws {
        let csv = "\u{FEFF}id,title\r\n1,\"a, \"\"quoted\"\"\r\ntitle\"\r\n2,plain\r\n"
        let table = try CSVTable.parse(Data(csv.utf8), file: "s.csv")
        XCTAssertEqual(table.header, ["id", "title"])
        XCTAssertEqual(table.rows.map(\.cells), [["1", "a, \"quoted\"\r\ntitle"], ["2", "plain"]])
        XCTAssertEqual(table.rows.map(\.line), [2, 4])
    }

    func testUnclosedQuoteIsReportedWithItsLine() throws {
        let table = try CSVTable.parse(Data("id,title\n1,ok\n2,\"never closed\n3,x\n".utf8), file: "s.csv")
        XCTAssertEqual(table.problems, [MetadataProblem(file: "s.csv", line: 3, column: "title",
                                                        reason: "a quoted cell opened on line 3 is never closed; this row is left out")])
        XCTAssertEqual(table.rows.map(\.cells), [["1", "ok"], ["3", "x"]])
    }

    func testChineseHeadersAreAliases() throws {
        let folder = try TestSupport.scratchFolder()
        try Data("编号,名称,省,纬度,经度,方言区,片,小片\nmx,梅县,广东省,24.29,116.12,客家话,粤台片,嘉应小片\n".utf8)
            .write(to: folder.appendingPathComponent("localities.csv"))
        let metadata = FieldMetadata.read(folder: folder, defaultCollection: "default")
        XCTAssertEqual(metadata.problems, [])
        let locality = try XCTUnwrap(metadata.localities.first)
        XCTAssertEqual(locality.name, "梅县")
        XCTAssertEqual(locality.latitude, 24.29)
        XCTAssertEqual(locality.classification, "客家话 / 粤台片 / 嘉应小片")
    }

    func testMetadataJSONIsAcceptedWithTheSameFields() throws {
        let folder = try TestSupport.scratchFolder()
        let json = #"""
        {"localities": [{"id": "bj", "name": "北京", "latitude": 39.9, "longitude": 116.4}],
         "speakers": [{"id": "bj-lm", "sex": "男", "birth_year": 1950, "role": "老男", "locality": "bj"}],
         "sessions": [{"id": "s1", "date": "2024-02-30", "locality": "bj", "speakers": ["bj-lm"]},
                      {"id": "s2", "date": "2024-03-01", "locality": "bj", "speakers": ["bj-lm"], "files": ["a.wav", "b.wav"]}]}
        """#
        try Data(json.utf8).write(to: folder.appendingPathComponent("metadata.json"))
        var metadata = FieldMetadata.read(folder: folder, defaultCollection: "default")
        metadata.checkReferences(knownLocalities: [], knownSpeakers: [])
        XCTAssertEqual(metadata.speakers.first?.birthYear, 1950)
        XCTAssertEqual(metadata.sessions.map(\.session.id), ["s2"])
        XCTAssertEqual(metadata.sessions.first?.files, ["a.wav", "b.wav"])
        XCTAssertEqual(metadata.problems.map(\.description),
                       ["\(folder.path)/metadata.json (sessions[0], id s1, field date): '2024-02-30' is not a date (expected yyyy-mm-dd)"])
    }

    func testAccessConditions() {
        XCTAssertEqual(AccessCondition.parse("open"), AccessCondition(level: .open))
        XCTAssertEqual(AccessCondition.parse("closed until 2030-01-01: consent pending"),
                       AccessCondition(level: .closed, until: "2030-01-01", reason: "consent pending"))
        XCTAssertEqual(AccessCondition.parse("限制"), AccessCondition(level: .restricted))
        XCTAssertNil(AccessCondition.parse("sometimes"))
        XCTAssertNil(AccessCondition.parse("closed until soon"))
    }

    func testSpreadsheetDateFormsAreNormalised() {
        XCTAssertEqual(CalendarDate.normalise("2024/5/6"), "2024-05-06")
        XCTAssertEqual(CalendarDate.normalise("2024.05.06"), "2024-05-06")
        XCTAssertNil(CalendarDate.normalise("2023-02-29"))
        XCTAssertEqual(CalendarDate.normalise("2024-02-29"), "2024-02-29")
        XCTAssertNil(CalendarDate.normalise("May 6"))
    }
}
