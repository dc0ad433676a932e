import WorkIndex
import WorkModel

/// Deposit processing reports for `status`: one deposit in full, and the overview.
enum DepositReportText {
    static func render(_ r: DepositReport) -> String {
        let state = r.isComplete ? "complete (published to deposit-reports)"
            : "in progress: \(r.processed) of \(r.expected.map(String.init) ?? "an unknown number of") records processed"
        return """
            deposit           \(r.depositID) (submission \(r.submission))
            member            \(r.member ?? "unknown")
            state             \(state)
            records           \(r.expected.map(String.init) ?? "not announced (no deposit-records header)")
            indexed           \(r.counts[.indexed] ?? 0)
            stale             \(r.counts[.stale] ?? 0)
            duplicate         \(r.counts[.duplicate] ?? 0)
            dead-lettered     \(r.counts[.deadLettered] ?? 0)  (in deposits.dlq with this deposit-id header)
            first processed   \(DateObject(epochMillis: r.firstProcessedMs).dateTime)
            last processed    \(DateObject(epochMillis: r.lastProcessedMs).dateTime)
            """
    }

    /// One line per report, for the overview.
    static func line(_ r: DepositReport) -> String {
        let counts = DepositReport.Outcome.allCases.map { "\(r.counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        return "  \(r.depositID)  \(r.isComplete ? "complete" : "\(r.processed)/\(r.expected.map(String.init) ?? "?")"): \(counts)"
    }
}

/// The deposits part of `status`: how many are complete, and the latest few reports.
struct DepositStatus {
    var complete: Int
    var incomplete: Int
    var recent: [DepositReport]

    init(store: SQLiteWorkStore) throws {
        (complete, incomplete) = try store.depositProgress()
        recent = try store.recentDepositReports(limit: 5)
    }

    var text: String {
        (["deposits          \(complete) complete, \(incomplete) in progress (status --deposit ID for one)"]
            + recent.map(DepositReportText.line)).joined(separator: "\n")
    }

    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("complete", complete)
        w.field("incomplete", incomplete)
        w.key("recent")
        w.beginArray()
        for report in recent { w.raw(report.jsonBytes) }
        w.endArray()
        w.endObject()
    }
}
