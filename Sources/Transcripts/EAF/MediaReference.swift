import Foundation

/// Media paths as ELAN writes them, reduced to what lets an archive find the file.
enum MediaReference {
    /// A RELATIVE_MEDIA_URL without its `file:` scheme: `file:/./a.wav` (the form older
    /// ELAN versions wrote) and `./a.wav` both give `./a.wav`; percent escapes are
    /// decoded so that the name matches the file on disk.
    static func relative(_ url: String) -> String {
        var path = withoutFileScheme(url)
        if path.hasPrefix("/./") || path.hasPrefix("/../") { path.removeFirst() }
        return unescaped(path)
    }

    /// The last path component of a MEDIA_URL or path, whichever separator it uses
    /// (`file:///C:/rec/a.wav` and `C:\rec\a.wav` both give `a.wav`).
    static func fileName(_ url: String) -> String {
        let path = unescaped(withoutFileScheme(url))
        return path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    }

    private static func withoutFileScheme(_ url: String) -> String {
        let lowered = url.lowercased()
        if lowered.hasPrefix("file://") { return String(url.dropFirst(7)) }
        if lowered.hasPrefix("file:") { return String(url.dropFirst(5)) }
        return url
    }

    /// A literal `%` that is not an escape is common in file names: keep such text.
    private static func unescaped(_ path: String) -> String {
        path.removingPercentEncoding ?? path
    }
}
