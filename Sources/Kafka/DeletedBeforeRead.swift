/// Messages of a partition that the broker deleted before this consumer group read them: they
/// were never delivered and never will be. A topic's retention does this to a group that fell
/// more than the retention behind (or a new group on an old topic); the local broker does it to
/// anything past the newest ~5 MiB of a partition, so a backlog published with no worker reading
/// loses its oldest messages there.
public struct DeletedBeforeRead: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32
    public var offsets: Range<Int64>

    public init(topic: String, partition: Int32, offsets: Range<Int64>) {
        self.topic = topic; self.partition = partition; self.offsets = offsets
    }

    public var count: Int { offsets.count }

    public var description: String {
        let what = offsets.count == 1
            ? "offset \(offsets.lowerBound) (1 message) was deleted by the broker before this group read it; it will never be delivered"
            : "offsets \(offsets.lowerBound)–\(offsets.upperBound - 1) (\(offsets.count) messages) were deleted by the broker before this "
                + "group read them; they will never be delivered"
        let them = offsets.count == 1 ? "it" : "them"
        return "\(topic)[\(partition)]: \(what). The topic's retention passed \(them), or the local broker (which keeps only the "
            + "newest ~5 MiB of each partition) dropped \(them)."
    }

    /// Asks a consumer to find messages deleted before its group read them; `advice` (what the
    /// reader of the log can do about them, which depends on the topic) ends each error it logs.
    public struct Check: Sendable, Hashable {
        public var advice: String

        public init(advice: String) { self.advice = advice }
    }

    /// The messages deleted unread before `offset`, the first delivered after `expected` (the
    /// offset after the last one this consumer got from the partition; nil when it is the first),
    /// given the group's committed offset and the broker's earliest offset (low watermark).
    ///
    /// Offsets can also skip for reasons that lose nothing: a transaction's commit marker takes
    /// an offset, aborted messages are not delivered, and another member may have read and
    /// committed the partition meanwhile. Only offsets below the low watermark, and at or past
    /// both what this consumer had and what the group committed, were deleted unread.
    static func gap(expected: Int64?, committed: Int64?, lowWatermark: Int64, offset: Int64) -> Range<Int64>? {
        let from = max(expected ?? 0, committed ?? 0)
        let to = min(lowWatermark, offset)
        return to > from ? from..<to : nil
    }
}

extension Sequence<DeletedBeforeRead> {
    /// The messages deleted unread in all these gaps.
    public var messageCount: Int { reduce(0) { $0 + $1.count } }
}
