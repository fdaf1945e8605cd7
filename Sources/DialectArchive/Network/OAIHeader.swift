/// What an OAI-PMH record header says of a session: which, when it last changed, whether it
/// was withdrawn, and its sets.
struct OAIHeader: Equatable, Sendable {
    var session: String
    /// The stored time of the last change to the session or anything in it.
    var changedAt: String
    var deleted: Bool
    var collection: String
    /// The ISO 639-3 code of the session's locality.
    var language: String?

    var sets: [OAISet] {
        [.collection(collection)] + (language.map { [.language($0)] } ?? [])
    }
}
