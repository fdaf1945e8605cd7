import Foundation

/// The waveform overview of a recording as one SVG path: a bar per peak, mirrored about the
/// middle line, drawn on the server so that the page needs no script for it.
enum Waveform {
    static let height = 60.0

    /// The path's `d`: for each peak a vertical stroke from above to below the middle.
    static func path(_ peaks: [Float]) -> String {
        let middle = height / 2
        return peaks.enumerated().map { index, peak in
            let half = max(0.5, Double(peak) * middle)
            return String(format: "M%d %.1fV%.1f", index, middle - half, middle + half)
        }.joined()
    }
}
