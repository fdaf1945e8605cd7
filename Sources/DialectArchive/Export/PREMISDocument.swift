import Foundation

/// A PREMIS 3 document (`premis.xml` in a bag's tag files): one file object per exported file
/// with its SHA-256, size and format, one event per entry of their history with the Library of
/// Congress event type, and one agent per operating-system user who caused an event.
enum PREMISDocument {
    /// `prefix` is where the package puts the archive's files (`data/` in a bag).
    static func xml(_ events: [ProvenanceEvent], files: [ProvenanceEvent.PackageFile], prefix: String) -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<premis:premis xmlns:premis=\"http://www.loc.gov/premis/v3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
            "               xsi:schemaLocation=\"http://www.loc.gov/premis/v3 https://www.loc.gov/standards/premis/premis.xsd\" version=\"3.0\">",
        ]
        func element(_ indent: Int, _ name: String, _ value: String, _ attributes: String = "") {
            lines.append(String(repeating: "  ", count: indent) + "<premis:\(name)\(attributes)>\(escape(value))</premis:\(name)>")
        }
        func open(_ indent: Int, _ name: String, _ attributes: String = "") {
            lines.append(String(repeating: "  ", count: indent) + "<premis:\(name)\(attributes)>")
        }
        func close(_ indent: Int, _ name: String) { lines.append(String(repeating: "  ", count: indent) + "</premis:\(name)>") }
        func identifier(_ indent: Int, _ name: String, _ value: String, role: String? = nil) {
            open(indent, name)
            element(indent + 1, name + "Type", "local")
            element(indent + 1, name + "Value", value)
            if let role { element(indent + 1, "linkingAgentRole", role) }
            close(indent, name)
        }

        for file in files {
            open(1, "object", " xsi:type=\"premis:file\"")
            identifier(2, "objectIdentifier", prefix + file.path)
            open(2, "objectCharacteristics")
            element(3, "compositionLevel", "0")
            open(3, "fixity")
            element(4, "messageDigestAlgorithm", "SHA-256", " authority=\"cryptographicHashFunctions\""
                    + " authorityURI=\"http://id.loc.gov/vocabulary/preservation/cryptographicHashFunctions\""
                    + " valueURI=\"http://id.loc.gov/vocabulary/preservation/cryptographicHashFunctions/sha256\"")
            element(4, "messageDigest", file.sha256)
            close(3, "fixity")
            element(3, "size", String(file.size))
            open(3, "format")
            open(4, "formatDesignation")
            element(5, "formatName", file.format)
            close(4, "formatDesignation")
            close(3, "format")
            close(2, "objectCharacteristics")
            element(2, "originalName", file.originalName)
            close(1, "object")
        }
        for event in events {
            open(1, "event")
            identifier(2, "eventIdentifier", event.identifier)
            element(2, "eventType", event.type.term, " authority=\"eventType\""
                    + " authorityURI=\"http://id.loc.gov/vocabulary/preservation/eventType\" valueURI=\"\(event.type.uri)\"")
            element(2, "eventDateTime", event.entry.at)
            open(2, "eventDetailInformation")
            element(3, "eventDetail", event.detail)
            close(2, "eventDetailInformation")
            open(2, "eventOutcomeInformation")
            element(3, "eventOutcome", event.succeeded ? "success" : "failure")
            if let outcome = event.entry.outcome {
                open(3, "eventOutcomeDetail")
                element(4, "eventOutcomeDetailNote", outcome)
                close(3, "eventOutcomeDetail")
            }
            close(2, "eventOutcomeInformation")
            if let user = event.entry.user { identifier(2, "linkingAgentIdentifier", user, role: "implementer") }
            for file in event.objects { identifier(2, "linkingObjectIdentifier", prefix + file.path) }
            close(1, "event")
        }
        for user in Set(events.compactMap(\.entry.user)).sorted() {
            open(1, "agent")
            identifier(2, "agentIdentifier", user)
            element(2, "agentName", user)
            element(2, "agentType", "person")
            element(2, "agentNote", "the operating-system user who ran the command")
            close(1, "agent")
        }
        lines.append("</premis:premis>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text as XML character data or an attribute value; characters XML 1.0 cannot hold at all
    /// (most C0 controls) become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
