import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML document, small enough to query in tests: each element with its attributes,
/// its own text and its children. Parsing fails (nil) on any well-formedness error.
final class XMLTree {
    final class Element {
        let name: String
        let attributes: [String: String]
        /// The text inside the element, its children's included, in document order.
        var text = ""
        var children: [Element] = []
        weak var parent: Element?

        init(name: String, attributes: [String: String], parent: Element?) {
            self.name = name
            self.attributes = attributes
            self.parent = parent
        }

        /// This element and every element inside it, in document order.
        var all: [Element] { [self] + children.flatMap(\.all) }

        var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
    }

    let root: Element

    /// Parses `text`; nil, with the parser's message in `error`, when it is not well-formed XML.
    init?(_ text: String, error: inout String) {
        let delegate = Builder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else {
            error = parser.parserError.map { "\($0) at line \(parser.lineNumber)" } ?? "no root element"
            return nil
        }
        self.root = root
    }

    var elements: [Element] { root.all }

    /// The element with id `id`.
    func element(id: String) -> Element? { elements.first { $0.attributes["id"] == id } }

    /// Every `<text>` line's text, in document order.
    var lines: [String] { elements.filter { $0.name == "text" }.map(\.text) }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        var current: Element?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let e = Element(name: name, attributes: attributes, parent: current)
            if let current { current.children.append(e) } else { root = e }
            current = e
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            current = current?.parent
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            var e = current
            while let element = e {
                element.text += string
                e = element.parent
            }
        }
    }
}
