import Foundation

extension Transcript {
    /// The transcript written in a format, as UTF-8.
    ///
    /// ```swift
    /// let eaf = try Transcript.read(contentsOf: URL(fileURLWithPath: "story.eaf"))
    /// try eaf.data(as: .textgrid).write(to: URL(fileURLWithPath: "story.TextGrid"))
    /// ```
    ///
    /// - `eaf`: ELAN 3.0 with its TIME_ORDER, linguistic types and constraints; reference
    ///   tiers become REF_ANNOTATIONs under the parent annotation that contains them.
    /// - `textgrid`: the long text format; interval and reference tiers become
    ///   IntervalTiers whose gaps are filled with empty intervals (Praat requires them
    ///   to cover the grid), point tiers become TextTiers.
    /// - `vtt`, `srt`: one cue per annotation of every interval and reference tier, in
    ///   time order; point tiers are left out, since a cue needs a duration.
    ///
    /// Reading the result gives this transcript back, apart from what the target
    /// format cannot hold (gap intervals in a TextGrid, tiers in subtitles).
    ///
    /// - Throws: `TranscriptError` (with an empty `file`) when the content cannot be
    ///   expressed in the format, e.g. overlapping intervals in one TextGrid tier or a
    ///   blank line inside a WebVTT cue.
    public func data(as format: Format) throws -> Data {
        try requireTimesInRange()
        switch format {
        case .eaf: return Data(try EAFWriter.document(for: self).utf8)
        case .textgrid: return Data(try TextGridWriter.document(for: self).utf8)
        case .vtt: return Data(try SubtitleWriter.webVTT(for: self).utf8)
        case .srt: return Data(try SubtitleWriter.subRip(for: self).utf8)
        }
    }

    /// Keeps the writers' arithmetic (grid ends, slot sorting) far from overflow.
    private func requireTimesInRange() throws {
        func check(_ time: Int) throws {
            guard time.magnitude <= Milliseconds.limit else {
                throw TranscriptError(file: "", reason: "the time \(time) ms is beyond what any recording can have")
            }
        }
        try startMs.map(check)
        try durationMs.map(check)
        for tier in tiers {
            for annotation in tier.annotations {
                try check(annotation.startMs)
                try check(annotation.endMs)
            }
        }
    }
}
