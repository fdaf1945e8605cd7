#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line numbers are worked out only when an error is reported, from a byte offset,
/// so that readers need not count newlines on their fast paths.
enum LineNumbers {
    /// The 1-based line holding the byte at `offset` (LF counts as the line break; a
    /// CR LF pair counts once, a lone CR is not counted, matching how editors number
    /// the files these readers see).
    static func line(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 1 }
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var position = 0
        while position < end {
            guard let hit = memchr(base + position, 0x0A, end - position) else { break }
            line += 1
            position = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
        }
        return line
    }

    static func line(at offset: Int, in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { line(at: offset, in: $0) }
    }
}
