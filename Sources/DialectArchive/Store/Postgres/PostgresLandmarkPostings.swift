import PostgresNIO

/// How the PostgreSQL landmark index packs a hash's (recording, frame) pairs into one `bytea`
/// (migration v6): 12 bytes a pair, the recording as 8 bytes and the frame as 4, big-endian, as
/// PostgreSQL's own `int8send` and `int4send` write them.
enum PostgresLandmarkPostings {
    static let pairBytes = 12

    /// Lines of `COPY … (hash, postings) FROM STDIN` in text format, one per hash, made from
    /// landmark rows sorted by hash. A hash's rows may arrive over several calls of `add`: its
    /// line is written when the next hash starts, or at `finish`.
    struct Lines {
        private(set) var text = ByteBuffer()
        private var hash: Int32?
        private var pairs: [UInt8] = []
        private static let hexDigits = Array("0123456789abcdef".utf8)

        mutating func add(hash rowHash: Int32, recordingId: Int64, frame: Int32) {
            if rowHash != hash {
                flush()
                hash = rowHash
            }
            withUnsafeBytes(of: recordingId.bigEndian) { pairs.append(contentsOf: $0) }
            withUnsafeBytes(of: frame.bigEndian) { pairs.append(contentsOf: $0) }
        }

        /// Writes the last hash's line.
        mutating func finish() { flush() }

        /// Hands over the lines written so far.
        mutating func take() -> ByteBuffer {
            defer { text = ByteBuffer() }
            return text
        }

        private mutating func flush() {
            guard let hash, !pairs.isEmpty else { return }
            // COPY's text format reads `\\x` as the start of bytea's hex form.
            text.writeString("\(hash)\t\\\\x")
            text.writeWithUnsafeMutableBytes(minimumWritableBytes: pairs.count * 2) { out in
                for (i, byte) in pairs.enumerated() {
                    out[2 * i] = Self.hexDigits[Int(byte >> 4)]
                    out[2 * i + 1] = Self.hexDigits[Int(byte & 0x0f)]
                }
                return pairs.count * 2
            }
            text.writeString("\n")
            pairs.removeAll(keepingCapacity: true)
        }
    }

    /// Calls `pair` for every (recording, frame) of `postings`.
    static func forEach(in postings: ByteBuffer, _ pair: (_ recordingId: Int64, _ frame: Int32) -> Void) {
        postings.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset + pairBytes <= bytes.count {
                let recording = Int64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
                let frame = Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self))
                pair(recording, frame)
                offset += pairBytes
            }
        }
    }
}
