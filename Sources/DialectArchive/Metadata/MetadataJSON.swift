import Foundation

/// `metadata.json`: one object with arrays `localities`, `speakers` and `sessions`.
enum MetadataJSON {
    static func read(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw invalid(error, data: data, file: url.path)
        }
        guard let dictionary = object as? [String: Any] else {
            throw MetadataProblem(file: url.path, line: nil, column: nil,
                                  reason: "expected an object with arrays 'localities', 'speakers', 'sessions'")
        }
        return dictionary
    }

    /// The problem to report for an error from `read`.
    static func problem(_ error: Error, file: String) -> MetadataProblem {
        if let problem = error as? MetadataProblem { return problem }
        return MetadataProblem(file: file, line: nil, column: nil, reason: "cannot be read: \(error.localizedDescription)")
    }

    /// Names the line where the text stops being JSON: the parser gives a line or only a
    /// character offset (`Invalid value around character 13.`).
    private static func invalid(_ error: Error, data: Data, file: String) -> MetadataProblem {
        let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
        var line: Int?
        if let range = detail.range(of: #"line \d+"#, options: .regularExpression) {
            line = Int(detail[range].dropFirst("line ".count))
        } else if let range = detail.range(of: #"character \d+"#, options: .regularExpression),
           let offset = Int(detail[range].dropFirst("character ".count)) {
            line = 1 + data.prefix(offset).filter { $0 == 0x0A }.count
        }
        let reason = detail.replacingOccurrences(of: #" around (line \d+, column \d+|character \d+)"#, with: "", options: .regularExpression)
            .trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        return MetadataProblem(file: file, line: line, column: nil, reason: "not valid JSON: \(reason.lowercased())")
    }
}
