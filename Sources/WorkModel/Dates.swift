/// A date as deposited, keeping its precision: a year, a year and month, or a full day.
/// Renders as `{"date-parts": [[2017, 1]]}`; an unknown date renders as `[[null]]`.
public struct PartialDate: Hashable, Sendable, Comparable {
    public var year: Int?
    public var month: Int?
    public var day: Int?

    public static let unknown = PartialDate(year: nil, month: nil, day: nil)

    public init(year: Int?, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = year == nil ? nil : month
        self.day = (year == nil || month == nil) ? nil : day
    }

    /// Validates the parts: a month outside 1–12 (seasons, quarters) drops month and day; a day
    /// that does not exist in its month drops the day. Returns the kept date and whether
    /// something was dropped.
    public static func validated(year: Int?, month: Int?, day: Int?) -> (PartialDate, dropped: Bool) {
        guard let y = year, (1...9999).contains(y) else { return (.unknown, year != nil) }
        guard let m = month else { return (PartialDate(year: y), day != nil) }
        guard (1...12).contains(m) else { return (PartialDate(year: y), true) }
        guard let d = day else { return (PartialDate(year: y, month: m), false) }
        guard d >= 1, d <= CivilCalendar.daysIn(month: m, year: y) else { return (PartialDate(year: y, month: m), true) }
        return (PartialDate(year: y, month: m, day: d), false)
    }

    public var isKnown: Bool { year != nil }

    public var parts: [Int] { [year, month, day].compactMap { $0 } }

    /// Days since 1970-01-01 of the first day of the period (used for delays and sorting).
    public var startDay: Int? {
        guard let y = year else { return nil }
        return CivilCalendar.days(year: y, month: month ?? 1, day: day ?? 1)
    }

    /// Days since 1970-01-01 of the last day of the period (`until-*` filters include it whole).
    public var endDay: Int? {
        guard let y = year else { return nil }
        let m = month ?? 12
        return CivilCalendar.days(year: y, month: m, day: day ?? CivilCalendar.daysIn(month: m, year: y))
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        switch (a.startDay, b.startDay) {
        case let (x?, y?): return x != y ? x < y : a.parts.count < b.parts.count
        case (nil, _?): return false
        case (_?, nil): return true
        case (nil, nil): return false
        }
    }

    /// Parses `2017`, `2017-01`, `2017-01-12` (and a time after a `T`, ignored).
    public init?(iso: String) {
        let datePart = iso.split(separator: "T", maxSplits: 1).first.map(String.init) ?? iso
        let fields = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(fields.count), let y = Int(fields[0]) else { return nil }
        let m = fields.count > 1 ? Int(fields[1]) : nil
        let d = fields.count > 2 ? Int(fields[2]) : nil
        if fields.count > 1 && m == nil { return nil }
        if fields.count > 2 && d == nil { return nil }
        let (date, dropped) = PartialDate.validated(year: y, month: m, day: d)
        guard !dropped else { return nil }
        self = date
    }
}

/// A moment the registry recorded: `{"date-parts": [[y, m, d]], "date-time": "…Z", "timestamp": ms}`.
public struct DateObject: Hashable, Sendable, Comparable {
    public var timestamp: Int64

    public init(epochMillis: Int64) { timestamp = epochMillis }

    public init(day: PartialDate) {
        timestamp = Int64(day.startDay ?? 0) * 86_400_000
    }

    public var dateParts: [Int] {
        let (y, m, d) = CivilCalendar.civil(fromDays: Int(floorDiv(timestamp, 86_400_000)))
        return [y, m, d]
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var dateTime: String {
        let days = floorDiv(timestamp, 86_400_000)
        let (y, m, d) = CivilCalendar.civil(fromDays: Int(days))
        let secondsOfDay = Int((timestamp - days * 86_400_000) / 1000)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var year = String(y)
        while year.count < 4 { year = "0" + year }
        return "\(year)-\(two(m))-\(two(d))T\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60))Z"
    }

    public static func < (a: DateObject, b: DateObject) -> Bool { a.timestamp < b.timestamp }

    private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
}

/// Proleptic Gregorian arithmetic without Foundation's Calendar, which is far too slow per record.
public enum CivilCalendar {
    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
