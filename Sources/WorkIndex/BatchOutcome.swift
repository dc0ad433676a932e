/// What one `apply` did. Every change has exactly one event, also written to the outbox.
public struct BatchOutcome: Sendable, Hashable {
    public var created = 0
    public var updated = 0
    /// Works whose `updated-by` changed because a Crossmark notice arrived or changed.
    public var updatedBy = 0
    /// Records older than the stored version: skipped.
    public var stale = 0
    /// Records with the stored version and identical content: nothing written.
    public var duplicates = 0
    /// Dead letters recorded: the batch's own plus records the index refused (invalid DOI,
    /// partial deposit without a stored work). Redelivered ones are not counted twice.
    public var deadLetters = 0
    public var events: [ChangeEvent] = []
    /// Records the index refused (code `invalid-doi`, `partial-without-base`): the pipeline sends
    /// them to the DLQ topic. Listed again on a redelivery, so a DLQ send lost in a crash is redone.
    public var refused: [DeadLetterRecord] = []
    /// Deposits whose last record this batch counted: their reports are in the outbox.
    public var completedDeposits: [DepositReport] = []

    public init() {}
}
