import Foundation

/// ELAN files built to find non-linear corners of the XML reader: each is valid XML
/// and a readable transcript, with one part made enormous.
enum HostileXML: String, CaseIterable {
    case manyAttributes = "one element with 300,000 attributes"
    case deepNesting = "elements nested 1,000,000 deep"
    case longAttribute = "one attribute value of 50 MB"
    case splitValue = "an annotation value split by 300,000 comments"

    func write(to url: URL) throws -> Int {
        let writer = try ChunkedWriter(url)
        try writer.emit("""
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">
            <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
            <TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1000"/></TIME_ORDER>

            """)
        var value = "x"
        switch self {
        case .manyAttributes:
            try writer.emit("<PROPERTY")
            for i in 0..<300_000 { try writer.emit(" a\(i)=\"\(i)\"") }
            try writer.emit("/>\n")
        case .deepNesting:
            for _ in 0..<1_000_000 { try writer.emit("<n>") }
            for _ in 0..<1_000_000 { try writer.emit("</n>") }
            try writer.emit("\n")
        case .longAttribute:
            try writer.emit("<PROPERTY NAME=\"")
            let chunk = String(repeating: "长", count: 100_000)
            for _ in 0..<167 { try writer.emit(chunk) }
            try writer.emit("\"/>\n")
        case .splitValue:
            value = String(repeating: "字<!-- -->", count: 300_000)
        }
        try writer.emit("""
            <TIER LINGUISTIC_TYPE_REF="lt" TIER_ID="t"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>\(value)</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
            <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="lt" TIME_ALIGNABLE="true"/>
            </ANNOTATION_DOCUMENT>

            """)
        return try writer.finish()
    }
}
