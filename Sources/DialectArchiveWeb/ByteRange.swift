import Foundation

/// What an HTTP `Range` header asks of a file of `size` bytes. Only a single `bytes=` range
/// is honoured; anything else is answered with the whole file, as RFC 9110 allows.
enum ByteRange: Equatable {
    case whole
    case part(ClosedRange<Int>)
    case unsatisfiable

    init(_ header: String?, size: Int) {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { self = .whole; return }
        let spec = header.dropFirst("bytes=".count)
        let bounds = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard bounds.count == 2 else { self = .whole; return }
        let first = bounds[0].trimmingCharacters(in: .whitespaces), last = bounds[1].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            // A suffix: the last N bytes.
            guard let count = Int(last) else { self = .whole; return }
            self = count > 0 && size > 0 ? .part(max(0, size - count)...(size - 1)) : .unsatisfiable
            return
        }
        guard let start = Int(first), start >= 0 else { self = .whole; return }
        guard start < size else { self = .unsatisfiable; return }
        if last.isEmpty { self = .part(start...(size - 1)); return }
        guard let end = Int(last), end >= start else { self = .whole; return }
        self = .part(start...min(end, size - 1))
    }
}
