import WorkModel

/// A filter date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, standing for a whole period.
/// `from-*` filters start at the period's first day, `until-*` filters include its last day.
public struct FilterDate: Hashable, Sendable {
    public var period: PartialDate

    /// Nil unless the text is exactly one of the three forms with a real month and day.
    public init?(_ text: String) {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(fields.count) else { return nil }
        var numbers: [Int] = []
        for (i, field) in fields.enumerated() {
            guard field.count == widths[i], field.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let n = Int(field) else { return nil }
            numbers.append(n)
        }
        let year = numbers[0]
        let month = numbers.count > 1 ? numbers[1] : nil
        let day = numbers.count > 2 ? numbers[2] : nil
        let (date, dropped) = PartialDate.validated(year: year, month: month, day: day)
        guard !dropped, date.isKnown else { return nil }
        period = date
    }

    /// Days since 1970-01-01 of the first day of the period.
    public var firstDay: Int { period.startDay! }
    /// Days since 1970-01-01 of the last day of the period.
    public var lastDay: Int { period.endDay! }

    public var firstMillis: Int64 { Int64(firstDay) * 86_400_000 }
    /// The last millisecond of the period's last day.
    public var lastMillis: Int64 { Int64(lastDay + 1) * 86_400_000 - 1 }
}
