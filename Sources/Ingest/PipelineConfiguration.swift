/// The knobs of one worker: which topics, how big a batch, how long to wait.
public struct PipelineConfiguration: Sendable {
    public var depositsTopic = "deposits"
    public var deadLetterTopic = "deposits.dlq"
    public var changesTopic = "work-changes"
    public var reportsTopic = "deposit-reports"
    /// A batch ends at whichever comes first: this many messages, this many bytes, this long.
    /// A batch rewrites every index page it touches, so more works per batch write fewer bytes
    /// per work: 500 → 1,000 wrote 22% fewer (20,000-work index), 1,000 → 2,000 another ~20%
    /// (60,000 works). But the writer is bound by per-row work more than by bytes: 2,000 drained
    /// no faster within the noise, and its memory went to the consumer's fetch-ahead instead
    /// (`forDepositConsumer`), which large records need.
    public var maxBatchMessages = 1000
    public var maxBatchBytes = 8 << 20
    public var maxBatchWait: Duration = .milliseconds(50)
    /// A message larger than this is dead-lettered unread (`record-too-large`).
    public var maxMessageBytes = 32 << 20
    /// Stop after this long without a message once the outbox is empty (nil: run until stopped).
    public var exitWhenIdle: Duration?
    /// Replay mode: rewrite and bump `indexed` on every record, even unchanged ones.
    public var reindex = false
    /// `replay --since`: messages whose Kafka timestamp is older are read and committed with their
    /// batch, and not indexed.
    public var skipBeforeMs: Int64?

    public init() {}
}
