import DialectArchive
import Hummingbird

/// `/sessions/{id}`: an open session with its place, collection, participants (a restricted
/// speaker by id and role only) and its open recordings, each linked to its page.
struct SessionPage {
    let route: RecordPageRoute

    func add(to router: Router<WebContext>) {
        route.add(.sessions, template: Self.template, to: router) { id, archive, t in
            guard case .session(let detail) = try RecordPageRoute.item(.sessions, id, in: archive) else { throw ArchiveError.notFound(id: id) }
            return Self.content(detail, archive: archive, t: t)
        }
    }

    static func content(_ detail: SessionDetail, archive: Archive, t: [String: String]) -> RecordPageRoute.Content {
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
            // The speaker as anyone may see them: a restricted one by id and role only.
            let speaker: Speaker? = (try? archive.item(speakerId, includeRestricted: false)).flatMap {
                if case .speaker(let speaker) = $0 { return speaker } else { return nil }
            }
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
