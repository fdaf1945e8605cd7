import Foundation

extension Transcript {
    /// Reads a transcript file, choosing the reader by its extension (any case):
    /// `.eaf`, `.TextGrid`, `.srt` or `.vtt`.
    ///
    /// ```swift
    /// let transcript = try Transcript.read(contentsOf: URL(fileURLWithPath: "session01.eaf"))
    /// for tier in transcript.tiers {
    ///     print(tier.name, tier.annotations.count)
    /// }
    /// ```
    ///
    /// - Throws: `TranscriptError` naming the file (its path) and, where known, the line.
    public static func read(contentsOf url: URL) throws -> Transcript {
        let fileName = url.isFileURL ? url.path : url.absoluteString
        guard let format = format(forFileName: url.lastPathComponent) else {
            throw TranscriptError(file: fileName, reason: "not a transcript file: the extension should be .eaf, .TextGrid, .srt or .vtt")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw TranscriptError(file: fileName, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try read(data: data, format: format, fileName: fileName)
    }

    /// Reads a transcript from bytes already in memory.
    ///
    /// ```swift
    /// let transcript = try Transcript.read(data: bytes, format: .vtt, fileName: "clip.vtt")
    /// ```
    ///
    /// - Parameter fileName: used only in error messages.
    /// - Throws: `TranscriptError`, and nothing else.
    public static func read(data: Data, format: Format, fileName: String) throws -> Transcript {
        switch format {
        case .eaf: return try EAFReader.read(data, fileName: fileName)
        case .textgrid: return try TextGridReader.read(data, fileName: fileName)
        case .srt: return try SRTReader.read(data, fileName: fileName)
        case .vtt: return try WebVTTReader.read(data, fileName: fileName)
        }
    }

    /// The format a file name's extension stands for, ignoring case, or `nil`.
    ///
    /// ```swift
    /// Transcript.format(forFileName: "mary.TextGrid")   // .textgrid
    /// Transcript.format(forFileName: "notes.txt")       // nil
    /// ```
    public static func format(forFileName fileName: String) -> Format? {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        return Format(rawValue: fileName[fileName.index(after: dot)...].lowercased())
    }
}
