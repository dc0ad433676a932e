import Notifications
import Testing

@Suite struct SummaryPeriodTests {
    /// 2026-11-21T00:00:00Z.
    let dayStart: Int64 = 1_795_219_200_000

    @Test func anEventBelongsToTheUTCDayOfItsIndexedTime() throws {
        let first = try SummaryPeriod(containing: dayStart)
        let last = try SummaryPeriod(containing: dayStart + 86_400_000 - 1)
        let next = try SummaryPeriod(containing: dayStart + 86_400_000)
        #expect(first.label == "2026-11-21")
        #expect(last == first)
        #expect(next.label == "2026-11-22")
        #expect(try SummaryPeriod(containing: dayStart - 1).label == "2026-11-20")
        #expect(first.startMs == dayStart && first.endMs == dayStart + 86_400_000)
    }

    @Test func aLabelNamesThePeriodItWasMadeFrom() throws {
        let period = try SummaryPeriod(label: "2026-11-21")
        #expect(period.startMs == dayStart)
        #expect(try SummaryPeriod(label: "2024-02-29").label == "2024-02-29")
        #expect(try SummaryPeriod(containing: -1).label == "1969-12-31")
    }

    @Test func shorterPeriodsSliceTheDayAndAreLabelledByTheirStartHour() throws {
        let sixHours = try SummaryPeriod(containing: dayStart + 7 * 3_600_000 + 5, hours: 6)
        #expect(sixHours.label == "2026-11-21T06")
        #expect(sixHours.startMs == dayStart + 6 * 3_600_000)
        #expect(sixHours.endMs == dayStart + 12 * 3_600_000)
        #expect(try SummaryPeriod(label: "2026-11-21T18", hours: 6).startMs == dayStart + 18 * 3_600_000)
        #expect(try SummaryPeriod(label: "2026-11-21T23", hours: 1).label == "2026-11-21T23")
    }

    @Test func malformedLabelsAndLengthsAreRefusedWithTheFormToWrite() {
        for label in ["2026-11-31", "2026-13-01", "2026-1-21", "21-11-2026", "2026-11-21T06", "", "2026-11-2x", "2025-02-29"] {
            #expect(throws: SummaryPeriodError.malformed(label: label, hours: 24)) { try SummaryPeriod(label: label) }
        }
        // A 6-hour period starts at 00, 06, 12 or 18.
        #expect(throws: SummaryPeriodError.self) { try SummaryPeriod(label: "2026-11-21T07", hours: 6) }
        #expect(throws: SummaryPeriodError.self) { try SummaryPeriod(label: "2026-11-21", hours: 6) }
        #expect(throws: SummaryPeriodError.unsupportedLength(hours: 5)) { try SummaryPeriod(containing: 0, hours: 5) }
        #expect(SummaryPeriodError.malformed(label: "x", hours: 24).description.contains("YYYY-MM-DD"))
    }
}
