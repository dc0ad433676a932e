/// A message waiting to be published, written in the same transaction as the change it reports:
/// a change event (to `work-changes`) or a deposit report (to `deposit-reports`). Deleted once
/// the broker has it.
public struct OutboxEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case changeEvent = "change-event"
        case depositReport = "deposit-report"
    }

    public var id: Int64
    public var eventID: String
    /// The message key: the DOI of a change event, the deposit id of a report.
    public var doi: String
    /// `ChangeEvent.jsonBytes` or `DepositReport.jsonBytes`.
    public var payload: [UInt8]
    public var kind: Kind

    public init(id: Int64, eventID: String, doi: String, payload: [UInt8], kind: Kind = .changeEvent) {
        self.id = id; self.eventID = eventID; self.doi = doi; self.payload = payload; self.kind = kind
    }
}
