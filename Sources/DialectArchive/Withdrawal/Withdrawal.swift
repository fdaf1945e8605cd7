/// When, by whom and why a session, recording or transcript was withdrawn, and when its
/// stored files were purged. Withdrawn material keeps its row and checksum but is left out of
/// search, listings, compare, identify, duplicates, stats and exports, whatever its access.
public struct Withdrawal: Codable, Equatable, Sendable {
    public var at: String
    /// The operating-system user who withdrew it.
    public var by: String
    public var reason: String
    /// When its stored files were deleted; nil while they are kept.
    public var purged: String?
}

/// Why a withdrawal was refused; nothing was changed.
public enum WithdrawalError: Error, CustomStringConvertible, Equatable {
    case noReason
    case notWithdrawable(id: String, kind: String)
    case alreadyWithdrawn(what: String, Withdrawal)
    case alreadyPurged(what: String, at: String)
    case purgeNeedsConfirmation(what: String, files: Int, bytes: Int64)
    case filesNotDeleted(what: String, files: [String])
    case sessionWithdrawn(id: String, Withdrawal)

    public var description: String {
        switch self {
        case .noReason:
            return "a withdrawal needs a reason (--reason TEXT), such as the speaker's withdrawn consent"
        case .notWithdrawable(let id, let kind):
            return "\(id) is a \(kind); only a session or a recording can be withdrawn"
        case .alreadyWithdrawn(let what, let withdrawal):
            return "\(what) was already withdrawn on \(withdrawal.at) by \(withdrawal.by): \(withdrawal.reason)"
        case .alreadyPurged(let what, let at):
            return "\(what) is already withdrawn and its files were purged on \(at)"
        case .purgeNeedsConfirmation(let what, let files, let bytes):
            return "--purge would delete \(files) stored files (\(bytes) bytes) of \(what) for good; "
                + "add --yes to confirm. Nothing was changed"
        case .sessionWithdrawn(let id, let withdrawal):
            return "session \(id) was withdrawn on \(withdrawal.at) (\(withdrawal.reason)): nothing new is filed under it"
        case .filesNotDeleted(let what, let files):
            return "\(what) is withdrawn and recorded as purged, but these files could not be deleted: " + files.joined(separator: "; ")
        }
    }
}
