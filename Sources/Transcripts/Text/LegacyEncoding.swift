#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversion from encodings Foundation on Linux cannot decode (GB18030/GBK, and
/// whatever an XML declaration names) through the C library's `iconv`, which every
/// Linux system has.
enum LegacyEncoding {
    enum Failure: Error {
        /// `iconv` does not know this encoding name.
        case unknownEncoding
        /// The byte at this offset does not start a valid sequence (or the text ends
        /// inside one).
        case invalid(offset: Int)
    }

    static func utf8(from bytes: UnsafeRawBufferPointer, encoding name: String) throws -> [UInt8] {
        let descriptor = iconv_open("UTF-8", name)
        if descriptor == iconv_t(bitPattern: -1) { throw Failure.unknownEncoding }
        defer { iconv_close(descriptor) }
        guard let inputBase = bytes.baseAddress, bytes.count > 0 else { return [] }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: CChar.self))
        var inputLeft = bytes.count
        while inputLeft > 0 {
            let (status, produced, error) = chunk.withUnsafeMutableBytes { out -> (Int, Int, Int32) in
                var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = out.count
                var inPointer: UnsafeMutablePointer<CChar>? = input
                let status = iconv(descriptor, &inPointer, &inputLeft, &outPointer, &outLeft)
                let error = status == -1 ? errno : 0
                if let inPointer { input = inPointer }
                return (status, out.count - outLeft, error)
            }
            output.append(contentsOf: chunk[0..<produced])
            if status == -1 {
                // E2BIG only means the chunk is full; anything else is bad input.
                if error == E2BIG { continue }
                throw Failure.invalid(offset: bytes.count - inputLeft)
            }
        }
        return output
    }
}
