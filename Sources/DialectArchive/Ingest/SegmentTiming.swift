/// Segments a transcript places where its recording has no sound: ending after the recording
/// ends, or ending before they start. Each tier gets one warning for each, naming the first such
/// segment and how many there are, so a shifted or truncated transcript is noticed at ingest.
enum SegmentTiming {
    /// Tools measure a recording's end a little differently (rounding, MP3 padding): a segment
    /// ending this little after it is not out of place.
    static let slackMs: Int64 = 50

    struct Span {
        var startMs: Int64
        var endMs: Int64
    }

    /// The warnings for one tier's segments; `recordingMs` is nil while there is no recording.
    static func warnings(tier: String, spans: [Span], recordingMs: Int64?) -> [String] {
        var warnings: [String] = []
        let backwards = spans.filter { $0.endMs < $0.startMs }
        if let first = backwards.first {
            warnings.append("tier '\(tier)': \(count(backwards.count)) \(backwards.count == 1 ? "ends before it starts" : "end before they start"), "
                + "\(backwards.count == 1 ? "at" : "the first at") \(span(first)); stored as written")
        }
        if let recordingMs {
            let past = spans.filter { max($0.startMs, $0.endMs) > recordingMs + slackMs }
            if let first = past.first {
                warnings.append("tier '\(tier)': \(count(past.count)) \(past.count == 1 ? "ends" : "end") after the recording does "
                    + "(\(TimeFormat.clock(recordingMs))), \(past.count == 1 ? "at" : "the first at") \(span(first)); stored as written")
            }
        }
        return warnings
    }

    private static func count(_ n: Int) -> String { n == 1 ? "1 segment" : "\(n) segments" }

    private static func span(_ span: Span) -> String {
        "\(TimeFormat.clock(span.startMs))–\(TimeFormat.clock(span.endMs))"
    }
}
