/// The knobs of one alert matcher.
public struct AlertMatcherConfiguration: Sendable {
    public var changesTopic = ChangeStream.topic
    /// The consumer group on `work-changes`; matchers of one group share its partitions and
    /// must share the state file.
    public var group = "alert-matcher"
    /// How long after a window's end its notification waits for stragglers (changes indexed in
    /// the window that reach the matcher late); later ones go out as a follow-up notification.
    public var grace: Duration = .milliseconds(250)
    /// How often due windows are looked for at least (the matcher also wakes when the earliest
    /// window with matches is due).
    public var flushInterval: Duration = .milliseconds(100)
    public var maxBatchMessages = 1000
    public var maxBatchWait: Duration = .milliseconds(50)
    /// Stop once nothing arrived for this long, every partition is read to its end and every
    /// window is sent (nil: run until stopped).
    public var exitWhenIdle: Duration?

    public init() {}
}

extension Duration {
    /// Whole milliseconds (truncated), for comparisons with epoch-millisecond timestamps.
    var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
