import Foundation

extension TestSupport {
    /// A 2-second Praat TextGrid (long text format) with one interval tier holding one interval,
    /// `text` from `start` to 1.5 s; quotes in the text doubled as Praat writes them.
    static func oneIntervalTextGrid(tier: String, text: String, from start: Double = 0) -> String {
        """
        File type = "ooTextFile"
        Object class = "TextGrid"

        xmin = 0
        xmax = 2
        tiers? <exists>
        size = 1
        item []:
            item [1]:
                class = "IntervalTier"
                name = "\(tier)"
                xmin = 0
                xmax = 2
                intervals: size = 1
                intervals [1]:
                    xmin = \(start)
                    xmax = 1.5
                    text = "\(text.replacingOccurrences(of: "\"", with: "\"\""))"

        """
    }
}
