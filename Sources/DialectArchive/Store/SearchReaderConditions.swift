/// What a search adds for its reader, written once for SQLite and PostgreSQL: the access
/// conditions, only when something is restricted or closed, and the withdrawal conditions,
/// only when something is withdrawn (most archives have neither, and their searches skip the
/// joins these need).
enum SearchReaderConditions {
    /// One row of two truths: whether any session or recording is not open, and whether any
    /// session, recording or transcript is withdrawn.
    static let whatIsWithheld = """
        SELECT (EXISTS (SELECT 1 FROM session WHERE access != 'open')
                OR EXISTS (SELECT 1 FROM recording WHERE access IS NOT NULL AND access != 'open')),
               (EXISTS (SELECT 1 FROM session WHERE withdrawn_at IS NOT NULL)
                OR EXISTS (SELECT 1 FROM recording WHERE withdrawn_at IS NOT NULL)
                OR EXISTS (SELECT 1 FROM transcript WHERE withdrawn_at IS NOT NULL))
        """

    /// SQL conditions over `session se`, `recording r` and `transcript t` for `reader`, given
    /// the answers of `whatIsWithheld`.
    static func conditions(for reader: Reader, restricted: Bool, withdrawn: Bool) -> [String] {
        var conditions: [String] = []
        if restricted, let access = reader.recordingCondition { conditions.append(access) }
        // Withdrawn material is never found, whatever its access.
        if withdrawn { conditions.append(["se", "r", "t"].map(Withdrawal.present).joined(separator: " AND ")) }
        return conditions
    }
}
