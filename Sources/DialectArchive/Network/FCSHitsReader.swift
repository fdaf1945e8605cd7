import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an SRU `searchRetrieve` answer of any FCS endpoint: the total, each record's Hits view
/// (text with `hits:Hit` marks) with its `Resource`/`ResourceFragment` `ref`, and the messages of
/// SRU diagnostics.
final class FCSHitsReader: NSObject, XMLParserDelegate {
    private(set) var total = 0
    private(set) var hits: [PeerHit] = []
    private(set) var diagnostics: [String] = []
    /// The `uri` of each diagnostic, in the order of `diagnostics`.
    private(set) var diagnosticURIs: [String] = []
    private let archive: String
    private var path: [String] = []
    private var characters = ""
    private var resourceRef: String?
    private var fragmentRef: String?
    private var resultText: String.UnicodeScalarView?
    private var highlights: [[Int]] = []
    private var hitStart = 0
    private var sawResponse = false

    init(archive: String) { self.archive = archive }

    /// Reads `data`; throws when it is not an SRU searchRetrieve answer.
    func read(_ data: Data) throws {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        guard parser.parse() else {
            throw FCSAnswerError(reason: "the answer is not well-formed XML (\(parser.parserError?.localizedDescription ?? "unreadable"))")
        }
        guard sawResponse else { throw FCSAnswerError(reason: "the answer is not an SRU searchRetrieveResponse") }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        path.append(name)
        characters = ""
        switch name {
        case "searchRetrieveResponse": sawResponse = true
        case "Resource": resourceRef = attributes["ref"]; fragmentRef = nil
        case "ResourceFragment": fragmentRef = attributes["ref"]
        case "Result" where namespaceURI == "http://clarin.eu/fcs/dataview/hits":
            resultText = String.UnicodeScalarView(); highlights = []
        case "Hit" where resultText != nil: hitStart = resultText!.count
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        characters += string
        resultText?.append(contentsOf: string.unicodeScalars)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { path.removeLast(); characters = "" }
        switch name {
        case "numberOfRecords": total = Int(characters.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        case "Hit" where resultText != nil: highlights.append([hitStart, resultText!.count])
        case "Result" where resultText != nil:
            hits.append(PeerHit(archive: archive, text: String(resultText!), highlights: highlights, link: fragmentRef ?? resourceRef))
            resultText = nil
        case "uri" where path.contains("diagnostic"):
            diagnosticURIs.append(characters.trimmingCharacters(in: .whitespacesAndNewlines))
        case "message" where path.contains("diagnostic"):
            diagnostics.append(characters.trimmingCharacters(in: .whitespacesAndNewlines))
        default: break
        }
    }
}

extension FCSHitsReader {
    /// SRU's diagnostic for a `startRecord` after the last hit: a page past the end, not an error.
    static let firstRecordOutOfRange = "info:srw/diagnostic/1/61"

    /// True when the only complaint is that the page asked for is past the last hit.
    var onlyPastTheEnd: Bool {
        !diagnosticURIs.isEmpty && diagnosticURIs.allSatisfy { $0 == Self.firstRecordOutOfRange }
    }
}

/// An answer of an FCS endpoint that is not one.
struct FCSAnswerError: Error { var reason: String }
