import Foundation
import XCTest

/// The JSON the server writes on one line is what the CLI prints over many: the same values,
/// and the same characters once the whitespace between them is taken out.
func assertSameJSON(_ compact: String, _ pretty: String, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    func parsed(_ text: String) -> NSObject? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSObject
    }
    XCTAssertNotNil(parsed(compact), message, file: file, line: line)
    XCTAssertEqual(parsed(compact), parsed(pretty), message, file: file, line: line)
    XCTAssertFalse(compact.trimmingCharacters(in: .newlines).contains("\n"), "not on one line: \(message)", file: file, line: line)
    XCTAssertEqual(withoutWhitespace(compact), withoutWhitespace(pretty), message, file: file, line: line)
}

/// JSON text without the whitespace between its tokens (what is inside strings stays).
func withoutWhitespace(_ json: String) -> String {
    var out = String.UnicodeScalarView(), inString = false, escaped = false
    for scalar in json.unicodeScalars {
        if inString {
            if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
        } else if scalar == "\"" {
            inString = true
        } else if [" ", "\n", "\t", "\r"].contains(scalar) {
            continue
        }
        out.append(scalar)
    }
    return String(out)
}
