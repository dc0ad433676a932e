import Testing
@testable import WorkIndex

/// Offsets the broker deleted before a worker read them count once, however often they are found:
/// a worker killed between the index commit and the offset commit finds the same gap again after
/// its restart, and another member of the group may find part of it.
@Suite struct DeletedUnreadTests {
    @Test func aGapFoundAgainCountsOnlyTheOffsetsNotRecordedBefore() throws {
        let index = try TestIndex()
        func found(_ gaps: [DeletedUnread], at nowMs: Int64) throws -> Int {
            _ = try index.store.apply(IngestBatch(works: [], nowMs: nowMs, deletedBeforeRead: gaps))
            return try index.store.status().deletedBeforeRead
        }
        let first = DeletedUnread(topic: "deposits", partition: 0, offsets: 0..<100)
        #expect(try found([first], at: 1_000) == 100)
        #expect(try found([first], at: 2_000) == 100, "the same gap again (a restart after a crash)")
        #expect(try found([DeletedUnread(topic: "deposits", partition: 0, offsets: 50..<150)], at: 3_000) == 150, "only 100–149 are new")
        #expect(try found([DeletedUnread(topic: "deposits", partition: 0, offsets: 0..<150)], at: 4_000) == 150)
        #expect(try found([DeletedUnread(topic: "deposits", partition: 1, offsets: 0..<10)], at: 5_000) == 160, "another partition")

        let latest = try index.store.status().latestDeletedUnread
        #expect(latest.first == DeletedUnread(topic: "deposits", partition: 1, offsets: 0..<10))
        #expect(Set(latest) == [first, DeletedUnread(topic: "deposits", partition: 0, offsets: 50..<150),
                                DeletedUnread(topic: "deposits", partition: 0, offsets: 0..<150),
                                DeletedUnread(topic: "deposits", partition: 1, offsets: 0..<10)])
    }

    @Test func uncoveredCountsWhatNoKnownRangeCovers() {
        #expect(DeletedUnread.uncovered(0..<100, by: []) == 100)
        #expect(DeletedUnread.uncovered(0..<100, by: [0..<100]) == 0)
        #expect(DeletedUnread.uncovered(0..<100, by: [20..<30, 50..<60]) == 80)
        #expect(DeletedUnread.uncovered(0..<100, by: [50..<60, 20..<30, 25..<55]) == 60)
        #expect(DeletedUnread.uncovered(10..<20, by: [0..<15, 18..<40]) == 3)
    }
}
