import DialectArchive

/// The sessions harvested from other archives as the home page shows them: sites on the map,
/// one per place of each archive, and a list of the latest, each linked to its archive.
enum RemoteSites {
    /// How many remote sessions the home page lists; the rest are counted.
    static let listed = 50

    static func sites(_ sessions: [RemoteSession]) -> [SiteMap.Site] {
        var order: [String] = [], byPlace: [String: [RemoteSession]] = [:]
        for session in sessions {
            guard let latitude = session.latitude, let longitude = session.longitude else { continue }
            let key = "\(session.archiveBaseURL)\u{0}\(latitude)\u{0}\(longitude)"
            if byPlace[key] == nil { order.append(key) }
            byPlace[key, default: []].append(session)
        }
        return order.enumerated().map { index, key in
            let group = byPlace[key]!, first = group[0]
            var locality = Locality(id: "remote-\(index + 1)", name: first.place ?? first.title ?? first.identifier)
            locality.latitude = first.latitude
            locality.longitude = first.longitude
            // Drawn in the colour of other archives; the languages stand where a site's dialect group would.
            locality.dialectGroup = first.languages
            // One session links to its page there; several, to the archive.
            return SiteMap.Site(locality: locality, link: group.count == 1 ? first.landingURL : first.archiveURL, archive: first.archiveName)
        }
    }

    static func listing(_ sessions: [RemoteSession]) -> [String: Any] {
        let latest = sessions.sorted { ($0.datestamp, $0.identifier) > ($1.datestamp, $1.identifier) }.prefix(listed)
        var view: [String: Any] = ["sessions": latest.map { session -> [String: Any] in
            var entry: [String: Any] = ["landingURL": session.landingURL, "title": session.title ?? session.identifier, "date": session.date ?? "",
                                        "archiveURL": session.archiveURL, "archiveName": session.archiveName]
            if let place = session.place { entry["place"] = place }
            return entry
        }]
        if sessions.count > listed { view["more"] = sessions.count - listed }
        return view
    }
}
