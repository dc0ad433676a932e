import Foundation
@testable import Ingest
import Testing

/// `publish` stamps each send's `deposited-at` from a clock that only goes forward, so the order
/// of submission (the index's tie-break at equal versions) is the order of sending.
@Suite struct SubmissionClockTests {
    @Test func stampsTakenWithinOneMillisecondStillIncrease() {
        let clock = SubmissionClock()
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let stamps = (0..<1_000).map { _ in clock.next() }
        #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $0 < $1 })
        #expect(stamps[0] >= before, "it starts at the wall clock")
        #expect(DepositPublisher.timestamp(1_795_276_015_521) == "2026-11-21T15:46:55.521Z")
    }
}
