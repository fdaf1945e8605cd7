import Foundation

/// A Praat TextGrid of about `targetBytes` in the long text format Praat saves by
/// default: a character tier and an IPA tier whose intervals cover the recording
/// (speech turns with silences between them, as forced aligners write them), and a
/// point tier marking each turn's start.
func generateTextGrid(at url: URL, targetBytes: Int) throws -> (bytes: Int, intervals: Int) {
    let writer = try ChunkedWriter(url)
    var generator = Generator()
    // A turn costs about 745 bytes: two intervals in each of two tiers, and a point.
    let turns = max(1, targetBytes / 745)
    var bounds: [Int] = [0]
    var lengths: [Int] = []
    bounds.reserveCapacity(2 * turns + 1)
    for _ in 0..<turns {
        bounds.append(bounds[bounds.count - 1] + 200 + generator.next(800))
        bounds.append(bounds[bounds.count - 1] + 1500 + generator.next(4000))
        lengths.append(8 + generator.next(23))
    }
    let end = bounds[bounds.count - 1]
    func seconds(_ ms: Int) -> String { String(format: "%d.%03d", ms / 1000, ms % 1000) }
    try writer.emit("""
        File type = "ooTextFile"
        Object class = "TextGrid"

        xmin = 0 
        xmax = \(seconds(end)) 
        tiers? <exists> 
        size = 3 
        item []: 

        """)
    for (number, name) in ["汉字", "IPA"].enumerated() {
        try writer.emit("""
                item [\(number + 1)]:
                    class = "IntervalTier" 
                    name = "\(name)" 
                    xmin = 0 
                    xmax = \(seconds(end)) 
                    intervals: size = \(2 * turns) 

            """)
        for interval in 0..<(2 * turns) {
            var text = ""
            if interval % 2 == 1 {
                let length = lengths[interval / 2]
                text = number == 0
                    ? String((0..<length).map { _ in generator.pick(characters) })
                    : (0..<length).map { _ in generator.pick(syllables) }.joined(separator: " ")
            }
            try writer.emit("""
                        intervals [\(interval + 1)]:
                            xmin = \(seconds(bounds[interval])) 
                            xmax = \(seconds(bounds[interval + 1])) 
                            text = "\(text)" 

                """)
        }
    }
    try writer.emit("""
            item [3]:
                class = "TextTier" 
                name = "turns" 
                xmin = 0 
                xmax = \(seconds(end)) 
                points: size = \(turns) 

        """)
    for turn in 0..<turns {
        try writer.emit("""
                    points [\(turn + 1)]:
                        number = \(seconds(bounds[2 * turn + 1])) 
                        mark = "\(turn % 2 == 0 ? "老男" : "青女")" 

            """)
    }
    return (try writer.finish(), 4 * turns + turns)
}
