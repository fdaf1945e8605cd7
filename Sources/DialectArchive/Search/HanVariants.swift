import Foundation

/// Maps traditional Han characters to their simplified form (ICU `Hant-Hans`), so that 說 and 说
/// index as the same token. The table is built once, from one transform over each block.
enum HanVariants {
    private static let blocks: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF]

    private static let table: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [:]
        let transform = StringTransform("Hant-Hans")
        for block in blocks {
            let scalars = block.compactMap(Unicode.Scalar.init)
            var source = String.UnicodeScalarView()
            source.append(contentsOf: scalars)
            let converted = String(source).applyingTransform(transform, reverse: false).map { Array($0.unicodeScalars) }
            if let converted, converted.count == scalars.count {
                for (from, to) in zip(scalars, converted) where from != to { table[from.value] = to }
            } else {
                for scalar in scalars {
                    let one = String(scalar).applyingTransform(transform, reverse: false)?.unicodeScalars
                    if let one, one.count == 1, let to = one.first, to != scalar { table[scalar.value] = to }
                }
            }
        }
        return table
    }()

    /// The simplified form of a Han character, or the character itself.
    static func simplified(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        table[scalar.value] ?? scalar
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x3134F).contains(v)
            || (0xF900...0xFAFF).contains(v) || v == 0x3007
    }
}
