import WorkModel

/// One summary period: a UTC day by default, or a shorter slice of a day (`--period-hours`). Lengths
/// divide 24 hours so every period lies inside one day and a day's periods never straddle midnight.
///
/// Labels: `2026-11-21` for a day; `2026-11-21T06` (the start hour) for a shorter period. The label
/// is the `batch-summaries` key and the `/summaries/{period}` path.
public struct SummaryPeriod: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Period lengths in hours that divide a day.
    public static let allowedHours: [Int] = [1, 2, 3, 4, 6, 8, 12, 24]
    static let hourMs: Int64 = 3_600_000
    static let dayMs: Int64 = 86_400_000

    /// Epoch milliseconds of the first instant in the period.
    public let startMs: Int64
    public let hours: Int

    public var lengthMs: Int64 { Int64(hours) * Self.hourMs }
    /// The first instant after the period.
    public var endMs: Int64 { startMs + lengthMs }

    /// The period of `hours` containing the instant `ms` (an event's `indexed` time).
    public init(containing ms: Int64, hours: Int = 24) throws(SummaryPeriodError) {
        guard Self.allowedHours.contains(hours) else { throw .unsupportedLength(hours: hours) }
        let length = Int64(hours) * Self.hourMs
        // Floor division, so instants before 1970 land in the right period too.
        let quotient = ms / length - ((ms % length != 0 && ms < 0) ? 1 : 0)
        self.startMs = quotient * length
        self.hours = hours
    }

    /// Parses a label for periods of `hours`: `YYYY-MM-DD` for days, `YYYY-MM-DDTHH` otherwise, the
    /// hour being a period start (a multiple of `hours`).
    public init(label: String, hours: Int = 24) throws(SummaryPeriodError) {
        guard Self.allowedHours.contains(hours) else { throw .unsupportedLength(hours: hours) }
        let bytes = Array(label.utf8)
        let expectsHour = hours < 24
        guard bytes.count == (expectsHour ? 13 : 10), bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              !expectsHour || bytes[10] == UInt8(ascii: "T"),
              let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]), let day = Self.number(bytes[8..<10]),
              (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day) else {
            throw .malformed(label: label, hours: hours)
        }
        let hour = expectsHour ? Self.number(bytes[11..<13]) : 0
        guard let hour, hour < 24, hour % hours == 0 else { throw .malformed(label: label, hours: hours) }
        self.startMs = Int64(CivilCalendar.days(year: year, month: month, day: day)) * Self.dayMs + Int64(hour) * Self.hourMs
        self.hours = hours
    }

    public var label: String {
        let dayNumber = Int(startMs >= 0 ? startMs / Self.dayMs : (startMs - Self.dayMs + 1) / Self.dayMs)
        let (year, month, day) = CivilCalendar.civil(fromDays: dayNumber)
        let date = "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
        guard hours < 24 else { return date }
        let hour = Int((startMs - Int64(dayNumber) * Self.dayMs) / Self.hourMs)
        return date + "T" + Self.padded(hour, 2)
    }

    public var description: String { label }

    public func contains(_ ms: Int64) -> Bool { ms >= startMs && ms < endMs }

    public static func < (a: SummaryPeriod, b: SummaryPeriod) -> Bool { a.startMs < b.startMs }

    /// How a user writes a period of this length, for help and error messages.
    public static func example(hours: Int) -> String { hours < 24 ? "2026-11-21T\(padded(hours >= 12 ? 12 : hours, 2))" : "2026-11-21" }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

public enum SummaryPeriodError: Error, CustomStringConvertible, Equatable {
    case unsupportedLength(hours: Int)
    case malformed(label: String, hours: Int)

    public var description: String {
        switch self {
        case .unsupportedLength(let hours):
            return "a summary period of \(hours) hours does not divide a day; use one of \(SummaryPeriod.allowedHours.map(String.init).joined(separator: ", "))"
        case .malformed(let label, let hours):
            let form = hours < 24 ? "YYYY-MM-DDTHH with HH a multiple of \(hours)" : "YYYY-MM-DD"
            return "\"\(label)\" is not a period of \(hours) hours: write \(form), e.g. \(SummaryPeriod.example(hours: hours))"
        }
    }
}
