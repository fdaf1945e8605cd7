import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document read whole into elements, each with its namespace, local name, attributes
/// (by qualified name) and text, for reading a peer's OAI-PMH answers.
struct XMLElementTree {
    var namespace: String
    var name: String
    var attributes: [String: String]
    var text: String
    var children: [XMLElementTree]

    /// The children with this local name (and namespace, when given).
    func children(_ name: String, in namespace: String? = nil) -> [XMLElementTree] {
        children.filter { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    func child(_ name: String, in namespace: String? = nil) -> XMLElementTree? {
        children.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// The element's text without the white space around it.
    var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Reads `data`; a document that is not well-formed XML throws the parser's reason with
    /// its line and column.
    static func parse(_ data: Data) throws -> XMLElementTree {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "the document is empty"
            throw XMLReadError(line: parser.lineNumber, column: parser.columnNumber, reason: reason)
        }
        return root
    }

    /// Where and why a document is not well-formed XML.
    struct XMLReadError: Error {
        var line: Int
        var column: Int
        var reason: String
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLElementTree] = []
        var root: XMLElementTree?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            stack.append(XMLElementTree(namespace: namespaceURI ?? "", name: name, attributes: attributes, text: "", children: []))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: block, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
    }
}
