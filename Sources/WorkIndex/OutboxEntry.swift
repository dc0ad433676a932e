/// A change event waiting to be published to `work-changes`; deleted once the broker has it.
public struct OutboxEntry: Sendable, Hashable {
    public var id: Int64
    public var eventID: String
    /// The message key.
    public var doi: String
    /// `ChangeEvent.jsonBytes`.
    public var payload: [UInt8]

    public init(id: Int64, eventID: String, doi: String, payload: [UInt8]) {
        self.id = id; self.eventID = eventID; self.doi = doi; self.payload = payload
    }
}
