import Foundation

/// The history of an RO-Crate's files as schema.org actions: an ingestion as a `CreateAction`
/// whose `result` is the files, a metadata modification, transcript revision, withdrawal or
/// deletion as an `UpdateAction` on them, a fixity check as a `CheckAction`, an earlier export
/// as a `ShareAction`; each with its agent (the operating-system user), time, description,
/// status and the Library of Congress event type as `additionalType`.
enum ROCrateActions {
    static func entities(_ events: [ProvenanceEvent]) -> (actions: [[String: Any]], agents: [[String: Any]]) {
        func ref(_ id: String) -> [String: String] { ["@id": id] }
        var actions: [[String: Any]] = []
        for event in events {
            let files = event.objects.map { ref($0.path) }
            var action: [String: Any] = [
                "@id": "#" + fragment(event.identifier), "@type": type(of: event.type), "name": event.type.term,
                "description": event.detail, "startTime": event.entry.at, "endTime": event.entry.at,
                "additionalType": ref(event.type.uri),
                "actionStatus": ref(event.succeeded ? "http://schema.org/CompletedActionStatus" : "http://schema.org/FailedActionStatus"),
            ]
            action[event.type == .ingestion ? "result" : "object"] = files
            if let user = event.entry.user { action["agent"] = ref("#agent-" + fragment(user)) }
            if !event.succeeded, let outcome = event.entry.outcome { action["error"] = outcome }
            actions.append(action)
        }
        let agents = Set(events.compactMap(\.entry.user)).sorted().map { user -> [String: Any] in
            ["@id": "#agent-" + fragment(user), "@type": "Person", "name": user,
             "description": "The operating-system user who ran the archive's command."]
        }
        return (actions, agents)
    }

    private static func type(of eventType: ProvenanceEvent.EventType) -> String {
        switch eventType {
        case .ingestion: return "CreateAction"
        case .fixityCheck: return "CheckAction"
        case .dissemination: return "ShareAction"
        default: return "UpdateAction"
        }
    }

    /// Text as it may stand in a `#fragment` identifier.
    private static func fragment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
