import WorkModel

/// The interval whose matches one notification reports, aligned to the change's `indexed` time
/// (not to when the matcher saw it), so a replay puts every change in the same window again.
public struct NotificationWindow: Hashable, Sendable, Comparable {
    /// Epoch milliseconds, inclusive.
    public var start: Int64
    /// Epoch milliseconds, exclusive.
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// The window of `length` milliseconds that holds `indexedMillis`: it starts at
    /// floor(indexed / length) × length.
    public init(containing indexedMillis: Int64, length: Int64) {
        let floor = indexedMillis >= 0 ? indexedMillis / length : -((-indexedMillis + length - 1) / length)
        self.init(start: floor * length, end: floor * length + length)
    }

    public static func < (a: NotificationWindow, b: NotificationWindow) -> Bool { (a.start, a.end) < (b.start, b.end) }

    /// ISO 8601 in UTC, with milliseconds only when the instant has some (sub-second windows).
    public static func iso(_ millis: Int64) -> String {
        let seconds = DateObject(epochMillis: millis).dateTime
        let fraction = ((millis % 1000) + 1000) % 1000
        guard fraction != 0 else { return seconds }
        let digits = String(fraction)
        return seconds.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// The id of the `sequence`-th notification of an alert for this window: `alert@start` for
    /// the first, `alert@start#2`… for matches that arrived after it was sent (or beyond its size).
    public func notificationID(alertID: String, sequence: Int) -> String {
        let base = alertID + "@" + Self.iso(start)
        return sequence <= 1 ? base : base + "#\(sequence)"
    }
}
