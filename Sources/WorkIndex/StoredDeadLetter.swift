/// One row of the index's dead-letter ledger.
public struct StoredDeadLetter: Sendable, Hashable, Codable {
    public var id: Int64
    public var source: SourceCoordinates
    public var recordIndex: Int
    public var doi: String?
    public var code: String
    public var message: String
    public var atMs: Int64

    public init(id: Int64, source: SourceCoordinates, recordIndex: Int, doi: String?, code: String, message: String, atMs: Int64) {
        self.id = id; self.source = source; self.recordIndex = recordIndex; self.doi = doi
        self.code = code; self.message = message; self.atMs = atMs
    }

    enum CodingKeys: String, CodingKey {
        case id, source, doi, code, message
        case recordIndex = "record-index"
        case atMs = "at-ms"
    }
}
