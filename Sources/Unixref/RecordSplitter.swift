import CLibXML2
import WorkModel

/// Splits a deposit document into one standalone XML document per record, for publishing one
/// Kafka message per record: each OAI-PMH `record` with its header (whose identifier says which of
/// the record's works it is about: a series record's metadata also holds a book), each `doi_record` of a
/// `doi_records` list, each `query` of a unixsd result. A `doi_batch` (and any single-record
/// document) stays whole. Namespace declarations in scope are written onto each piece's root, so
/// every piece parses on its own exactly as it did inside the page.
public final class RecordSplitter {
    public struct Piece: Sendable {
        /// The record's DOI (lower case) when the envelope or body names one.
        public var doi: String?
        /// `doi_batch_id` of a member deposit (the key of a batch message).
        public var depositID: String?
        public var xml: [UInt8]
        public var contentType: String
    }

    public init() {}

    /// Splits `bytes`; a document that cannot be split (not XML, a DOCTYPE) is returned whole, so
    /// the worker reports on it like on any other record.
    public func split(_ bytes: [UInt8]) -> [Piece] {
        let state = SplitState()
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { ctx, localname, prefix, _, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let ctx, let localname else { return }
            Unmanaged<SplitState>.fromOpaque(ctx).takeUnretainedValue()
                .start(localname, prefix, Int(namespaceCount), namespaces, SAXAttributes(base: attributes, count: Int(attributeCount)))
        }
        handler.endElementNs = { ctx, localname, prefix, _ in
            guard let ctx, let localname else { return }
            Unmanaged<SplitState>.fromOpaque(ctx).takeUnretainedValue().end(localname, prefix)
        }
        handler.characters = { ctx, bytes, count in
            guard let ctx, let bytes else { return }
            Unmanaged<SplitState>.fromOpaque(ctx).takeUnretainedValue().text(bytes, Int(count))
        }
        handler.cdataBlock = handler.characters
        handler.internalSubset = { ctx, _, _, _ in
            guard let ctx else { return }
            Unmanaged<SplitState>.fromOpaque(ctx).takeUnretainedValue().refused = true
        }
        LibXML2.prepare()
        let ctxt = xmlCreatePushParserCtxt(&handler, Unmanaged.passUnretained(state).toOpaque(), nil, 0, nil)
        guard let ctxt else { return [whole(bytes, state: state)] }
        defer { xmlFreeParserCtxt(ctxt) }
        xmlCtxtUseOptions(ctxt, DepositParser.options)
        state.context = ctxt
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                _ = xmlParseChunk(ctxt, $0, Int32(buf.count), 1)
            }
        }
        if state.refused || state.pieces.isEmpty || ctxt.pointee.wellFormed == 0 { return [whole(bytes, state: state)] }
        return state.pieces
    }

    private func whole(_ bytes: [UInt8], state: SplitState) -> Piece {
        Piece(doi: state.pieces.count == 1 ? state.pieces[0].doi : state.firstDOI, depositID: state.depositID,
              xml: bytes, contentType: state.contentType)
    }
}

/// The SAX side of `RecordSplitter`: one instance per document.
private final class SplitState {
    var context: xmlParserCtxtPtr?
    var pieces: [RecordSplitter.Piece] = []
    var refused = false
    var depositID: String?
    var firstDOI: String?
    var contentType = "application/vnd.crossref.unixref+xml"

    private var depth = 0
    private var rootName = ""
    /// Namespace declarations in scope, innermost last: (prefix or "", URI), with the depth that declared them.
    private var scope: [(depth: Int, prefix: String, uri: String)] = []
    /// The piece being written and the depth of its root element.
    private var out: [UInt8] = []
    private var pieceDepth: Int?
    private var pieceDOI: String?
    /// The depth of the OAI-PMH record header being read, if one is.
    private var headerDepth: Int?
    private var textTarget: TextTarget = .none
    private var textBuffer: [UInt8] = []

    private enum TextTarget { case none, oaiIdentifier, doi, batchID }

    func start(_ localname: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?, _ namespaceCount: Int,
               _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ attributes: SAXAttributes) {
        depth += 1
        let name = String(cString: localname)
        var declared: [(String, String)] = []
        for i in 0..<namespaceCount {
            let p = namespaces?[2 * i].map { String(cString: $0) } ?? ""
            let u = namespaces?[2 * i + 1].map { String(cString: $0) } ?? ""
            declared.append((p, u))
            scope.append((depth, p, u))
        }
        if depth == 1 {
            rootName = name
            switch name {
            case "crossref_result": contentType = "application/vnd.crossref.unixsd+xml"
            case "doi_batch": contentType = "application/vnd.crossref.deposit+xml"
            default: break
            }
        }
        if pieceDepth == nil, startsPiece(name) {
            pieceDepth = depth
            out.removeAll(keepingCapacity: true)
            out.append(contentsOf: Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8))
            writeStart(localname, prefix, declarations: inScopeDeclarations(), attributes)
        } else if pieceDepth != nil {
            writeStart(localname, prefix, declarations: declared, attributes)
        }
        if name == "header", rootName == "OAI-PMH" || rootName == "record" { headerDepth = depth }
        switch name {
        case "identifier" where headerDepth != nil: textTarget = .oaiIdentifier
        case "doi": textTarget = .doi
        case "doi_batch_id": textTarget = .batchID
        default: textTarget = .none
        }
        textBuffer.removeAll(keepingCapacity: true)
    }

    func end(_ localname: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?) {
        switch textTarget {
        case .oaiIdentifier: pieceDOI = Identifiers.doi(String(decoding: textBuffer, as: UTF8.self))
        case .doi:
            if let doi = Identifiers.doi(String(decoding: textBuffer, as: UTF8.self)) {
                if pieceDOI == nil { pieceDOI = doi }
                if firstDOI == nil { firstDOI = doi }
            }
        case .batchID: depositID = Identifiers.trimmedText(String(decoding: textBuffer, as: UTF8.self))
        case .none: break
        }
        textTarget = .none
        if let start = pieceDepth {
            out.append(contentsOf: Array("</".utf8))
            if let prefix { appendC(prefix); out.append(UInt8(ascii: ":")) }
            appendC(localname)
            out.append(UInt8(ascii: ">"))
            if depth == start {
                pieces.append(RecordSplitter.Piece(doi: pieceDOI, depositID: depositID, xml: out, contentType: contentType))
                pieceDepth = nil
                pieceDOI = nil
            }
        }
        if depth == headerDepth { headerDepth = nil }
        while let last = scope.last, last.depth == depth { scope.removeLast() }
        depth -= 1
    }

    func text(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        if textTarget != .none { textBuffer.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count)) }
        guard pieceDepth != nil else { return }
        escape(UnsafeBufferPointer(start: bytes, count: count), attribute: false)
    }

    /// Which element is a record of its own, by envelope.
    private func startsPiece(_ name: String) -> Bool {
        switch rootName {
        case "OAI-PMH": return name == "record" && depth == 3   // OAI-PMH > ListRecords | GetRecord > record
        case "record": return depth == 1
        case "doi_records": return name == "doi_record" && depth == 2
        case "crossref_result": return name == "crossref_result" && depth == 1
        default: return depth == 1   // doi_batch, doi_record, crossref: the whole document
        }
    }

    private func inScopeDeclarations() -> [(String, String)] {
        var seen = Set<String>()
        var result: [(String, String)] = []
        for entry in scope.reversed() where seen.insert(entry.prefix).inserted { result.append((entry.prefix, entry.uri)) }
        return result
    }

    private func writeStart(_ localname: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?,
                            declarations: [(String, String)], _ attributes: SAXAttributes) {
        out.append(UInt8(ascii: "<"))
        if let prefix { appendC(prefix); out.append(UInt8(ascii: ":")) }
        appendC(localname)
        for (p, u) in declarations {
            out.append(contentsOf: Array((p.isEmpty ? " xmlns=\"" : " xmlns:\(p)=\"").utf8))
            Array(u.utf8).withUnsafeBufferPointer { escape($0, attribute: true) }
            out.append(UInt8(ascii: "\""))
        }
        attributes.forEach { prefix, local, value in
            out.append(UInt8(ascii: " "))
            if let prefix { appendC(prefix); out.append(UInt8(ascii: ":")) }
            appendC(local)
            out.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            escape(value, attribute: true)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: ">"))
    }

    private func appendC(_ p: UnsafePointer<xmlChar>) {
        var i = 0
        while p[i] != 0 { out.append(p[i]); i += 1 }
    }

    private func escape(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool) {
        for b in bytes {
            switch b {
            case UInt8(ascii: "<"): out.append(contentsOf: Array("&lt;".utf8))
            case UInt8(ascii: ">"): out.append(contentsOf: Array("&gt;".utf8))
            case UInt8(ascii: "&"): out.append(contentsOf: Array("&amp;".utf8))
            case UInt8(ascii: "\"") where attribute: out.append(contentsOf: Array("&quot;".utf8))
            default: out.append(b)
            }
        }
    }
}
