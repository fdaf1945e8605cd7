import Foundation

/// Renders millisecond times the way transcription tools show them.
public enum TimeFormat {
    /// `mm:ss.mmm`, or `h:mm:ss.mmm` past an hour.
    public static func clock(_ ms: Int64) -> String {
        let sign = ms < 0 ? "-" : ""
        let total = abs(ms)
        let hours = total / 3_600_000, minutes = total / 60_000 % 60, seconds = total / 1000 % 60, millis = total % 1000
        if hours > 0 { return String(format: "%@%lld:%02lld:%02lld.%03lld", sign, hours, minutes, seconds, millis) }
        return String(format: "%@%02lld:%02lld.%03lld", sign, minutes, seconds, millis)
    }

    /// Hours with one decimal, as archive statistics give them.
    public static func hours(_ ms: Int64) -> String {
        String(format: "%.2f h", Double(ms) / 3_600_000)
    }
}

/// Renders byte counts for people.
public enum ByteCount {
    public static func human(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes), unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}

extension TimeFormat {
    /// `mm'ss.mmm` without characters that file systems dislike: `01m02s345`.
    public static func fileStamp(_ ms: Int64) -> String {
        String(format: "%02lldm%02llds%03lld", ms / 60_000, ms / 1000 % 60, ms % 1000)
    }

    /// Reads `1234` (milliseconds), `1.5s`, `mm:ss.mmm` or `h:mm:ss.mmm`.
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let ms = Int64(trimmed) { return ms }
        if trimmed.hasSuffix("s"), let seconds = Double(trimmed.dropLast()) { return Int64((seconds * 1000).rounded()) }
        let parts = trimmed.split(separator: ":").map(String.init)
        guard (2...3).contains(parts.count), let seconds = Double(parts.last!) else { return nil }
        var total = seconds * 1000
        var multiplier = 60_000.0
        for part in parts.dropLast().reversed() {
            guard let value = Int(part) else { return nil }
            total += Double(value) * multiplier
            multiplier *= 60
        }
        return Int64(total.rounded())
    }
}
