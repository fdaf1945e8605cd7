import Crypto
import Foundation

/// Checksums as the archive writes them: lower-case hexadecimal SHA-256.
enum Checksum {
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }
}
