/// Writes Praat's long text format, which Praat, praatio and every TextGrid library read.
enum TextGridWriter {
    static func document(for transcript: Transcript) throws -> String {
        let allAnnotations = transcript.tiers.flatMap(\.annotations)
        let gridStart = transcript.startMs ?? min(0, allAnnotations.map(\.startMs).min() ?? 0)
        let gridEnd = transcript.durationMs.map { (transcript.startMs ?? 0) + $0 }
            ?? max(gridStart, allAnnotations.map(\.endMs).max() ?? gridStart)

        var out = """
        File type = "ooTextFile"
        Object class = "TextGrid"

        xmin = \(seconds(gridStart)) 
        xmax = \(seconds(gridEnd)) 

        """
        if transcript.tiers.isEmpty {
            out += "tiers? <absent> \n"
            return out
        }
        out += "tiers? <exists> \nsize = \(transcript.tiers.count) \nitem []: \n"
        for (number, tier) in zip(1..., transcript.tiers) {
            let annotations = inTimeOrder(tier.annotations)
            // A tier may reach past the grid (Praat files do this); its own bounds
            // then widen rather than cut an annotation.
            let tierStart = min(gridStart, annotations.first?.startMs ?? gridStart)
            let tierEnd = max(gridEnd, annotations.map(\.endMs).max() ?? gridEnd)
            out += "    item [\(number)]:\n"
            out += "        class = \"\(tier.type == .point ? "TextTier" : "IntervalTier")\" \n"
            out += "        name = \(quoted(tier.name)) \n"
            out += "        xmin = \(seconds(tierStart)) \n"
            out += "        xmax = \(seconds(tierEnd)) \n"
            if tier.type == .point {
                out += "        points: size = \(annotations.count) \n"
                for (index, point) in zip(1..., annotations) {
                    out += "        points [\(index)]:\n"
                    out += "            number = \(seconds(point.startMs)) \n"
                    out += "            mark = \(quoted(point.text)) \n"
                }
            } else {
                let intervals = try filled(annotations, from: tierStart, to: tierEnd, tier: tier.name)
                out += "        intervals: size = \(intervals.count) \n"
                for (index, interval) in zip(1..., intervals) {
                    out += "        intervals [\(index)]:\n"
                    out += "            xmin = \(seconds(interval.startMs)) \n"
                    out += "            xmax = \(seconds(interval.endMs)) \n"
                    out += "            text = \(quoted(interval.text)) \n"
                }
            }
        }
        return out
    }

    /// The annotations with empty intervals in the gaps, so that the tier covers
    /// `start...end` without holes, as a Praat interval tier must.
    static func filled(_ annotations: [Annotation], from start: Int, to end: Int, tier: String) throws -> [Annotation] {
        var intervals: [Annotation] = []
        intervals.reserveCapacity(annotations.count * 2 + 1)
        var cursor = start
        for annotation in annotations {
            if annotation.startMs < cursor, let previous = intervals.last {
                throw TranscriptError(file: "", reason: "tier \"\(tier)\" has overlapping annotations (\(seconds(previous.startMs))–\(seconds(previous.endMs)) s and \(seconds(annotation.startMs))–\(seconds(annotation.endMs)) s), which a TextGrid interval tier cannot hold")
            }
            if annotation.startMs > cursor {
                intervals.append(Annotation(startMs: cursor, endMs: annotation.startMs, text: ""))
            }
            intervals.append(Annotation(startMs: annotation.startMs, endMs: annotation.endMs, text: annotation.text))
            cursor = annotation.endMs
        }
        if cursor < end {
            intervals.append(Annotation(startMs: cursor, endMs: end, text: ""))
        }
        return intervals
    }

    private static func inTimeOrder(_ annotations: [Annotation]) -> [Annotation] {
        annotations.enumerated().sorted {
            ($0.element.startMs, $0.element.endMs, $0.offset) < ($1.element.startMs, $1.element.endMs, $1.offset)
        }.map(\.element)
    }

    private static func seconds(_ milliseconds: Int) -> String {
        Milliseconds.secondsLiteral(milliseconds)
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
