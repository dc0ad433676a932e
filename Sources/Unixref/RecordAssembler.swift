import CLibXML2
import WorkModel

/// The SAX2 state machine: turns element events into records, one at a time, never a tree.
///
/// One instance belongs to one `DepositParser` and so to one thread; libxml2 calls it back
/// synchronously from inside `xmlParseChunk`.
final class RecordAssembler {
    struct Frame {
        var tag: Tag
        var ns: Namespace
        /// Where this element's text starts in `text`, or -1 when its text is not kept.
        var captureStart: Int
        /// What a fundref `assertion` holds, read from its `name` attribute.
        var funderPart: FunderPart = .none
        /// Whether this element pushed a `WorkFields` onto `builders`.
        var opensBuilder = false
    }

    enum Envelope { case unknown, oai, unixsd, unixref, batch }

    /// What is known of the record being read (in a `doi_batch`: of the current body element).
    final class RecordState {
        let index: Int
        var recordDOI: String?
        var error: RecordError?
        var warnings: [RecordWarning] = []
        var startByte: Int
        var bookType: String?
        var topLevel: Tag = .other
        var containers: [WorkFields] = []
        var candidates: [WorkFields] = []
        // unixsd registry data
        var publisherName: String?
        var member: String?
        var ownerPrefix: String?
        var lastUpdate: String?
        var created: String?
        var citedBy: String?
        var depositTimestamp: String?
        /// `doi_record/@timestamp` of unixref records.
        var doiRecordTimestamp: String?
        var relationClaims: [(claim: String, idType: String, id: String)] = []
        /// In a `doi_batch`, a failure already reported for this body element.
        var reportedFailure = false

        init(index: Int, startByte: Int) { self.index = index; self.startByte = startByte }
    }

    let limits: ParserLimits
    var emit: (ParseOutcome) -> Void = { _ in }
    var context: xmlParserCtxtPtr?

    // Names and namespace URIs come interned from the parser's dictionary, so a pointer names
    // a string for the life of the context: look each up once.
    private var tagCache = InternedNameCache<Tag>(placeholder: .other)
    private var otherNames: [UnsafeRawPointer: String] = [:]
    private var nsCache = InternedNameCache<Namespace>(placeholder: .none)

    var stack: [Frame] = []
    var text: [UInt8] = []
    var captureDepth = 0

    var envelope = Envelope.unknown
    var recordCount = 0
    var record: RecordState? {
        didSet {
            recordReadable = record != nil
            recordStartByte = record?.startByte ?? 0
        }
    }
    /// A record is open and has not failed: checked per event, so kept as plain values.
    private(set) var recordReadable = false
    private var recordStartByte = 0
    var depositID: String?
    var batchTimestamp: String?
    var documentFailed = false

    // Nested objects being read.
    var builders: [WorkFields] = []
    var date: (kind: Tag, media: String, year: String?, month: String?, day: String?)?
    var person: (role: String, contributor: Contributor)?
    var inPerson = false
    var orcidAuthenticated: String?
    var reference: Reference?
    /// Whether a `citation` is open; a plain flag, since testing the optional copies the struct.
    var inCitation = false
    var institution: Institution?
    var inPersonAffiliations = false
    var funderProgramDepth = 0
    var funder: Funder?
    var funderNameOpen = false
    var pendingFunderIdentifier: String?
    var pendingAssertion: Assertion?
    var collectionProperty: String?
    var itemCrawler: String?
    var resourceAttributes: (mime: String?, version: String?)
    var licenseAttributes: (appliesTo: String?, start: String?)
    var updateAttributes: (type: String?, label: String?, date: String?)
    var relationAttributes: (type: String?, idType: String?)
    var trialAttributes: (registry: String?, type: String?)
    var crmAttributes: (name: String?, type: String?, claim: String?)
    var issnMedia: String?
    var itemNumberType: String?
    var identifierType: String?
    var citationDOIProvider: String?
    var standardsBodyName: String?
    var standardsBodyAcronym: String?
    var review: Review?

    // Abstracts are kept as the JATS markup they were deposited in.
    var abstractDepth = 0
    var abstractXML: [UInt8] = []

    init(limits: ParserLimits) { self.limits = limits }

    /// Forgets everything of the previous document; interned-name caches go with the context.
    func reset(context: xmlParserCtxtPtr?, keepCaches: Bool) {
        self.context = context
        if !keepCaches {
            tagCache.removeAll()
            otherNames.removeAll(keepingCapacity: true)
            nsCache.removeAll()
        }
        stack.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        captureDepth = 0
        envelope = .unknown
        recordCount = 0
        record = nil
        depositID = nil
        batchTimestamp = nil
        documentFailed = false
        clearObjects()
    }

    private func clearObjects() {
        builders.removeAll()
        date = nil; person = nil; reference = nil; institution = nil; funder = nil
        inPerson = false; inCitation = false
        funderProgramDepth = 0; funderNameOpen = false; pendingAssertion = nil; review = nil
        abstractDepth = 0; abstractXML.removeAll(keepingCapacity: true)
        inPersonAffiliations = false
    }

    var cachedNameCount: Int { tagCache.count }

    /// The parts of a FundRef program, by the `name` of their `assertion`.
    enum FunderPart: UInt8 {
        case none, fundgroup, funderName, funderIdentifier, award, other

        init(name: String?) {
            switch name {
            case "fundgroup": self = .fundgroup
            case "funder_name": self = .funderName
            case "funder_identifier": self = .funderIdentifier
            case "award_number", "funding_identifier": self = .award
            default: self = .other
            }
        }
    }

    // MARK: - SAX events

    func startElement(localname: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
                      attributes: SAXAttributes) {
        let tag = lookupTag(localname)
        let ns = lookupNamespace(uri)
        if stack.count >= Self.maxDepth { tooDeep(); return }
        if abstractDepth > 0 {
            abstractDepth += 1
            writeAbstractStart(localname: localname, prefix: prefix, attributes: attributes)
            stack.append(Frame(tag: .other, ns: ns, captureStart: -1))
            return
        }
        if stack.isEmpty { startDocumentElement(tag) }
        let parent = stack.last?.tag ?? .other
        if recordReadable, let context, bytesConsumed(context) - recordStartByte > limits.maxRecordBytes {
            fail(.recordTooLarge, "record is larger than \(limits.maxRecordBytes) bytes")
        }
        if tag == .other, record != nil, ns.isDepositBody, captureDepth == 0, let otherName = otherNames[UnsafeRawPointer(localname)],
           !Tag.knownIgnored.contains(otherName) {
            warn(.unknownElement, "<\(otherName)> inside <\(stack.last.map { "\($0.tag)" } ?? "")> was ignored")
        }
        var frame = Frame(tag: tag, ns: ns, captureStart: -1)
        handleStart(tag, ns: ns, parent: parent, attributes: attributes, frame: &frame)
        // A member deposit's head (doi_batch_id, timestamp) comes before any record opens.
        if record != nil || (envelope == .batch && parent == .head), capturesText(tag, ns: ns) {
            frame.captureStart = text.count
            captureDepth += 1
        }
        stack.append(frame)
    }

    func endElement() {
        guard let frame = stack.popLast() else { return }
        if abstractDepth > 0 {
            abstractDepth -= 1
            if abstractDepth == 0 { finishAbstract() } else { writeAbstractEnd(frame) }
            return
        }
        var value: String?
        if frame.captureStart >= 0 {
            captureDepth -= 1
            value = collapsedText(from: frame.captureStart)
            // A nested field's text is not part of its parent's own text (funder_name vs. its id).
            if captureDepth == 0 { text.removeAll(keepingCapacity: true) } else { text.removeSubrange(frame.captureStart...) }
        }
        handleEnd(frame, text: value)
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        if abstractDepth > 0 { appendEscaped(bytes, count); return }
        guard captureDepth > 0, recordReadable || record == nil else {
            if recordReadable, let context, bytesConsumed(context) - recordStartByte > limits.maxRecordBytes {
                fail(.recordTooLarge, "record is larger than \(limits.maxRecordBytes) bytes")
            }
            return
        }
        if text.count + count > limits.maxFieldBytes {
            fail(.recordTooLarge, "a text field is longer than \(limits.maxFieldBytes) bytes")
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// A libxml2 error: the record it happened in fails, with libxml2's message and line.
    func xmlError(message: String, line: Int, fatal: Bool) {
        if record != nil {
            fail(.malformedXML, message, line: line)
        } else if !documentFailed {
            documentFailed = true
            emit(.failure(RecordError(code: message.contains("Excessive depth") ? .tooDeep : .malformedXML,
                                      recordIndex: nil, doi: nil, line: line, message: message)))
        }
    }

    /// Real deposits nest about 16 deep; libxml2's push parser (2.9) does not bound depth itself.
    static let maxDepth = 256

    /// Nesting deeper than any deposit: the record (or the document) fails and parsing stops, since
    /// every further level would cost memory in libxml2's name stack and ours.
    private func tooDeep() {
        let message = "elements are nested more than \(Self.maxDepth) deep"
        if record != nil {
            fail(.tooDeep, message)
        } else if !documentFailed {
            emit(.failure(RecordError(code: .tooDeep, recordIndex: nil, doi: nil, line: currentLine, message: message)))
        }
        documentFailed = true
        if let context { xmlStopParser(context) }
    }

    /// A DOCTYPE: refused before any declaration in it is read.
    func forbidDTD() {
        documentFailed = true
        emit(.failure(RecordError(code: .forbiddenDTD, recordIndex: nil, doi: nil, line: context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) },
                                  message: "DOCTYPE declarations are not accepted in deposits (no DTD or external entity is ever loaded)")))
        if let context { xmlStopParser(context) }
    }

    /// End of input: a record still open was cut short.
    func endDocument() {
        if let record {
            if record.error == nil, !record.reportedFailure { fail(.malformedXML, "the document ends inside this record") }
            finishRecord()
        }
    }

    // MARK: - Records

    private func startDocumentElement(_ tag: Tag) {
        switch tag {
        case .oaiPMH, .record: envelope = .oai
        case .crossref_result: envelope = .unixsd
        case .doi_records, .doi_record, .crossref: envelope = .unixref
        case .doi_batch: envelope = .batch
        default:
            documentFailed = true
            emit(.failure(RecordError(code: .unknownEnvelope, recordIndex: nil, doi: nil, line: 1,
                                      message: "the document element is not a deposit envelope (expected OAI-PMH, crossref_result, doi_records, doi_record, crossref or doi_batch)")))
            if let context { xmlStopParser(context) }
        }
    }

    func beginRecord() {
        let start = context.map { Int(xmlByteConsumed($0)) } ?? 0
        record = RecordState(index: recordCount, startByte: start)
        // In a member deposit the works inside the body element take the indexes, not the element.
        if envelope != .batch { recordCount += 1 }
        clearObjects()
    }

    /// Ends the record (single-record envelopes) or the body element (`doi_batch`).
    func finishRecord() {
        guard let record else { return }
        defer { self.record = nil; clearObjects() }
        if envelope == .batch {
            if let error = record.error { emitFailure(error, record: record, doi: builders.first?.doi) }
            return
        }
        if let error = record.error {
            emitFailure(error, record: record, doi: record.recordDOI ?? record.candidates.last?.doi)
            return
        }
        let chosen: WorkFields?
        if let doi = record.recordDOI, let match = record.candidates.last(where: { $0.doi == doi }) {
            chosen = match
        } else if let best = record.candidates.max(by: { $0.specificity <= $1.specificity }) {
            if let doi = record.recordDOI { record.warnings.append(.init(.doiMismatch, "no element carries the record DOI \(doi); read \(best.doi ?? "?")")) }
            chosen = best
        } else {
            chosen = nil
        }
        guard let chosen else {
            let code: RecordError.Code = record.recordDOI == nil && record.containers.isEmpty ? .noWork : .missingDOI
            emitFailure(RecordError(code: code, recordIndex: record.index, doi: record.recordDOI, line: currentLine,
                                    message: code == .noWork ? "the record holds no work (no journal, book, conference, … element with doi_data)"
                                                             : "no work element in the record has a DOI"),
                        record: record, doi: record.recordDOI)
            return
        }
        emitWork(chosen, record: record, index: record.index)
    }

    private func emitFailure(_ error: RecordError, record: RecordState, doi: String?) {
        var error = error
        if error.recordIndex == nil { error.recordIndex = record.index }
        if error.doi == nil { error.doi = doi }
        emit(.failure(error))
    }

    func emitWork(_ fields: WorkFields, record: RecordState, index: Int) {
        var assembly = WorkAssembly(fields: fields, record: record, batchTimestamp: batchTimestamp)
        let work = assembly.build()
        let parsed = ParsedRecord(recordIndex: index, work: work, version: assembly.version,
                                  partialFields: assembly.partialFields, depositID: depositID,
                                  warnings: record.warnings + assembly.warnings)
        emit(.record(parsed))
    }

    /// A work element ended.
    func finishBuilder(_ fields: WorkFields) {
        guard let record else { return }
        if fields.kind == .journal_volume, fields.doi == nil, let parent = builders.last {
            // A volume without a DOI of its own only tells its issue which volume it is.
            if parent.volume == nil { parent.volume = fields.volume }
            return
        }
        if fields.doi == nil, let raw = fields.rawDOI, let recordDOI = record.recordDOI, envelope != .batch,
           Identifiers.trimmedText(raw).lowercased().hasPrefix(recordDOI) {
            // Garbage after the DOI in doi_data (seen in real deposits): the envelope names the record.
            fields.doi = recordDOI
            warn(.invalidDOI, "doi_data DOI \(raw) read as \(recordDOI), the DOI the envelope names")
        }
        if fields.isContainerKind { record.containers.append(fields) }
        guard fields.doi != nil else {
            if fields.isPartial { fail(.missingDOI, "the partial deposit <\(fields.kind)> names no DOI") }
            return
        }
        if envelope == .batch {
            // Every element with its own doi_data is a work of its own, in document order.
            guard record.error == nil else { return }
            let index = recordCount
            recordCount += 1
            emitWork(fields, record: record, index: index)
            record.warnings.removeAll()
        } else {
            record.candidates.append(fields)
        }
    }

    func fail(_ code: RecordError.Code, _ message: String, line: Int? = nil) {
        guard let record, record.error == nil else { return }
        record.error = RecordError(code: code, recordIndex: envelope == .batch ? recordCount : record.index,
                                   doi: builders.last?.doi ?? record.recordDOI, line: line ?? currentLine, message: message)
        recordReadable = false
        if envelope == .batch {
            // Later works of the same deposit may still be fine; this one is lost with its reason.
            emitFailure(record.error!, record: record, doi: nil)
            record.reportedFailure = true
            recordCount += 1
            record.error = nil
            recordReadable = true
            builders.removeAll()
        }
    }

    func warn(_ kind: RecordWarning.Kind, _ detail: String) {
        record?.warnings.append(RecordWarning(kind, detail))
    }

    /// `xmlByteConsumed`, without the call for the usual input (UTF-8, no encoder): checked per event.
    @inline(__always)
    func bytesConsumed(_ context: xmlParserCtxtPtr) -> Int {
        guard let input = context.pointee.input else { return -1 }
        if let buffer = input.pointee.buf, buffer.pointee.encoder != nil { return Int(xmlByteConsumed(context)) }
        guard let cur = input.pointee.cur, let base = input.pointee.base else { return Int(xmlByteConsumed(context)) }
        return Int(input.pointee.consumed) + (cur - base)
    }

    var currentLine: Int? {
        guard let context else { return nil }
        return Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(context)))
    }

    // MARK: - Names

    private func lookupTag(_ name: UnsafePointer<xmlChar>) -> Tag {
        let key = UnsafeRawPointer(name)
        if let hit = tagCache.lookup(key) { return hit }
        let string = String(cString: name)
        let tag = Tag(localName: string)
        tagCache.insert(key, tag)
        if tag == .other { otherNames[key] = string }
        return tag
    }

    private func lookupNamespace(_ uri: UnsafePointer<xmlChar>?) -> Namespace {
        guard let uri else { return .none }
        let key = UnsafeRawPointer(uri)
        if let hit = nsCache.lookup(key) { return hit }
        let ns = Namespace(uri: String(cString: uri))
        nsCache.insert(key, ns)
        return ns
    }

    // MARK: - Text

    /// The element's text with whitespace runs collapsed to one space and the ends trimmed.
    func collapsedText(from start: Int) -> String {
        text.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[start...])
            var needsWork = false
            var previousSpace = true
            for b in slice {
                // Most bytes are neither whitespace nor controls: one comparison for them.
                if b > 0x20 { previousSpace = false; continue }
                let isSpace = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
                if isSpace && (previousSpace || b != 0x20) { needsWork = true; break }
                previousSpace = isSpace
            }
            if !needsWork {
                if previousSpace, !slice.isEmpty { return String(decoding: UnsafeBufferPointer(rebasing: slice.dropLast()), as: UTF8.self) }
                return String(decoding: slice, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(slice.count)
            var pendingSpace = false
            for b in slice {
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    // MARK: - Abstracts

    func beginAbstract() {
        abstractDepth = 1
        abstractXML.removeAll(keepingCapacity: true)
    }

    private func writeAbstractStart(localname: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, attributes: SAXAttributes) {
        abstractXML.append(UInt8(ascii: "<"))
        if let prefix { appendCString(prefix); abstractXML.append(UInt8(ascii: ":")) }
        appendCString(localname)
        attributes.forEach { prefix, local, value in
            abstractXML.append(UInt8(ascii: " "))
            if let prefix { appendCString(prefix); abstractXML.append(UInt8(ascii: ":")) }
            appendCString(local)
            abstractXML.append(contentsOf: Array("=\"".utf8))
            appendEscaped(value.baseAddress!, value.count, attribute: true)
            abstractXML.append(UInt8(ascii: "\""))
        }
        abstractXML.append(UInt8(ascii: ">"))
        stackNamesForAbstract.append((prefix.map { String(cString: $0) }, String(cString: localname)))
    }

    private var stackNamesForAbstract: [(String?, String)] = []

    private func writeAbstractEnd(_ frame: Frame) {
        guard let (prefix, local) = stackNamesForAbstract.popLast() else { return }
        abstractXML.append(contentsOf: Array("</".utf8))
        if let prefix { abstractXML.append(contentsOf: Array(prefix.utf8)); abstractXML.append(UInt8(ascii: ":")) }
        abstractXML.append(contentsOf: Array(local.utf8))
        abstractXML.append(UInt8(ascii: ">"))
    }

    private func finishAbstract() {
        stackNamesForAbstract.removeAll()
        let markup = Identifiers.trimmedText(String(decoding: abstractXML, as: UTF8.self))
        if let current = builders.last, current.abstract == nil, !markup.isEmpty { current.abstract = markup }
        abstractXML.removeAll(keepingCapacity: true)
    }

    private func appendCString(_ p: UnsafePointer<xmlChar>) {
        var i = 0
        while p[i] != 0 { abstractXML.append(p[i]); i += 1 }
    }

    private func appendEscaped(_ bytes: UnsafePointer<xmlChar>, _ count: Int, attribute: Bool = false) {
        if abstractXML.count + count > limits.maxFieldBytes {
            fail(.recordTooLarge, "the abstract is longer than \(limits.maxFieldBytes) bytes")
            return
        }
        for i in 0..<count {
            switch bytes[i] {
            case UInt8(ascii: "<"): abstractXML.append(contentsOf: [38, 108, 116, 59])            // &lt;
            case UInt8(ascii: ">"): abstractXML.append(contentsOf: [38, 103, 116, 59])            // &gt;
            case UInt8(ascii: "&"): abstractXML.append(contentsOf: [38, 97, 109, 112, 59])        // &amp;
            case UInt8(ascii: "\"") where attribute: abstractXML.append(contentsOf: [38, 113, 117, 111, 116, 59])
            default: abstractXML.append(bytes[i])
            }
        }
    }
}
