import Foundation

extension Archive {
    /// A recording's waveform overview: the loudest sample (0…1, over all channels) of each of
    /// `count` equal stretches of it. Computed once from the stored original and then kept
    /// under the archive in `cache/peaks/`, named by the file's SHA-256; an archive that cannot
    /// be written to computes them again each time. Access as for `item`.
    public func waveformPeaks(recording id: Int64, count: Int = 600, includeRestricted: Bool = false) throws -> [Float] {
        guard case .recording(let detail) = try item("\(id)", includeRestricted: includeRestricted) else {
            throw ArchiveError.notFound(id: "\(id)")
        }
        let recording = detail.recording
        let cached = url.appendingPathComponent("cache/peaks/\(recording.sha256)-\(count).json")
        if let data = try? Data(contentsOf: cached), let peaks = try? JSONDecoder().decode([Float].self, from: data), peaks.count == count {
            return peaks
        }
        let peaks = try Self.peaks(of: absolute(recording.storedPath), frames: recording.frames, count: count)
        try? FileManager.default.createDirectory(at: cached.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? JSONEncoder().encode(peaks).write(to: cached, options: .atomic)
        return peaks
    }

    static func peaks(of file: URL, frames: Int64, count: Int) throws -> [Float] {
        let reader = try SampleReader(file)
        let channels = reader.channels, total = max(frames, 1)
        var peaks = [Float](repeating: 0, count: count)
        var done: Int64 = 0
        while true {
            let read = try reader.read(frames: 65_536) { block, n in
                for frame in 0..<n {
                    let bucket = min(count - 1, Int((done + Int64(frame)) * Int64(count) / total))
                    var loudest: Float = 0
                    for channel in 0..<channels {
                        let sample: Float
                        switch block {
                        case .int(let samples): sample = Float(abs(Double(samples[frame * channels + channel])) / Double(Int32.max))
                        case .float(let samples): sample = abs(samples[frame * channels + channel])
                        }
                        loudest = max(loudest, sample)
                    }
                    peaks[bucket] = max(peaks[bucket], min(loudest, 1))
                }
            }
            if read == 0 { break }
            done += Int64(read)
        }
        return peaks
    }
}
