import Foundation

/// How access conditions combine. A recording is open when its session is open and it has no
/// stricter condition of its own; a condition with an `until` date in the past has lapsed.
/// A speaker's condition guards the person's own record (name, birth year, education,
/// occupation, consent): a restricted speaker's recordings follow their session, but the
/// person is shown by id and role only.
enum AccessRules {
    static func isOpen(access: String?, until: String?, today: String = CalendarDate.today()) -> Bool {
        guard let access, access != "open" else { return true }
        if let until, until < today { return true }
        return false
    }
}

/// What an access change applies to.
public enum AccessTarget: Equatable, CustomStringConvertible {
    case session(String)
    case recording(Int64)
    case speaker(String)

    public var description: String {
        switch self {
        case .session(let id): return "session \(id)"
        case .recording(let id): return "recording \(id)"
        case .speaker(let id): return "speaker \(id)"
        }
    }
}
