import CLibXML2
import WorkModel

/// Reads deposit XML into works, one record at a time, with libxml2's SAX2 push parser.
///
/// Never builds a tree: a 200-record OAI-PMH page streams through in bounded memory. Never loads
/// a DTD or an external entity: a DOCTYPE ends the document with `forbidden-dtd` before any of
/// its declarations is read, `XML_PARSE_NONET` is always on and `XML_PARSE_NOENT` never is.
///
/// Not thread-safe: give each thread its own parser (they are cheap and reuse their buffers).
public final class DepositParser {
    private let assembler: RecordAssembler
    private var handler = xmlSAXHandler()
    private var context: xmlParserCtxtPtr?
    /// After this many distinct element names the context (and its name dictionary) is renewed,
    /// so hostile input cannot grow it without bound.
    private let maxCachedNames = 20_000

    /// libxml2's options: recover, so that the records after a broken one still come out; no network.
    static let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)

    public init(limits: ParserLimits = .default) {
        LibXML2.prepare()
        assembler = RecordAssembler(limits: limits)
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { ctx, localname, prefix, uri, _, _, attributeCount, _, attributes in
            guard let ctx, let localname else { return }
            // The parser owns the assembler for the whole parse: no retain/release per event.
            Unmanaged<RecordAssembler>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.startElement(localname: localname, prefix: prefix, uri: uri,
                                attributes: SAXAttributes(base: attributes, count: Int(attributeCount)))
            }
        }
        handler.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            Unmanaged<RecordAssembler>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.endElement() }
        }
        handler.characters = { ctx, bytes, count in
            guard let ctx, let bytes else { return }
            Unmanaged<RecordAssembler>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.characters(bytes, Int(count)) }
        }
        handler.cdataBlock = handler.characters
        handler.internalSubset = { ctx, _, _, _ in
            guard let ctx else { return }
            Unmanaged<RecordAssembler>.fromOpaque(ctx).takeUnretainedValue().forbidDTD()
        }
        handler.externalSubset = handler.internalSubset
        handler.serror = { ctx, error in
            guard let ctx, let error else { return }
            let level = error.pointee.level
            // Warnings and namespace-prefix complaints do not make a record unreadable.
            guard level == XML_ERR_FATAL || (level == XML_ERR_ERROR && error.pointee.domain != Int32(XML_FROM_NAMESPACE.rawValue)) else { return }
            let message = error.pointee.message.map { Identifiers.trimmedText(String(cString: $0)) } ?? "XML error \(error.pointee.code)"
            Unmanaged<RecordAssembler>.fromOpaque(ctx).takeUnretainedValue()
                .xmlError(message: message, line: Int(error.pointee.line), fatal: level == XML_ERR_FATAL)
        }
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Parses one whole document held in memory (a Kafka message, a small file).
    public func parse(_ bytes: UnsafeRawBufferPointer, emit: (ParseOutcome) -> Void) {
        var offset = 0
        parse(reader: { buffer in
            guard offset < bytes.count else { return false }
            let n = min(bytes.count - offset, 1 << 18)
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]))
            offset += n
            return true
        }, emit: emit)
    }

    public func parse(_ bytes: [UInt8], emit: (ParseOutcome) -> Void) {
        bytes.withUnsafeBytes { parse($0, emit: emit) }
    }

    /// Parses one document delivered in chunks: `reader` appends the next chunk to its buffer and
    /// returns false at the end of input (a file read piece by piece, gzip-decompressed, stdin).
    public func parse(reader: (inout [UInt8]) throws -> Bool, emit: (ParseOutcome) -> Void) rethrows {
        try withoutActuallyEscaping(emit) { emit in
            assembler.emit = emit
            defer { assembler.emit = { _ in } }
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << 18)
            var more = try reader(&chunk)
            guard more || !chunk.isEmpty else {
                emit(.failure(RecordError(code: .empty, recordIndex: nil, doi: nil, line: nil, message: "the input is empty")))
                return
            }
            let ctxt = prepareContext(firstChunk: &chunk)
            while more {
                chunk.removeAll(keepingCapacity: true)
                more = try reader(&chunk)
                if !chunk.isEmpty {
                    let stopped = chunk.withUnsafeBufferPointer { buf in
                        buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                            xmlParseChunk(ctxt, $0, Int32(buf.count), 0)
                        }
                    } != 0 && ctxt.pointee.disableSAX != 0
                    if stopped && assembler.documentFailed { break }
                }
            }
            xmlParseChunk(ctxt, nil, 0, 1)
            assembler.endDocument()
            if assembler.documentFailed || assembler.cachedNameCount > maxCachedNames {
                // A stopped context is not trusted for the next document.
                xmlFreeParserCtxt(ctxt)
                context = nil
            }
        }
    }

    private func prepareContext(firstChunk: inout [UInt8]) -> xmlParserCtxtPtr {
        let userData = Unmanaged.passUnretained(assembler).toOpaque()
        let ctxt: xmlParserCtxtPtr
        if let existing = context {
            // Reusing the context keeps its name dictionary, so interned names stay cached.
            ctxt = existing
            firstChunk.withUnsafeBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    _ = xmlCtxtResetPush(ctxt, $0, Int32(buf.count), nil, nil)
                }
            }
            xmlCtxtUseOptions(ctxt, Self.options)
            assembler.reset(context: ctxt, keepCaches: true)
        } else {
            ctxt = firstChunk.withUnsafeBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlCreatePushParserCtxt(&handler, userData, $0, Int32(buf.count), nil)
                }
            }!
            xmlCtxtUseOptions(ctxt, Self.options)
            context = ctxt
            assembler.reset(context: ctxt, keepCaches: false)
        }
        return ctxt
    }
}
