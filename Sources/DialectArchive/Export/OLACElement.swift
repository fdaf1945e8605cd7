/// One element of an OLAC record: its qualified name (`dc:subject`), text and attributes as
/// written in the tag (`xsi:type="olac:language" olac:code="yue"`).
public struct OLACElement: Equatable, Sendable {
    public var name: String
    public var value: String
    public var attributes: String

    public init(_ name: String, _ value: String, _ attributes: String = "") {
        self.name = name
        self.value = value
        self.attributes = attributes
    }

    /// The element as an XML line, indented by `indent`.
    func xml(indent: String) -> String {
        "\(indent)<\(name)\(attributes.isEmpty ? "" : " " + attributes)>\(OLACExport.escape(value))</\(name)>"
    }

    /// The plain Dublin Core element (`oai_dc`) this one refines: the DCMI term's parent
    /// element, without OLAC's vocabulary attributes; nil when Dublin Core has no such element.
    var plainDublinCore: OLACElement? {
        let refined = ["dcterms:created": "dc:date", "dcterms:spatial": "dc:coverage", "dcterms:hasPart": "dc:relation"]
        if let parent = refined[name] { return OLACElement(parent, value) }
        return name.hasPrefix("dc:") ? OLACElement(name, value) : nil
    }
}
