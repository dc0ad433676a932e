/// A work as the index stores it: the JSON ready to serve plus the bookkeeping around it.
public struct StoredWork: Sendable, Hashable {
    /// `Work.jsonBytes` with `created`, `indexed` and `updated-by` filled in by the index.
    public var json: [UInt8]
    public var version: Int64
    public var indexedMs: Int64
    public var createdMs: Int64

    public init(json: [UInt8], version: Int64, indexedMs: Int64, createdMs: Int64) {
        self.json = json; self.version = version; self.indexedMs = indexedMs; self.createdMs = createdMs
    }
}
