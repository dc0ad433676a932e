/// Offsets of one partition that the broker deleted before a worker read them (found by the
/// deposit consumer). The index keeps each range once and counts only offsets no earlier range
/// covered, so finding a gap again — after a crash between the index commit and the offset
/// commit, or by another member of the group whose commit was refused — counts nothing twice.
public struct DeletedUnread: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32
    public var offsets: Range<Int64>

    public init(topic: String, partition: Int32, offsets: Range<Int64>) {
        self.topic = topic; self.partition = partition; self.offsets = offsets
    }

    /// `deposits[0] 0–6263`: where to look for the deposits to send again.
    public var description: String { "\(topic)[\(partition)] \(offsets.lowerBound)–\(offsets.upperBound - 1)" }

    /// How many of `offsets` none of `known` (ranges of the same partition) covers.
    static func uncovered(_ offsets: Range<Int64>, by known: [Range<Int64>]) -> Int64 {
        var count: Int64 = 0
        var next = offsets.lowerBound
        for range in known.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.upperBound > next {
            guard range.lowerBound < offsets.upperBound else { break }
            count += max(0, range.lowerBound - next)
            next = max(next, range.upperBound)
            if next >= offsets.upperBound { break }
        }
        return count + max(0, offsets.upperBound - next)
    }
}
