import Crypto

/// The MD5 that FLAC keeps of its unencoded samples, computed again from what decodes: each
/// sample little-endian in whole bytes, channels interleaved. A mismatch means the decoded
/// audio is not what the encoder was given.
struct FLACSampleMD5 {
    private var md5 = Insecure.MD5()
    private let bytesPerSample: Int
    /// libsndfile hands out samples scaled to 32 bits; this brings them back to the file's depth.
    private let shift: Int32
    private var scratch: [UInt8] = []

    /// Nil for depths libsndfile does not hand out exactly scaled (12 and 20 bits).
    init?(bitsPerSample: Int) {
        guard [8, 16, 24, 32].contains(bitsPerSample) else { return nil }
        bytesPerSample = bitsPerSample / 8
        shift = Int32(32 - bitsPerSample)
    }

    mutating func update(_ samples: UnsafeBufferPointer<Int32>) {
        let needed = samples.count * bytesPerSample
        if scratch.count < needed { scratch = [UInt8](repeating: 0, count: needed) }
        let shift = self.shift
        scratch.withUnsafeMutableBytes { out in
            // One loop per depth, so that each compiles to straight stores.
            switch bytesPerSample {
            case 1:
                for i in 0..<samples.count { out[i] = UInt8(truncatingIfNeeded: samples[i] >> shift) }
            case 2:
                for i in 0..<samples.count {
                    out.storeBytes(of: UInt16(truncatingIfNeeded: samples[i] >> shift).littleEndian, toByteOffset: 2 * i, as: UInt16.self)
                }
            case 3:
                for i in 0..<samples.count {
                    let value = UInt32(bitPattern: samples[i] >> shift)
                    out[3 * i] = UInt8(truncatingIfNeeded: value)
                    out[3 * i + 1] = UInt8(truncatingIfNeeded: value >> 8)
                    out[3 * i + 2] = UInt8(truncatingIfNeeded: value >> 16)
                }
            default:
                for i in 0..<samples.count { out.storeBytes(of: samples[i].littleEndian, toByteOffset: 4 * i, as: Int32.self) }
            }
        }
        scratch.withUnsafeBytes { md5.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<needed])) }
    }

    func finish() -> [UInt8] { Array(md5.finalize()) }
}
