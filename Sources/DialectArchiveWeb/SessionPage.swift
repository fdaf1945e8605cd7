import DialectArchive
import Hummingbird

/// `/sessions/{id}`: a session the visitor may see, with its place, collection, participants
/// (a restricted speaker by id and role only, unless the visitor is granted them) and the
/// recordings the visitor may hear, each linked to its page.
struct SessionPage {
    let route: RecordPageRoute

    func add(to router: Router<WebContext>) {
        route.add(.sessions, template: Self.template, to: router) { id, archive, reader, t in
            guard case .session(let detail) = try RecordPageRoute.item(.sessions, id, in: archive, as: reader) else {
                throw ArchiveError.notFound(id: id)
            }
            var speakers: [String: Speaker] = [:]
            for speakerId in detail.participants.compactMap(\.speakerId) {
                if case .speaker(let speaker)? = try? archive.item(speakerId, as: reader, audited: false) { speakers[speakerId] = speaker }
            }
            try archive.noteAccess(by: reader, recordings: detail.recordings.compactMap(\.id), sessions: [detail.session.id],
                                   speakers: Array(speakers.keys), what: "view of session \(id)")
            return Self.content(detail, speakers: speakers, t: t)
        }
    }

    /// The page of `detail`, its participants shown as `speakers` (by id) holds them.
    static func content(_ detail: SessionDetail, speakers: [String: Speaker], t: [String: String]) -> RecordPageRoute.Content {
        let s = detail.session
        var view: [String: Any] = [
            "id": s.id, "title": s.title ?? "", "date": s.date ?? "", "content": s.contentType ?? "", "recorder": s.recorder ?? "",
            "keywords": s.keywords ?? "", "description": s.description ?? "", "access": s.access,
            "collection": s.collectionId, "collectionLink": "/collections/\(Links.encode(s.collectionId))",
            "json": "/api/sessions/\(Links.encode(s.id))",
        ]
        if let locality = detail.locality {
            view["locality"] = ["name": locality.name, "classification": locality.classification,
                                "link": "/localities/\(Links.encode(locality.id))"]
        }
        if let withdrawn = detail.withdrawn { view["withdrawn"] = "\(withdrawn.at): \(withdrawn.reason)" }
        view["participants"] = detail.participants.map { participant -> [String: Any] in
            guard let speakerId = participant.speakerId else { return ["role": participant.role, "label": participant.name ?? ""] }
            let speaker = speakers[speakerId]
            let label = [speakerId, speaker?.name, speaker?.role].compactMap { $0 }.joined(separator: " ")
            return ["role": participant.role, "label": label, "link": "/speakers/\(Links.encode(speakerId))"]
        }
        view["recordings"] = detail.recordings.map { r in
            ["link": "/recordings/\(r.id!)", "number": r.id!, "name": r.originalName, "length": TimeFormat.clock(r.durationMs),
             "format": "\(r.container)/\(r.codec)"] as [String: Any]
        }
        view["hasRecordings"] = !detail.recordings.isEmpty
        return .init(title: s.title ?? s.id, view: view)
    }
}
