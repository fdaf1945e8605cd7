import Foundation

/// OLAC records (Dublin Core with the OLAC extensions: language codes, roles, linguistic and
/// discourse types), one XML file per session, as harvesters take them.
enum OLACExport {
    static let discourseTypes = ["话语": "narrative", "口头文化": "singing", "语法": "formulaic", "词汇": "formulaic", "单字": "formulaic"]

    static func write(_ items: [ExportItem], to folder: ExportFolder, request: ExportRequest) throws {
        let sessions = Dictionary(grouping: items, by: \.session.id)
        for id in sessions.keys.sorted() {
            let group = sessions[id]!
            try folder.write(Data(record(group, request: request).utf8), to: "olac/\(OriginalStore.safeComponent(id)).xml")
        }
    }

    static func record(_ items: [ExportItem], request: ExportRequest) -> String {
        let first = items[0], session = first.session
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<olac:olac xmlns:olac=\"http://www.language-archives.org/OLAC/1.1/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
            "           xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
            "           xsi:schemaLocation=\"http://www.language-archives.org/OLAC/1.1/ http://www.language-archives.org/OLAC/1.1/olac.xsd\">",
        ]
        func element(_ name: String, _ value: String, _ attributes: String = "") {
            lines.append("  <\(name)\(attributes.isEmpty ? "" : " " + attributes)>\(escape(value))</\(name)>")
        }
        element("dc:identifier", session.id)
        element("dc:title", session.title ?? session.id)
        if let date = session.date { element("dcterms:created", date, "xsi:type=\"dcterms:W3CDTF\"") }
        if let locality = first.locality {
            if let code = locality.iso639_3 {
                element("dc:subject", locality.dialectGroup ?? code, "xsi:type=\"olac:language\" olac:code=\"\(escape(code))\"")
                element("dc:language", locality.dialectGroup ?? code, "xsi:type=\"olac:language\" olac:code=\"\(escape(code))\"")
            }
            let classification = [locality.dialectGroup, locality.dialectSubgroup, locality.dialectCluster].compactMap { $0 }.joined(separator: " / ")
            if !classification.isEmpty { element("dc:subject", classification) }
            element("dcterms:spatial", [locality.province, locality.prefecture, locality.county, locality.name].compactMap { $0 }.joined(separator: " "))
            if let lat = locality.latitude, let lon = locality.longitude {
                element("dcterms:spatial", "east=\(lon); north=\(lat)", "xsi:type=\"dcterms:Point\"")
            }
        }
        for speaker in first.speakers.map({ $0.shown(includeRestricted: request.includeRestricted) }) {
            element("dc:contributor", speaker.name ?? speaker.id, "xsi:type=\"olac:role\" olac:code=\"speaker\"")
        }
        if let recorder = session.recorder { element("dc:contributor", recorder, "xsi:type=\"olac:role\" olac:code=\"recorder\"") }
        element("dc:type", "Sound", "xsi:type=\"dcterms:DCMIType\"")
        element("dc:type", "primary text", "xsi:type=\"olac:linguistic-type\" olac:code=\"primary_text\"")
        if let content = session.contentType {
            element("dc:description", content)
            if let discourse = discourseTypes[content] { element("dc:type", content, "xsi:type=\"olac:discourse-type\" olac:code=\"\(discourse)\"") }
        }
        if let description = session.description { element("dc:description", description) }
        for item in items {
            element("dcterms:hasPart", item.recording.storedPath)
            element("dc:format", ROCrateExport.mediaType(item.recording.container, item.recording.codec), "xsi:type=\"dcterms:IMT\"")
            if !item.transcripts.isEmpty {
                element("dc:type", "transcription", "xsi:type=\"olac:linguistic-type\" olac:code=\"primary_text\"")
            }
        }
        element("dcterms:accessRights", session.access + (session.accessUntil.map { " until \($0)" } ?? "") + (session.accessReason.map { ": \($0)" } ?? ""))
        lines.append("</olac:olac>")
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
