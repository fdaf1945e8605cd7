import Foundation

/// Maps traditional Han characters to their simplified form (ICU `Hant-Hans`), so that 說 and 说
/// index as the same token. The table is built once, from one transform over each block.
enum HanVariants {
    private static let lock = NSLock()
    /// Characters looked up so far; each is transformed once, the first time it is seen.
    nonisolated(unsafe) private static var table: [UInt32: Unicode.Scalar] = [:]
    private static let transform = StringTransform("Hant-Hans")

    /// The simplified form of a Han character, or the character itself.
    static func simplified(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if let known = lock.withLock({ table[scalar.value] }) { return known }
        let converted = String(scalar).applyingTransform(transform, reverse: false)?.unicodeScalars
        let result = converted.flatMap { $0.count == 1 ? $0.first : nil } ?? scalar
        lock.withLock { table[scalar.value] = result }
        return result
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x3134F).contains(v)
            || (0xF900...0xFAFF).contains(v) || v == 0x3007
    }
}
