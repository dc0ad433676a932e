import GRDB

extension SQLiteWorkStore {
    /// The latest report of a deposit id (complete or still counting), nil when none of its
    /// records was processed.
    public func depositReport(id: String) throws -> DepositReport? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "\(DepositLedger.selectReport) WHERE deposit_id = ?", arguments: [id]).map(DepositLedger.report)
        }
    }

    /// The most recently processed deposits first.
    public func recentDepositReports(limit: Int) throws -> [DepositReport] {
        guard limit > 0 else { throw WorkIndexError.invalidArgument("recentDepositReports(limit:) needs a positive limit, got \(limit)") }
        return try pool.read { db in
            try Row.fetchAll(db, sql: "\(DepositLedger.selectReport) ORDER BY last_ms DESC, deposit_id LIMIT ?", arguments: [limit])
                .map(DepositLedger.report)
        }
    }

    /// How many deposits are complete (report published) and how many are still being counted.
    public func depositProgress() throws -> (complete: Int, incomplete: Int) {
        try pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(completed_ms), COUNT(*) - COUNT(completed_ms) FROM deposit_reports
                """)
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }
}
