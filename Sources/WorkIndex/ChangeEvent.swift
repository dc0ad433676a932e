import WorkModel

/// The outbox payload published to `work-changes` (key = DOI): what changed, never the record.
public struct ChangeEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case created
        case updated
        /// Another work's Crossmark notice changed this work's `updated-by`.
        case updatedBy = "updated-by"
    }

    /// Unique per index change: `<doi>@<version>` for the first change of a DOI at a version,
    /// `<doi>@<version>#<kind>.<n>` for any further change at the same version (same-version
    /// content change, reindex rewrite, `updated-by`), n being the work's change counter.
    public var id: String
    public var DOI: String
    public var kind: Kind
    /// Top-level JSON keys whose values differ from the stored work (every key for `created`).
    public var changedFields: [String]
    public var member: String?
    public var type: String?
    public var deposited: DateObject?
    public var indexed: DateObject
    public var version: Int64
    /// The message that caused the change (for `updated-by`, the notice's message).
    public var source: SourceCoordinates

    public init(id: String, DOI: String, kind: Kind, changedFields: [String], member: String?, type: String?,
                deposited: DateObject?, indexed: DateObject, version: Int64, source: SourceCoordinates) {
        self.id = id; self.DOI = DOI; self.kind = kind; self.changedFields = changedFields; self.member = member
        self.type = type; self.deposited = deposited; self.indexed = indexed; self.version = version; self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case id, DOI, kind, member, type, deposited, indexed, version, source
        case changedFields = "changed-fields"
    }

    /// The event as one line of JSON (the outbox payload).
    public var jsonBytes: [UInt8] { JSONWriter.render(self) }
}

extension ChangeEvent: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("DOI", DOI)
        w.field("kind", kind.rawValue)
        w.field("changed-fields", changedFields)
        // The schema requires the key (string or null): consumers must not have to tell "unknown
        // member" from "field forgotten".
        if let member { w.field("member", member) } else { w.key("member"); w.null() }
        w.field("type", type)
        w.field("deposited", deposited)
        w.field("indexed", indexed)
        w.field("version", version)
        w.field("source", source)
        w.endObject()
    }
}

extension SourceCoordinates: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("topic", topic)
        w.field("partition", Int(partition))
        w.field("offset", offset)
        w.field("deposit-id", depositID)
        w.endObject()
    }
}
