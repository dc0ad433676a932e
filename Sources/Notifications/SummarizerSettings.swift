/// The knobs of a `BatchSummarizer`.
public struct SummarizerSettings: Sendable {
    public var changesTopic = "work-changes"
    public var summariesTopic = "batch-summaries"
    /// Hours per period (a divisor of 24; 24 = UTC days).
    public var periodHours = 24
    /// How long after a period ends change events for it may still arrive (the outbox publishes
    /// within seconds; a worker restart takes longer). Its final summary waits this long.
    public var grace: Duration = .seconds(300)
    /// How often `--follow` publishes the summaries of open periods that changed.
    public var publishInterval: Duration = .seconds(60)
    public var maxBatchMessages = 1000
    public var maxBatchWait: Duration = .milliseconds(200)

    public init() {}
}
