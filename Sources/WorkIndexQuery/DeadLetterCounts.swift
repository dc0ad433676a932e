import GRDB

extension SQLiteWorkIndexReader {
    /// Records the index's dead-letter ledger took in `[fromMs, untilMs)` (its clock, as `indexed`);
    /// nil for an index without a ledger.
    public func deadLetterCount(fromMs: Int64, untilMs: Int64) async throws -> Int? {
        try await read { db in
            guard try db.tableExists("dead_letters") else { return nil }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dead_letters WHERE at_ms >= ? AND at_ms < ?",
                                    arguments: [fromMs, untilMs]) ?? 0
        }
    }
}
