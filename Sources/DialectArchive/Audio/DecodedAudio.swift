import Crypto
import Foundation

/// What a decoder reports after one pass over the samples.
struct DecodedAudio {
    var container: String
    var codec: String
    var sampleRate: Int
    var channels: Int
    var bitsPerSample: Int?
    var frames: Int64
    var audioSHA256: String
    /// Damage found in a stream that still decoded: what the file promised against what decoded.
    var warnings: [String] = []
}

/// Hashes decoded samples in a canonical form (rate, channels, sample kind, then the samples
/// little-endian), so that lossless copies of the same audio in different containers agree.
struct SampleHasher {
    private var hasher = SHA256()

    init(sampleRate: Int, channels: Int, sampleKind: String) {
        hasher.update(data: Data("\(sampleRate)/\(channels)/\(sampleKind)\n".utf8))
    }

    mutating func update<T>(_ samples: UnsafeBufferPointer<T>) {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(samples))
    }

    func finish() -> String {
        Checksum.hex(hasher.finalize())
    }
}
