import WorkModel

/// One work read from a deposit, with what the parser had to drop on the way.
public struct ParsedRecord: Sendable {
    /// Position of the record in its document (0-based), for error reports and DLQ headers.
    public var recordIndex: Int
    public var work: Work
    /// The deposit version (epoch ms), when the XML says when it was deposited.
    public var version: Int64?
    /// Non-nil for a partial deposit (`doi_resources`, `lic_ref_data`, …): only these top-level keys
    /// are given and they replace the stored work's.
    public var partialFields: Set<String>?
    /// `doi_batch_id` of a member deposit.
    public var depositID: String?
    public var warnings: [RecordWarning]
}

/// A value dropped from a record that was otherwise read.
public struct RecordWarning: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case invalidDate = "invalid-date"
        case invalidDOI = "invalid-doi"
        case invalidISSN = "invalid-issn"
        case invalidISBN = "invalid-isbn"
        case invalidORCID = "invalid-orcid"
        case invalidFunderID = "invalid-funder-id"
        case invalidNumber = "invalid-number"
        case unknownElement = "unknown-element"
        case doiMismatch = "doi-mismatch"
        case truncatedText = "truncated-text"
    }
    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) { self.kind = kind; self.detail = detail }
    public var description: String { "\(kind.rawValue): \(detail)" }
}

/// A record that could not be read; the records around it are still read.
public struct RecordError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable {
        /// The XML is not well-formed (the message is libxml2's).
        case malformedXML = "malformed-xml"
        /// A DOCTYPE: deposits never need one and DTDs are how entity bombs and external entities get in.
        case forbiddenDTD = "forbidden-dtd"
        case missingDOI = "missing-doi"
        case noWork = "no-work"
        case recordTooLarge = "record-too-large"
        case unknownEnvelope = "unknown-envelope"
        case tooDeep = "too-deep"
        case empty = "empty-input"
    }
    public var code: Code
    public var recordIndex: Int?
    public var doi: String?
    public var line: Int?
    public var message: String

    public init(code: Code, recordIndex: Int?, doi: String?, line: Int?, message: String) {
        self.code = code; self.recordIndex = recordIndex; self.doi = doi; self.line = line; self.message = message
    }

    public var description: String {
        var parts = ["\(code.rawValue)"]
        if let recordIndex { parts.append("record \(recordIndex)") }
        return parts.joined(separator: ", ") + (doi == nil && line == nil ? ": " : ", ") + detail
    }

    /// The message and where it happened (DOI, line): what a dead letter says beside its
    /// error-code and record-index.
    public var detail: String {
        var parts: [String] = []
        if let doi { parts.append("doi \(doi)") }
        if let line { parts.append("line \(line)") }
        return parts.isEmpty ? message : parts.joined(separator: ", ") + ": " + message
    }

    enum CodingKeys: String, CodingKey {
        case code, recordIndex = "record-index", doi = "DOI", line, message
    }
}

/// What the parser hands out, one at a time, in document order.
public enum ParseOutcome: Sendable {
    case record(ParsedRecord)
    case failure(RecordError)
}

/// Bounds that keep hostile or broken input from costing unbounded memory.
public struct ParserLimits: Sendable {
    /// Largest text kept for one field (a title, an abstract, a URL).
    public var maxFieldBytes: Int
    /// Largest record, in bytes of XML.
    public var maxRecordBytes: Int

    public init(maxFieldBytes: Int = 1 << 20, maxRecordBytes: Int = 16 << 20) {
        self.maxFieldBytes = maxFieldBytes
        self.maxRecordBytes = maxRecordBytes
    }

    public static let `default` = ParserLimits()
}
