import Foundation

/// ISO calendar dates (`yyyy-mm-dd`) as the archive stores them.
enum CalendarDate {
    /// True when `text` is `yyyy-mm-dd` and names a day that exists.
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// Normalises the forms spreadsheets write (`2024/5/6`, `2024.05.06`) to `yyyy-mm-dd`; nil when not a date.
    static func normalise(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(whereSeparator: { "-/.".contains($0) }).map(String.init)
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]),
              let month = Int(parts[1]), let day = Int(parts[2]),
              parts[1].count <= 2, parts[2].count <= 2 else { return nil }
        let candidate = String(format: "%04d-%02d-%02d", year, month, day)
        return isValid(candidate) ? candidate : nil
    }

    /// Now as an ISO 8601 timestamp in UTC, for audit events and ingest times.
    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

extension CalendarDate {
    /// Today's date, `yyyy-mm-dd`, in UTC.
    static func today() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
