import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file for a decoder while hashing (and optionally copying) every byte exactly once,
/// in file order, whatever the decoder's seeks: the file checksum and the archive copy come
/// out of the same pass that decodes the audio.
final class HashingFileReader {
    let path: String
    let size: Int64
    private let fd: Int32
    private var hasher = SHA256()
    /// Bytes before this offset have been hashed (and copied).
    private(set) var watermark: Int64 = 0
    /// Current position for the sequential read/seek interface decoders use.
    var position: Int64 = 0
    private let copy: FileHandle?
    /// Sees every byte once, in file order, as it is hashed (a container check walking pages).
    private var observer: ((UnsafeRawBufferPointer) -> Void)?
    /// Why writing the copy stopped: reading and hashing go on, so that a failure of the
    /// archive's disk is never mistaken for damage to the source, and `finish` reports it.
    private var copyFailure: Error?
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)

    init(path: String, copyTo copy: FileHandle? = nil) throws {
        self.path = path
        self.copy = copy
        var info = stat()
        guard stat(path, &info) == 0 else { throw AudioError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw AudioError.unreadable(path: path, reason: "not a regular file") }
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw AudioError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        size = Int64(info.st_size)
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
    }

    deinit { close(fd) }

    /// Reads up to `count` bytes at `offset` into `buffer`, hashing whatever is new.
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws -> Int {
        guard count > 0, offset < size else { return 0 }
        try catchUp(to: offset)
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + Int64(done)))
            if n < 0 {
                if errno == EINTR { continue }
                throw AudioError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            done += n
        }
        let end = offset + Int64(done)
        if end > watermark {
            let fresh = Int(end - watermark)
            let start = UnsafeRawBufferPointer(start: buffer + Int(watermark - offset), count: fresh)
            absorb(start)
            watermark = end
        }
        return done
    }

    /// Sequential read at `position`, as decoders use it.
    func readSequential(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let n = try read(into: buffer, count: count, at: position)
        position += Int64(n)
        return n
    }

    /// Reads `count` bytes at `offset` as an array (for headers).
    func bytes(at offset: Int64, count: Int) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        let n = try result.withUnsafeMutableBytes { try read(into: $0.baseAddress!, count: count, at: offset) }
        return Array(result.prefix(n))
    }

    /// Hashes the rest of the file (bytes no decoder asked for, such as trailing chunks)
    /// and returns the SHA-256 of the whole file; throws `ArchiveCopyFailure` when the copy
    /// could not be written.
    func finish() throws -> String {
        try catchUp(to: size)
        if let copyFailure { throw ArchiveCopyFailure(underlying: copyFailure) }
        return Checksum.hex(hasher.finalize())
    }

    private func catchUp(to offset: Int64) throws {
        while watermark < offset {
            let want = Int(min(Int64(scratch.count), offset - watermark))
            let n = scratch.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(watermark)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AudioError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { throw AudioError.unreadable(path: path, reason: "file shrank while it was being read") }
            scratch.withUnsafeBytes { absorb(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            watermark += Int64(n)
        }
    }

    /// Hands `observer` every byte of the file in order: those already hashed now, the rest as
    /// they are read.
    func observe(_ observer: @escaping (UnsafeRawBufferPointer) -> Void) throws {
        var done: Int64 = 0
        while done < watermark {
            let want = Int(min(Int64(scratch.count), watermark - done))
            let n = scratch.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(done)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw AudioError.unreadable(path: path, reason: n < 0 ? String(cString: strerror(errno)) : "file shrank while it was being read") }
            scratch.withUnsafeBytes { observer(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            done += Int64(n)
        }
        self.observer = observer
    }

    private func absorb(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        observer?(bytes)
        if let copy, copyFailure == nil {
            do { try copy.write(contentsOf: Data(bytes)) } catch { copyFailure = error }
        }
    }
}

/// Writing the archive's copy of a source failed (the archive's disk, not the source).
struct ArchiveCopyFailure: Error {
    var underlying: Error
}
