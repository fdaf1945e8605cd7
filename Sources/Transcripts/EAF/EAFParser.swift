/// Reads the elements of an ELAN document that carry transcript content into an
/// `EAFDocument`, in one streaming pass; everything else (controlled vocabularies,
/// locales, properties, lexicon links) is stepped over.
enum EAFParser {
    private enum Context {
        case document, header, mediaDescriptor, timeOrder, timeSlot, tier, annotation
        case alignable, reference, value, linguisticType, other
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String) throws -> EAFDocument {
        var xml = XMLTokenizer(bytes: bytes, fileName: fileName)
        var document = EAFDocument()
        var stack: [Context] = []
        var pending: EAFDocument.Annotation?
        var value: String?

        while true {
            switch try xml.next() {
            case .start(let selfClosing):
                let context = try classify(xml, inside: stack.last)
                switch context {
                case .header:
                    document.timeUnits = try xml.attribute("TIME_UNITS")
                    document.headerMediaFile = try xml.attribute("MEDIA_FILE")
                case .mediaDescriptor:
                    var origin: Int?
                    if let literal = try xml.attribute("TIME_ORIGIN") {
                        origin = try milliseconds(literal, allowNegative: true, xml: xml,
                                                  what: "TIME_ORIGIN \"\(literal)\" of a media descriptor")
                    }
                    document.media.append(.init(url: try xml.attribute("MEDIA_URL"),
                                                relativeURL: try xml.attribute("RELATIVE_MEDIA_URL"),
                                                timeOrigin: origin))
                case .timeSlot:
                    let id = try required("TIME_SLOT_ID", of: "TIME_SLOT", xml)
                    var time: Int?
                    if let literal = try xml.attribute("TIME_VALUE") {
                        time = try milliseconds(literal, allowNegative: false, xml: xml,
                                                what: "TIME_VALUE \"\(literal)\" of time slot \(id)")
                    }
                    document.slots.append(.init(id: id, value: time, offset: xml.eventOffset))
                case .tier:
                    document.tiers.append(.init(id: try required("TIER_ID", of: "TIER", xml),
                                                participant: try xml.attribute("PARTICIPANT"),
                                                language: try xml.attribute("LANG_REF"),
                                                linguisticType: try xml.attribute("LINGUISTIC_TYPE_REF"),
                                                parent: try xml.attribute("PARENT_REF"),
                                                offset: xml.eventOffset))
                case .alignable, .reference:
                    guard !document.tiers.isEmpty else { break }
                    let id = try required("ANNOTATION_ID", of: "annotation", xml)
                    let anchor: EAFDocument.Annotation.Anchor
                    if context == .alignable {
                        anchor = .alignable(startSlot: try required("TIME_SLOT_REF1", of: "annotation \(id)", xml),
                                            endSlot: try required("TIME_SLOT_REF2", of: "annotation \(id)", xml))
                    } else {
                        anchor = .reference(parent: try required("ANNOTATION_REF", of: "annotation \(id)", xml),
                                            previous: try xml.attribute("PREVIOUS_ANNOTATION"))
                    }
                    pending = .init(id: id, tier: document.tiers.count - 1, anchor: anchor, text: "", offset: xml.eventOffset)
                    value = nil
                case .value:
                    value = ""
                case .linguisticType:
                    let id = try required("LINGUISTIC_TYPE_ID", of: "LINGUISTIC_TYPE", xml)
                    let alignable = try xml.attribute("TIME_ALIGNABLE").map { $0 == "true" }
                    document.linguisticTypes[id] = .init(constraint: try xml.attribute("CONSTRAINTS"),
                                                         timeAlignable: alignable)
                case .document, .annotation, .timeOrder, .other:
                    break
                }
                if selfClosing {
                    finish(context, pending: &pending, value: &value, into: &document)
                } else {
                    stack.append(context)
                }
            case .end:
                if let context = stack.popLast() {
                    finish(context, pending: &pending, value: &value, into: &document)
                }
            // Appended in place: a value split by many comments or CDATA sections must
            // not be copied once per piece.
            case .text(let range):
                if stack.last == .value { value = value ?? ""; value!.append(try xml.text(range)) }
            case .cdata(let range):
                if stack.last == .value { value = value ?? ""; value!.append(normalisedLineEnds(xml.string(range))) }
            case .endOfDocument:
                return document
            }
        }
    }

    private static func finish(_ context: Context, pending: inout EAFDocument.Annotation?,
                               value: inout String?, into document: inout EAFDocument) {
        guard context == .alignable || context == .reference, var annotation = pending else { return }
        annotation.text = value ?? ""
        document.tiers[annotation.tier].annotations.append(document.annotations.count)
        document.annotations.append(annotation)
        pending = nil
        value = nil
    }

    private static func classify(_ xml: XMLTokenizer, inside parent: Context?) throws -> Context {
        let name = xml.name
        guard let parent else {
            guard xml.equal(name, "ANNOTATION_DOCUMENT") else {
                throw xml.error(at: xml.eventOffset, "not an ELAN file: the root element is <\(xml.string(name))>, not <ANNOTATION_DOCUMENT>")
            }
            return .document
        }
        switch parent {
        case .document:
            if xml.equal(name, "HEADER") { return .header }
            if xml.equal(name, "TIME_ORDER") { return .timeOrder }
            if xml.equal(name, "TIER") { return .tier }
            if xml.equal(name, "LINGUISTIC_TYPE") { return .linguisticType }
        case .header:
            if xml.equal(name, "MEDIA_DESCRIPTOR") { return .mediaDescriptor }
        case .timeOrder:
            if xml.equal(name, "TIME_SLOT") { return .timeSlot }
        case .tier:
            if xml.equal(name, "ANNOTATION") { return .annotation }
        case .annotation:
            if xml.equal(name, "ALIGNABLE_ANNOTATION") { return .alignable }
            if xml.equal(name, "REF_ANNOTATION") { return .reference }
        case .alignable, .reference:
            if xml.equal(name, "ANNOTATION_VALUE") { return .value }
        default:
            break
        }
        return .other
    }

    private static func required(_ attribute: StaticString, of element: String, _ xml: XMLTokenizer) throws -> String {
        guard let value = try xml.attribute(attribute) else {
            throw xml.error(at: xml.eventOffset, "\(element) has no \(attribute) attribute")
        }
        return value
    }

    /// A whole number of milliseconds; a decimal point is tolerated (some exporters
    /// write `1200.0`) and rounded, but anything else is an error, never a silent 0.
    private static func milliseconds(_ literal: String, allowNegative: Bool, xml: XMLTokenizer, what: String) throws -> Int {
        guard let value = Milliseconds.fromDecimal(literal.utf8, scale: 0) else {
            throw xml.error(at: xml.eventOffset, "\(what) is not a number of milliseconds")
        }
        guard allowNegative || value >= 0 else {
            throw xml.error(at: xml.eventOffset, "\(what) is negative")
        }
        return value
    }

    private static func normalisedLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingCRLF()
    }
}

private extension String {
    func replacingCRLF() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var previousWasCR = false
        for byte in utf8 {
            if byte == 0x0A && previousWasCR { previousWasCR = false; continue }
            previousWasCR = byte == 0x0D
            output.append(byte == 0x0D ? 0x0A : byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
