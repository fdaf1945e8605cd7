import Foundation

/// OLAC records (Dublin Core with the OLAC extensions: language codes, roles, linguistic and
/// discourse types), one XML file per session, as harvesters take them.
enum OLACExport {
    static let discourseTypes = ["话语": "narrative", "口头文化": "singing", "语法": "formulaic", "词汇": "formulaic", "单字": "formulaic"]
    /// The OLAC roles a participant other than a speaker or the recorder may have.
    static let participantRoles: Set = ["annotator", "author", "compiler", "consultant", "data_inputter", "depositor", "editor",
                                        "interpreter", "interviewer", "participant", "performer", "photographer", "researcher",
                                        "research_participant", "responder", "singer", "sponsor", "transcriber", "translator"]
    static let namespaces = """
        xmlns:olac="http://www.language-archives.org/OLAC/1.1/" xmlns:dc="http://purl.org/dc/elements/1.1/" \
        xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="http://www.language-archives.org/OLAC/1.1/ http://www.language-archives.org/OLAC/1.1/olac.xsd"
        """

    /// What an OLAC record says about one session.
    struct Description {
        var session: Session
        var locality: Locality?
        var speakers: [Speaker]
        /// Transcribers, translators and others named with an OLAC role in the session.
        var participants: [SessionParticipant]
        /// Each recording, and whether it has a transcript.
        var recordings: [(recording: Recording, transcribed: Bool)]
        var includeRestricted: Bool
    }

    static func write(_ items: [ExportItem], to folder: ExportFolder, request: ExportRequest) throws {
        let sessions = Dictionary(grouping: items, by: \.session.id)
        for id in sessions.keys.sorted() {
            let group = sessions[id]!
            try folder.write(Data(record(group, request: request).utf8), to: "olac/\(OriginalStore.safeComponent(id)).xml")
        }
    }

    static func record(_ items: [ExportItem], request: ExportRequest) -> String {
        let first = items[0]
        let description = Description(session: first.session, locality: first.locality, speakers: first.speakers,
                                      participants: first.participants,
                                      recordings: items.map { (recording: $0.recording, transcribed: !$0.transcripts.isEmpty) },
                                      includeRestricted: request.includeRestricted)
        let lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<olac:olac \(namespaces)>"]
            + elements(description).map { $0.xml(indent: "  ") } + ["</olac:olac>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The elements of a session's record, in the order they are written.
    static func elements(_ description: Description) -> [OLACElement] {
        let session = description.session
        var elements: [OLACElement] = []
        func element(_ name: String, _ value: String, _ attributes: String = "") {
            elements.append(OLACElement(name, value, attributes))
        }
        element("dc:identifier", session.id)
        element("dc:title", session.title ?? session.id)
        if let date = session.date { element("dcterms:created", date, "xsi:type=\"dcterms:W3CDTF\"") }
        if let locality = description.locality {
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
        // A restricted session names no one it recorded, whatever each speaker's own access.
        let sessionOpen = AccessRules.isOpen(access: session.access, until: session.accessUntil)
        for speaker in description.speakers {
            let shown = description.includeRestricted || sessionOpen ? speaker.shown(includeRestricted: description.includeRestricted).name : nil
            element("dc:contributor", shown ?? speaker.id, "xsi:type=\"olac:role\" olac:code=\"speaker\"")
        }
        if let recorder = session.recorder { element("dc:contributor", recorder, "xsi:type=\"olac:role\" olac:code=\"recorder\"") }
        for participant in description.participants where participantRoles.contains(participant.role) {
            guard let name = participant.name ?? participant.speakerId else { continue }
            element("dc:contributor", name, "xsi:type=\"olac:role\" olac:code=\"\(participant.role)\"")
        }
        element("dc:type", "Sound", "xsi:type=\"dcterms:DCMIType\"")
        element("dc:type", "primary text", "xsi:type=\"olac:linguistic-type\" olac:code=\"primary_text\"")
        if let content = session.contentType {
            element("dc:description", content)
            if let discourse = discourseTypes[content] { element("dc:type", content, "xsi:type=\"olac:discourse-type\" olac:code=\"\(discourse)\"") }
        }
        if let description = session.description { element("dc:description", description) }
        for (recording, transcribed) in description.recordings {
            element("dcterms:hasPart", recording.storedPath)
            element("dc:format", ROCrateExport.mediaType(recording.container, recording.codec), "xsi:type=\"dcterms:IMT\"")
            if transcribed {
                element("dc:type", "transcription", "xsi:type=\"olac:linguistic-type\" olac:code=\"primary_text\"")
            }
        }
        element("dc:rights", session.access + (session.accessUntil.map { " until \($0)" } ?? "") + (session.accessReason.map { ": \($0)" } ?? ""))
        return elements
    }

    /// The text as XML character data: markup escaped, and characters XML 1.0 cannot carry
    /// (control characters from a file's metadata) left out, so that the record stays readable.
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            // Most text has nothing to escape: one pass to find out, and the text itself back.
            guard let first = utf8.firstIndex(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF })
            else { return String(decoding: utf8, as: UTF8.self) }
            var out = [UInt8](utf8[..<first])
            out.reserveCapacity(utf8.count + 16)
            var index = first
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case 0x26: out += "&amp;".utf8
                case 0x3C: out += "&lt;".utf8
                case 0x3E: out += "&gt;".utf8
                case 0x22: out += "&quot;".utf8
                case 0x09, 0x0A, 0x0D: out.append(byte)
                case ..<0x20: break
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
                case 0xEF where index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
