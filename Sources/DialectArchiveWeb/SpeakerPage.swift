import DialectArchive
import Hummingbird

/// `/speakers/{id}`: a speaker with the sessions they took part in that the visitor may see. A
/// restricted speaker is shown by id and role only, as `show` shows them without
/// `--include-restricted`, unless the visitor is granted a collection they were recorded for.
struct SpeakerPage {
    let route: RecordPageRoute

    func add(to router: Router<WebContext>) {
        route.add(.speakers, template: Self.template, to: router) { id, archive, reader, t in
            guard case .speaker(let speaker) = try RecordPageRoute.item(.speakers, id, in: archive, as: reader) else {
                throw ArchiveError.notFound(id: id)
            }
            let sessions = try archive.sessions(speaker: speaker.id, as: reader)
            try archive.noteAccess(by: reader, sessions: sessions.map(\.session.id), speakers: [speaker.id], what: "view of speaker \(id)")
            var locality: Locality?
            if let localityId = speaker.localityId, case .locality(let found)? = try? archive.item(localityId) { locality = found }
            return Self.content(speaker, locality: locality, sessions: sessions)
        }
    }

    static func content(_ s: Speaker, locality: Locality?, sessions: [SessionListing]) -> RecordPageRoute.Content {
        let restricted = s.access != "open" && s.name == nil
        var view: [String: Any] = [
            "id": s.id, "name": s.name ?? "", "role": s.role ?? "", "restricted": restricted,
            "sex": s.sex ?? "", "birthYear": s.birthYear.map(String.init) ?? "", "education": s.education ?? "",
            "occupation": s.occupation ?? "", "languages": s.languages ?? "",
            "consent": [s.consentDate, s.consentScope].compactMap { $0 }.joined(separator: " "),
            "sessions": RecordPageRoute.sessionRows(sessions), "hasSessions": !sessions.isEmpty,
            "json": "/api/speakers/\(Links.encode(s.id))",
        ]
        if let locality { view["locality"] = ["name": locality.name, "link": "/localities/\(Links.encode(locality.id))"] }
        return .init(title: [s.id, s.name].compactMap { $0 }.joined(separator: " "), view: view)
    }
}
