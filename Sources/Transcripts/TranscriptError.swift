/// Why a transcript could not be read or written, with the file and (for text formats)
/// the line where the problem is, so that a field recorder can find and fix it.
///
/// ```swift
/// do {
///     _ = try Transcript.read(contentsOf: url)
/// } catch let error as TranscriptError {
///     print(error)   // "story.eaf:212: annotation a12 refers to missing time slot ts99"
/// }
/// ```
public struct TranscriptError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as the caller named it; empty when writing, where there is no file yet.
    public var file: String
    /// 1-based line of the problem, or of the nearest element, where one is known.
    public var line: Int?
    /// What is wrong, in plain English.
    public var reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let place: String
        switch (file.isEmpty, line) {
        case (true, nil): return reason
        case (true, let line?): place = "line \(line)"
        case (false, nil): place = file
        case (false, let line?): place = "\(file):\(line)"
        }
        return "\(place): \(reason)"
    }
}
