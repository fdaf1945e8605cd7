import Foundation

/// An RO-Crate 1.1 (`ro-crate-metadata.json`) describing the collection, its sessions, files
/// (with size, format and SHA-256), people and places, using LDAC terms where they fit, and the
/// history of its files as actions (see `ROCrateActions`), with the files themselves beside it.
enum ROCrateExport {
    static func write(_ items: [ExportItem], archive: Archive, to folder: ExportFolder, request: ExportRequest) throws {
        var graph: [[String: Any]] = []
        var parts: [[String: String]] = []
        var seen = Set<String>()
        func add(_ entity: [String: Any]) {
            if seen.insert(entity["@id"] as! String).inserted { graph.append(entity) }
        }
        func ref(_ id: String) -> [String: String] { ["@id": id] }

        for item in items {
            var files: [[String: String]] = []
            let audioId = item.recording.storedPath
            try folder.copy(archive.absolute(item.recording.storedPath), expectedSHA256: item.recording.sha256, to: audioId)
            add(["@id": audioId, "@type": "File", "name": item.recording.originalName,
                 "contentSize": "\(item.recording.size)", "encodingFormat": mediaType(item.recording.container, item.recording.codec),
                 "sha256": item.recording.sha256, "duration": iso8601Duration(item.recording.durationMs),
                 "ldac:materialType": ref("ldac:PrimaryMaterial")])
            files.append(ref(audioId))
            for transcript in item.exportedTranscripts {
                try folder.copy(archive.absolute(transcript.storedPath), expectedSHA256: transcript.sha256, to: transcript.exportPath)
                var file: [String: Any] = ["@id": transcript.exportPath, "@type": "File", "name": transcript.originalName,
                                           "contentSize": "\(transcript.size)", "encodingFormat": transcriptType(transcript.format),
                                           "sha256": transcript.sha256, "ldac:materialType": ref("ldac:Annotation"),
                                           "ldac:annotationOf": ref(audioId), "version": "\(transcript.revision)"]
                if let replacedAt = transcript.replacedAt {
                    file["creativeWorkStatus"] = "replaced"
                    file["description"] = "Revision \(transcript.revision), replaced by a corrected revision at \(replacedAt)."
                }
                add(file)
                files.append(ref(transcript.exportPath))
            }
            parts += files
            var session: [String: Any] = ["@id": "#session-\(item.session.id)", "@type": ["RepositoryObject", "CreativeWork"],
                                          "name": item.session.title ?? item.session.id, "hasPart": files,
                                          "ldac:accessControl": item.access]
            if let date = item.session.date { session["dateCreated"] = date }
            if let genre = item.session.contentType { session["ldac:linguisticGenre"] = genre }
            if let locality = item.locality {
                session["contentLocation"] = ref("#place-\(locality.id)")
                var place: [String: Any] = ["@id": "#place-\(locality.id)", "@type": "Place", "name": locality.name]
                if let group = locality.dialectGroup { place["description"] = [group, locality.dialectSubgroup, locality.dialectCluster].compactMap { $0 }.joined(separator: " / ") }
                if let lat = locality.latitude, let lon = locality.longitude {
                    place["geo"] = ref("#geo-\(locality.id)")
                    add(["@id": "#geo-\(locality.id)", "@type": "GeoCoordinates", "latitude": lat, "longitude": lon])
                }
                add(place)
                if let code = locality.glottocode ?? locality.iso639_3 {
                    let id = locality.glottocode.map { "https://glottolog.org/resource/languoid/id/\($0)" } ?? "https://iso639-3.sil.org/code/\(code)"
                    add(["@id": id, "@type": "Language", "name": locality.dialectGroup ?? code, "code": locality.iso639_3 ?? code])
                    session["ldac:subjectLanguage"] = ref(id)
                }
            }
            var speakers: [[String: String]] = []
            for speaker in item.speakers.map({ $0.shown(includeRestricted: request.includeRestricted) }) {
                var person: [String: Any] = ["@id": "#speaker-\(speaker.id)", "@type": "Person", "name": speaker.name ?? speaker.id]
                if let sex = speaker.sex { person["gender"] = sex == "m" ? "Male" : sex == "f" ? "Female" : sex }
                if let year = speaker.birthYear { person["birthDate"] = "\(year)" }
                if let role = speaker.role { person["description"] = role }
                add(person)
                speakers.append(ref("#speaker-\(speaker.id)"))
            }
            if !speakers.isEmpty { session["ldac:speaker"] = speakers }
            add(session)
        }
        let collections = Set(items.map(\.session.collectionId)).sorted()
        var root: [String: Any] = [
            "@id": "./", "@type": ["Dataset", "RepositoryCollection"],
            "name": "Dialect recordings: \(collections.joined(separator: ", "))",
            "description": "\(items.count) recordings from \(Set(items.map(\.session.id)).count) sessions, exported by dialect-archive.",
            "datePublished": CalendarDate.today(),
            "hasPart": parts,
            "license": ref(request.includeRestricted ? "#restricted" : "#open"),
        ]
        root["ldac:hasCollectionMember"] = Array(Set(items.map { "#session-\($0.session.id)" })).sorted().map(ref)
        let history = ROCrateActions.entities(try archive.provenance(of: items, includeRestricted: request.includeRestricted))
        if !history.actions.isEmpty { root["mentions"] = history.actions.map { ref($0["@id"] as! String) } }
        for entity in history.actions + history.agents { add(entity) }
        add(["@id": request.includeRestricted ? "#restricted" : "#open", "@type": "CreativeWork",
             "name": request.includeRestricted ? "Includes restricted and closed material" : "Open material only",
             "description": request.includeRestricted
                ? "Some material is restricted or closed; see each session's ldac:accessControl."
                : "Only sessions and recordings whose access condition is open are included."])
        let descriptor: [String: Any] = ["@id": "ro-crate-metadata.json", "@type": "CreativeWork",
                                         "conformsTo": ref("https://w3id.org/ro/crate/1.1"), "about": ref("./")]
        let document: [String: Any] = [
            "@context": ["https://w3id.org/ro/crate/1.1/context",
                         ["ldac": "https://w3id.org/ldac/terms#",
                          "RepositoryObject": "http://pcdm.org/models#Object",
                          "RepositoryCollection": "http://pcdm.org/models#Collection"]],
            "@graph": [descriptor, root] + graph,
        ]
        try folder.write(try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
                         to: "ro-crate-metadata.json")
    }

    static func mediaType(_ container: String, _ codec: String) -> String {
        switch (container, codec) {
        case ("flac", _): return "audio/flac"
        case ("mp3", _): return "audio/mpeg"
        case ("ogg", "opus"): return "audio/opus"
        case ("ogg", _): return "audio/ogg"
        case ("aiff", _): return "audio/aiff"
        default: return "audio/wav"
        }
    }

    static func transcriptType(_ format: String) -> String {
        switch format {
        case "eaf": return "application/eaf+xml"
        case "textgrid": return "text/praat-textgrid"
        case "vtt": return "text/vtt"
        default: return "application/x-subrip"
        }
    }

    static func iso8601Duration(_ ms: Int64) -> String {
        String(format: "PT%.3fS", Double(ms) / 1000)
    }
}
