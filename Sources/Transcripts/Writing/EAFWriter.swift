import Foundation

/// Writes an ELAN 3.0 document that ELAN opens and edits as it would its own:
/// time slots in TIME_ORDER sorted by time, a linguistic type for every tier with the
/// constraint the tier's relation to its parent needs, the four standard CONSTRAINT
/// declarations, and a LANGUAGE entry for every LANG_REF.
///
/// Time_Subdivision children share time slots with their parent annotation and with
/// each other, as ELAN requires of a subdivision; every other annotation gets slots of
/// its own. Reference annotations are attached to the annotation of the parent tier
/// whose span contains theirs; subdivision siblings are chained by
/// PREVIOUS_ANNOTATION in time order. All slots are written aligned: times that
/// were interpolated when reading are written as the values they were given.
enum EAFWriter {
    static func document(for transcript: Transcript) throws -> String {
        try Plan(transcript).render()
    }

    static let constraintDescriptions: [(String, String)] = [
        ("Time_Subdivision", "Time subdivision of parent annotation's time interval, no time gaps allowed within this interval"),
        ("Symbolic_Subdivision", "Symbolic subdivision of a parent annotation. Annotations refering to the same parent are ordered"),
        ("Symbolic_Association", "1-1 association with a parent annotation"),
        ("Included_In", "Time alignable annotations within the parent annotation's time interval, gaps are allowed"),
    ]
}

private struct Plan {
    struct TierPlan {
        var id: String
        var tier: Tier
        /// Index of the parent tier, after dropping references ELAN cannot hold.
        var parent: Int?
        var constraint: String?
        var linguisticType = ""
        /// Whether the tier is written as REF_ANNOTATIONs (a symbolic tier with a parent).
        var isReference: Bool {
            parent != nil && (constraint == "Symbolic_Subdivision" || constraint == "Symbolic_Association")
        }
        /// Per annotation: start and end slot (alignable), or parent annotation id and
        /// previous sibling (reference).
        var startSlot: [Int] = []
        var endSlot: [Int] = []
        var referenced: [String] = []
        var previous: [String?] = []
        var annotationIDs: [String] = []
    }

    let transcript: Transcript
    var tiers: [TierPlan] = []
    /// Time of each slot, in creation order.
    var slotTimes: [Int] = []
    var linguisticTypes: [(id: String, constraint: String?)] = []

    init(_ transcript: Transcript) throws {
        self.transcript = transcript
        var usedIDs = Set<String>()
        for tier in transcript.tiers {
            // Praat allows two tiers of one name; ELAN does not.
            var id = tier.name
            var copy = 2
            while usedIDs.contains(id) {
                id = "\(tier.name) (\(copy))"
                copy += 1
            }
            usedIDs.insert(id)
            tiers.append(TierPlan(id: id, tier: tier))
        }
        linkParents()
        var nextAnnotation = 1
        for t in tiers.indices {
            tiers[t].annotationIDs = tiers[t].tier.annotations.indices.map { "a\(nextAnnotation + $0)" }
            nextAnnotation += tiers[t].tier.annotations.count
        }
        for t in processingOrder() {
            if tiers[t].isReference, let parent = tiers[t].parent {
                try attachReferences(t, to: parent)
            } else {
                try assignSlots(t)
            }
        }
        assignLinguisticTypes()
    }

    // MARK: - Structure

    /// Resolves PARENT_REF names and picks each child tier's constraint: the one the
    /// model gives when it fits the tiers, otherwise the weakest that does.
    mutating func linkParents() {
        for t in tiers.indices {
            guard let name = tiers[t].tier.parent,
                  let p = tiers.firstIndex(where: { $0.tier.name == name }), p != t else { continue }
            tiers[t].parent = p
        }
        // A loop of parents has no root: cut the link that closes it.
        for t in tiers.indices {
            var seen: Set<Int> = [t]
            var current = t
            while let p = tiers[current].parent {
                if seen.contains(p) {
                    tiers[current].parent = nil
                    break
                }
                seen.insert(p)
                current = p
            }
        }
        for t in tiers.indices {
            guard let p = tiers[t].parent else { continue }
            let tier = tiers[t].tier
            if tier.type == .ref {
                let given = tier.constraint
                tiers[t].constraint = given == "Symbolic_Subdivision" || given == "Symbolic_Association"
                    ? given : (isOneToOne(child: tier, parent: tiers[p].tier) ? "Symbolic_Association" : "Symbolic_Subdivision")
            } else if tiers[p].tier.type != .ref {
                let given = tier.constraint
                tiers[t].constraint = given == "Time_Subdivision" || given == "Included_In" ? given : "Included_In"
            } else {
                // ELAN cannot time-align a tier under a symbolic one.
                tiers[t].parent = nil
            }
        }
    }

    private func isOneToOne(child: Tier, parent: Tier) -> Bool {
        let spans = Set(parent.annotations.map { [$0.startMs, $0.endMs] })
        let childSpans = child.annotations.map { [$0.startMs, $0.endMs] }
        return Set(childSpans).count == childSpans.count && childSpans.allSatisfy(spans.contains)
    }

    /// Parents before children, so that children can reuse their parents' slots and ids.
    private func processingOrder() -> [Int] {
        var order: [Int] = []
        var placed = Set<Int>()
        func place(_ t: Int) {
            guard !placed.contains(t) else { return }
            if let p = tiers[t].parent { place(p) }
            placed.insert(t)
            order.append(t)
        }
        tiers.indices.forEach(place)
        return order
    }

    // MARK: - Time slots and references

    private mutating func newSlot(_ time: Int) -> Int {
        slotTimes.append(time)
        return slotTimes.count - 1
    }

    /// ELAN's TIME_VALUE is unsigned.
    private func requireNonNegative(_ annotation: Annotation, tier: Int) throws {
        guard annotation.startMs >= 0 else {
            throw TranscriptError(file: "", reason: "annotation \"\(annotation.text.prefix(40))\" on tier \"\(tiers[tier].id)\" starts before time zero, which ELAN cannot hold")
        }
    }

    private mutating func assignSlots(_ t: Int) throws {
        let annotations = tiers[t].tier.annotations
        var starts: [Int] = []
        var ends: [Int] = []
        starts.reserveCapacity(annotations.count)
        ends.reserveCapacity(annotations.count)
        let subdivides = tiers[t].constraint == "Time_Subdivision"
        let parent = tiers[t].parent.map { tiers[$0] }
        var previousParent: Int?
        for (i, annotation) in annotations.enumerated() {
            try requireNonNegative(annotation, tier: t)
            if subdivides, let parent, let p = container(of: annotation, in: parent.tier.annotations) {
                let sharesPrevious = previousParent == p && i > 0 && annotations[i - 1].endMs == annotation.startMs
                starts.append(annotation.startMs == parent.tier.annotations[p].startMs ? parent.startSlot[p]
                              : sharesPrevious ? ends[i - 1] : newSlot(annotation.startMs))
                ends.append(annotation.endMs == parent.tier.annotations[p].endMs ? parent.endSlot[p] : newSlot(annotation.endMs))
                previousParent = p
            } else {
                starts.append(newSlot(annotation.startMs))
                ends.append(newSlot(annotation.endMs))
                previousParent = nil
            }
        }
        tiers[t].startSlot = starts
        tiers[t].endSlot = ends
    }

    private mutating func attachReferences(_ t: Int, to p: Int) throws {
        let parent = tiers[p]
        var lastChild: [Int: String] = [:]
        for (i, annotation) in tiers[t].tier.annotations.enumerated() {
            guard let container = container(of: annotation, in: parent.tier.annotations) else {
                throw TranscriptError(file: "", reason: "annotation \"\(annotation.text.prefix(40))\" at \(Milliseconds.secondsLiteral(annotation.startMs))–\(Milliseconds.secondsLiteral(annotation.endMs)) s on reference tier \"\(tiers[t].id)\" lies outside every annotation of its parent tier \"\(parent.id)\"")
            }
            tiers[t].referenced.append(parent.annotationIDs[container])
            tiers[t].previous.append(tiers[t].constraint == "Symbolic_Subdivision" ? lastChild[container] : nil)
            lastChild[container] = tiers[t].annotationIDs[i]
        }
    }

    /// The parent annotation whose span holds `child`. Of several, the latest-starting
    /// and then the shortest, so that an equal share of a subdivided parent finds its
    /// own parent rather than a longer one around it.
    private func container(of child: Annotation, in parents: [Annotation]) -> Int? {
        // Parents are in time order; the candidates start at or before the child.
        var low = 0, high = parents.count
        while low < high {
            let mid = (low + high) / 2
            if parents[mid].startMs <= child.startMs { low = mid + 1 } else { high = mid }
        }
        var best: Int?
        var k = low - 1
        while k >= 0 {
            let candidate = parents[k]
            if let b = best, candidate.startMs != parents[b].startMs { break }
            if child.endMs <= candidate.endMs { best = k }
            k -= 1
        }
        return best
    }

    // MARK: - Linguistic types

    private mutating func assignLinguisticTypes() {
        for t in tiers.indices {
            let constraint = tiers[t].constraint
            var id = tiers[t].tier.linguisticType ?? constraint ?? "default-lt"
            var copy = 2
            let base = id
            while let existing = linguisticTypes.first(where: { $0.id == id }), existing.constraint != constraint {
                id = "\(base)-\(copy)"
                copy += 1
            }
            if !linguisticTypes.contains(where: { $0.id == id }) {
                linguisticTypes.append((id, constraint))
            }
            tiers[t].linguisticType = id
        }
    }

    // MARK: - Output

    func render() throws -> String {
        var xml = XMLText()
        let date = ISO8601DateFormatter().string(from: Date())
        xml.line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        xml.line(0, "<ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\"\(date)\" FORMAT=\"3.0\" VERSION=\"3.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"http://www.mpi.nl/tools/elan/EAFv3.0.xsd\">")
        xml.line(1, "<HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">")
        for media in transcript.media {
            try xml.element(2, "MEDIA_DESCRIPTOR", Self.mediaAttributes(media))
        }
        let annotationCount = tiers.reduce(0) { $0 + $1.tier.annotations.count }
        xml.line(2, "<PROPERTY NAME=\"lastUsedAnnotationId\">\(annotationCount)</PROPERTY>")
        xml.line(1, "</HEADER>")

        // Slot ids follow time order; among equal times, creation order keeps a
        // subdivision's boundaries in sequence.
        var times = slotTimes
        let lastEnd = slotTimes.max()
        if let duration = transcript.durationMs, duration > (lastEnd ?? Int.min) {
            // An unused slot keeps the transcribed span, which EAF has no field for.
            times.append(duration)
        }
        let order = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
        var slotID = [String](repeating: "", count: times.count)
        xml.line(1, "<TIME_ORDER>")
        for (position, slot) in order.enumerated() {
            slotID[slot] = "ts\(position + 1)"
            xml.line(2, "<TIME_SLOT TIME_SLOT_ID=\"ts\(position + 1)\" TIME_VALUE=\"\(times[slot])\"/>")
        }
        xml.line(1, "</TIME_ORDER>")

        for plan in tiers {
            var attributes: [(String, String)] = [("LINGUISTIC_TYPE_REF", plan.linguisticType)]
            if let p = plan.parent { attributes.append(("PARENT_REF", tiers[p].id)) }
            if let participant = plan.tier.participant { attributes.append(("PARTICIPANT", participant)) }
            attributes.append(("TIER_ID", plan.id))
            if let language = plan.tier.language { attributes.append(("LANG_REF", language)) }
            guard !plan.tier.annotations.isEmpty else {
                try xml.element(1, "TIER", attributes)
                continue
            }
            try xml.open(1, "TIER", attributes)
            for (i, annotation) in plan.tier.annotations.enumerated() {
                xml.line(2, "<ANNOTATION>")
                if plan.isReference {
                    var reference = [("ANNOTATION_ID", plan.annotationIDs[i]), ("ANNOTATION_REF", plan.referenced[i])]
                    if let previous = plan.previous[i] { reference.append(("PREVIOUS_ANNOTATION", previous)) }
                    try xml.open(3, "REF_ANNOTATION", reference)
                    try xml.value(4, annotation.text)
                    xml.line(3, "</REF_ANNOTATION>")
                } else {
                    try xml.open(3, "ALIGNABLE_ANNOTATION", [("ANNOTATION_ID", plan.annotationIDs[i]),
                                                             ("TIME_SLOT_REF1", slotID[plan.startSlot[i]]),
                                                             ("TIME_SLOT_REF2", slotID[plan.endSlot[i]])])
                    try xml.value(4, annotation.text)
                    xml.line(3, "</ALIGNABLE_ANNOTATION>")
                }
                xml.line(2, "</ANNOTATION>")
            }
            xml.line(1, "</TIER>")
        }

        for type in linguisticTypes {
            var attributes: [(String, String)] = []
            if let constraint = type.constraint { attributes.append(("CONSTRAINTS", constraint)) }
            let alignable = type.constraint != "Symbolic_Subdivision" && type.constraint != "Symbolic_Association"
            attributes += [("GRAPHIC_REFERENCES", "false"), ("LINGUISTIC_TYPE_ID", type.id),
                           ("TIME_ALIGNABLE", alignable ? "true" : "false")]
            try xml.element(1, "LINGUISTIC_TYPE", attributes)
        }
        var languages: [String] = []
        for language in tiers.compactMap(\.tier.language) where !languages.contains(language) {
            languages.append(language)
            try xml.element(1, "LANGUAGE", [("LANG_ID", language)])
        }
        for (stereotype, description) in EAFWriter.constraintDescriptions {
            try xml.element(1, "CONSTRAINT", [("DESCRIPTION", description), ("STEREOTYPE", stereotype)])
        }
        xml.line(0, "</ANNOTATION_DOCUMENT>")
        return xml.text
    }

    /// A relative reference is written both as MEDIA_URL and RELATIVE_MEDIA_URL:
    /// ELAN looks for the file next to the EAF when the absolute URL fails.
    static func mediaAttributes(_ media: String) -> [(String, String)] {
        let lowered = media.lowercased()
        let mime: String
        switch (media as NSString).pathExtension.lowercased() {
        case "wav": mime = "audio/x-wav"
        case "mp3": mime = "audio/mpeg"
        case "m4a", "aac": mime = "audio/mp4"
        case "mp4", "m4v": mime = "video/mp4"
        case "mpg", "mpeg": mime = "video/mpeg"
        case "mov": mime = "video/quicktime"
        case "ogg", "oga": mime = "audio/ogg"
        case "flac": mime = "audio/flac"
        default: mime = "unknown"
        }
        if lowered.hasPrefix("file:") || media.contains("://") {
            return [("MEDIA_URL", media), ("MIME_TYPE", mime)]
        }
        let escaped = media.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? media
        if media.hasPrefix("/") {
            return [("MEDIA_URL", "file://" + escaped), ("MIME_TYPE", mime)]
        }
        return [("MEDIA_URL", escaped), ("MIME_TYPE", mime), ("RELATIVE_MEDIA_URL", escaped)]
    }
}

/// Indented XML text with escaping that keeps every character as it was: line ends and
/// tabs in attributes become character references (a parser would otherwise turn them
/// into spaces), and a carriage return in text is kept the same way.
private struct XMLText {
    var text = ""

    mutating func line(_ depth: Int, _ content: String) {
        text += String(repeating: "    ", count: depth) + content + "\n"
    }

    mutating func open(_ depth: Int, _ name: String, _ attributes: [(String, String)]) throws {
        line(depth, "<\(name)\(try Self.attributes(attributes))>")
    }

    mutating func element(_ depth: Int, _ name: String, _ attributes: [(String, String)]) throws {
        line(depth, "<\(name)\(try Self.attributes(attributes))/>")
    }

    mutating func value(_ depth: Int, _ content: String) throws {
        line(depth, "<ANNOTATION_VALUE>\(try Self.escape(content, inAttribute: false))</ANNOTATION_VALUE>")
    }

    static func attributes(_ pairs: [(String, String)]) throws -> String {
        try pairs.map { " \($0.0)=\"\(try escape($0.1, inAttribute: true))\"" }.joined()
    }

    static func escape(_ value: String, inAttribute: Bool) throws -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            default:
                guard XMLCharacters.isAllowed(scalar.value) else {
                    throw TranscriptError(file: "", reason: "the text \"\(value.prefix(40))\" contains the control character U+\(String(scalar.value, radix: 16, uppercase: true)), which XML cannot hold")
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
