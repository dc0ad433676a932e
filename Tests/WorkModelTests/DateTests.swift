import Testing
import WorkModel

@Suite struct PartialDateTests {
    @Test func validDatesKeepTheirPrecision() {
        #expect(PartialDate.validated(year: 2017, month: nil, day: nil) == (PartialDate(year: 2017), false))
        #expect(PartialDate.validated(year: 2017, month: 1, day: nil) == (PartialDate(year: 2017, month: 1), false))
        #expect(PartialDate.validated(year: 2017, month: 1, day: 12) == (PartialDate(year: 2017, month: 1, day: 12), false))
        #expect(PartialDate.validated(year: 2016, month: 2, day: 29).1 == false)
        #expect(PartialDate.validated(year: 2000, month: 2, day: 29).1 == false)
    }

    @Test(arguments: [21, 22, 23, 24, 31, 32, 33, 34, 0, 13])
    func seasonsAndQuartersDropTheMonth(month: Int) {
        let (date, dropped) = PartialDate.validated(year: 2017, month: month, day: 5)
        #expect(date == PartialDate(year: 2017))
        #expect(dropped)
    }

    @Test func impossibleDaysAreDropped() {
        #expect(PartialDate.validated(year: 2017, month: 2, day: 29) == (PartialDate(year: 2017, month: 2), true))
        #expect(PartialDate.validated(year: 1900, month: 2, day: 29) == (PartialDate(year: 1900, month: 2), true))
        #expect(PartialDate.validated(year: 2017, month: 4, day: 31) == (PartialDate(year: 2017, month: 4), true))
        #expect(PartialDate.validated(year: 2017, month: 1, day: 0) == (PartialDate(year: 2017, month: 1), true))
        #expect(PartialDate.validated(year: 2017, month: 1, day: 32) == (PartialDate(year: 2017, month: 1), true))
    }

    @Test func noYearIsUnknown() {
        #expect(PartialDate.validated(year: nil, month: 3, day: 4).0 == .unknown)
        #expect(PartialDate.validated(year: 0, month: 3, day: 4) == (.unknown, true))
        #expect(PartialDate(year: nil, month: 3, day: 4) == .unknown)
        #expect(!PartialDate.unknown.isKnown)
        // A day without a month means nothing.
        #expect(PartialDate(year: 2017, month: nil, day: 4).parts == [2017])
    }

    @Test func ordering() {
        #expect(PartialDate(year: 2016) < PartialDate(year: 2017))
        #expect(PartialDate(year: 2017, month: 1) < PartialDate(year: 2017, month: 2))
        #expect(PartialDate(year: 2017, month: 1, day: 31) < PartialDate(year: 2017, month: 2, day: 1))
        // Same first day: the less precise date comes first.
        #expect(PartialDate(year: 2017) < PartialDate(year: 2017, month: 1))
        #expect(PartialDate(year: 2017, month: 1) < PartialDate(year: 2017, month: 1, day: 1))
        #expect(!(PartialDate(year: 2017, month: 1, day: 2) < PartialDate(year: 2017)))
        // Unknown dates sort last.
        #expect(PartialDate(year: 2999) < PartialDate.unknown)
        #expect(!(PartialDate.unknown < PartialDate(year: 1)))
        #expect([PartialDate(year: 2011, month: 4, day: 4), PartialDate(year: 2010, month: 4), PartialDate(year: 2014, month: 6, day: 4)].min()
                == PartialDate(year: 2010, month: 4))
    }

    @Test func startAndEndDays() {
        #expect(PartialDate(year: 1970).startDay == 0)
        #expect(PartialDate(year: 1970).endDay == 364)
        #expect(PartialDate(year: 2016, month: 2).endDay == PartialDate(year: 2016, month: 2, day: 29).startDay)
        #expect(PartialDate(year: 2017, month: 1, day: 12).startDay == 17_178)
        #expect(PartialDate.unknown.startDay == nil)
    }

    @Test func iso() {
        #expect(PartialDate(iso: "2017") == PartialDate(year: 2017))
        #expect(PartialDate(iso: "2017-01") == PartialDate(year: 2017, month: 1))
        #expect(PartialDate(iso: "2017-01-12") == PartialDate(year: 2017, month: 1, day: 12))
        #expect(PartialDate(iso: "2017-01-12T10:00:00Z") == PartialDate(year: 2017, month: 1, day: 12))
        #expect(PartialDate(iso: "2017-02-30") == nil)
        #expect(PartialDate(iso: "2017-13") == nil)
        #expect(PartialDate(iso: "Jan 2017") == nil)
        #expect(PartialDate(iso: "2017-xx-01") == nil)
    }

    @Test func civilCalendar() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.days(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilCalendar.civil(fromDays: 11_016) == (2000, 2, 29))
        #expect(CivilCalendar.civil(fromDays: -1) == (1969, 12, 31))
        #expect(CivilCalendar.isLeap(2000) && !CivilCalendar.isLeap(1900) && CivilCalendar.isLeap(2024) && !CivilCalendar.isLeap(2023))
    }
}

@Suite struct DateObjectTests {
    @Test func rendering() {
        // 2017-06-25T04:14:34Z
        let d = DateObject(epochMillis: 1_498_364_074_000)
        #expect(d.dateParts == [2017, 6, 25])
        #expect(d.dateTime == "2017-06-25T04:14:34Z")
        #expect(String(decoding: JSONWriter.render(d), as: UTF8.self)
                == #"{"date-parts":[[2017,6,25]],"date-time":"2017-06-25T04:14:34Z","timestamp":1498364074000}"#)
    }

    @Test func fromADay() {
        let d = DateObject(day: PartialDate(year: 2014, month: 5, day: 2))
        #expect(d.timestamp == 1_398_988_800_000)
        #expect(d.dateTime == "2014-05-02T00:00:00Z")
        // A month starts on its first day.
        #expect(DateObject(day: PartialDate(year: 2016, month: 12)).dateParts == [2016, 12, 1])
    }

    @Test func beforeTheEpoch() {
        let d = DateObject(epochMillis: -1_000)
        #expect(d.dateTime == "1969-12-31T23:59:59Z")
        #expect(d.dateParts == [1969, 12, 31])
        #expect(DateObject(day: PartialDate(year: 1897)).dateTime == "1897-01-01T00:00:00Z")
    }

    @Test func partialDateRendering() {
        func json(_ p: PartialDate) -> String { String(decoding: JSONWriter.render(p), as: UTF8.self) }
        #expect(json(PartialDate(year: 2017)) == #"{"date-parts":[[2017]]}"#)
        #expect(json(PartialDate(year: 2017, month: 1)) == #"{"date-parts":[[2017,1]]}"#)
        #expect(json(PartialDate(year: 2017, month: 1, day: 12)) == #"{"date-parts":[[2017,1,12]]}"#)
        #expect(json(.unknown) == #"{"date-parts":[[null]]}"#)
    }
}

@Suite struct DepositTimestampTests {
    // 2016-11-11T20:04:11Z = 1478894651 s
    @Test(arguments: [
        ("2016111120041199000", Int64(1_478_894_651_990)),
        ("20161111200411", Int64(1_478_894_651_000)),
        ("201611112004", Int64(1_478_894_640_000)),
        ("20161111", Int64(1_478_822_400_000)),
        ("1478894651", Int64(1_478_894_651_000)),
        ("1478894651990", Int64(1_478_894_651_990)),
        ("2016-11-11T20:04:11Z", Int64(1_478_894_651_000)),
        ("2016-11-11T20:04:11.990Z", Int64(1_478_894_651_990)),
        ("2016-11-11T20:04:11.9Z", Int64(1_478_894_651_900)),
        ("2016-11-11 20:04:11.0", Int64(1_478_894_651_000)),
        ("2016-11-11T22:04:11+02:00", Int64(1_478_894_651_000)),
        ("2016-11-11T15:04:11-05:00", Int64(1_478_894_651_000)),
        ("2016-11-11", Int64(1_478_822_400_000)),
        (" 20161111200411 ", Int64(1_478_894_651_000)),
    ])
    func precisions(raw: String, millis: Int64) {
        #expect(DepositTimestamp.epochMillis(raw) == millis)
    }

    @Test(arguments: ["", "yesterday", "2016-13-01", "2016-02-30T00:00:00Z", "20161301000000", "20161111250000", "12345"])
    func garbage(raw: String) {
        #expect(DepositTimestamp.epochMillis(raw) == nil)
    }

    @Test func finerPrecisionOrdersLater() {
        let a = DepositTimestamp.epochMillis("2016111120041100000")!
        let b = DepositTimestamp.epochMillis("2016111120041199000")!
        #expect(a < b)
    }
}
