import Foundation

/// Datestamps as OAI-PMH writes them (`YYYY-MM-DDThh:mm:ssZ`, UTC) and the `from` and `until`
/// bounds a harvester gives, at day or second granularity.
enum OAIDatestamp {
    /// The datestamp of a stored time (`2024-05-01T08:30:00.123Z`): to the second.
    static func of(_ stored: String) -> String {
        String(stored.prefix(19)) + "Z"
    }

    /// A bound of a selective harvest as `YYYY-MM-DDThh:mm:ss`, comparable with stored times;
    /// a day alone stands for its first second (`from`) or its last (`until`).
    static func bound(_ text: String, argument: String) throws -> (bound: String, dayOnly: Bool) {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        if text.count == 10 {
            formatter.formatOptions = [.withFullDate]
            guard formatter.date(from: text) != nil, text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else {
                throw OAIError(.badArgument, "\(argument) '\(text)' is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDThh:mm:ssZ)")
            }
            return (text + (argument == "until" ? "T23:59:59" : "T00:00:00"), true)
        }
        formatter.formatOptions = [.withInternetDateTime]
        guard text.count == 20, text.hasSuffix("Z"), let date = formatter.date(from: text), formatter.string(from: date) == text else {
            throw OAIError(.badArgument, "\(argument) '\(text)' is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDThh:mm:ssZ)")
        }
        return (String(text.prefix(19)), false)
    }

    /// The time now as a datestamp.
    static func now(_ date: Date = Date()) -> String {
        of(CalendarDate.timestamp(date))
    }
}
