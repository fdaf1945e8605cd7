/// An ELAN file as written, before any time is worked out: ids and references are
/// still strings, and every element remembers its byte offset so that errors found
/// later (a dangling reference, a cycle) can still name a line.
struct EAFDocument {
    struct MediaDescriptor {
        var url: String?
        var relativeURL: String?
        var timeOrigin: Int?
    }

    struct TimeSlot {
        var id: String
        /// `nil` for a slot ELAN left unaligned (no `TIME_VALUE`).
        var value: Int?
        var offset: Int
    }

    struct Tier {
        var id: String
        var participant: String?
        var language: String?
        var linguisticType: String?
        var parent: String?
        var offset: Int
        /// Indices into `EAFDocument.annotations`, in document order.
        var annotations: [Int] = []
    }

    struct Annotation {
        enum Anchor {
            case alignable(startSlot: String, endSlot: String)
            case reference(parent: String, previous: String?)
        }
        var id: String
        var tier: Int
        var anchor: Anchor
        var text: String
        var offset: Int

        var isReference: Bool {
            if case .reference = anchor { return true }
            return false
        }
    }

    struct LinguisticType {
        var constraint: String?
        var timeAlignable: Bool?
    }

    var timeUnits: String?
    var headerMediaFile: String?
    var media: [MediaDescriptor] = []
    var slots: [TimeSlot] = []
    var tiers: [Tier] = []
    var annotations: [Annotation] = []
    var linguisticTypes: [String: LinguisticType] = [:]
}
