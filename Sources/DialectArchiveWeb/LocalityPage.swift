import DialectArchive
import Hummingbird

/// `/localities/{id}`: a survey site with its classification and place on the map, the
/// speakers from it and the sessions recorded there that the visitor may see.
struct LocalityPage {
    let route: RecordPageRoute

    func add(to router: Router<WebContext>) {
        route.add(.localities, template: Self.template, to: router) { id, archive, reader, t in
            guard case .locality(let locality) = try RecordPageRoute.item(.localities, id, in: archive, as: reader) else {
                throw ArchiveError.notFound(id: id)
            }
            let speakers = try archive.speakers(from: locality.id, as: reader)
            let sessions = try archive.sessions(locality: locality.id, as: reader)
            try archive.noteAccess(by: reader, sessions: sessions.map(\.session.id), speakers: speakers.map(\.id),
                                   what: "view of locality \(id)")
            let sites = try archive.localities().map { other in
                SiteMap.Site(locality: other, link: "/localities/\(Links.encode(other.id))", selected: other.id == locality.id)
            }
            var content = Self.content(locality, speakers: speakers, sessions: sessions)
            content.view["map"] = SiteMap.render(sites, label: t["siteMap"]!, unclassifiedLabel: t["unclassified"]!)
            return content
        }
    }

    static func content(_ l: Locality, speakers: [Speaker], sessions: [SessionListing]) -> RecordPageRoute.Content {
        var coordinates = ""
        if let lat = l.latitude, let lon = l.longitude { coordinates = String(format: "%.4f, %.4f", lat, lon) }
        let view: [String: Any] = [
            "id": l.id, "name": l.name, "romanised": l.romanisedName ?? "", "classification": l.classification,
            "province": l.province ?? "", "prefecture": l.prefecture ?? "", "county": l.county ?? "", "township": l.township ?? "",
            "coordinates": coordinates, "glottocode": l.glottocode ?? "",
            "speakers": speakers.map { s in
                ["link": "/speakers/\(Links.encode(s.id))", "label": [s.id, s.name, s.role].compactMap { $0 }.joined(separator: " ")]
            },
            "hasSpeakers": !speakers.isEmpty,
            "sessions": RecordPageRoute.sessionRows(sessions), "hasSessions": !sessions.isEmpty,
            "json": "/api/localities/\(Links.encode(l.id))",
        ]
        return .init(title: l.name, view: view)
    }
}
