import Crypto
import Foundation

/// Checksums as the archive writes them: lower-case hexadecimal SHA-256.
enum Checksum {
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }
}
