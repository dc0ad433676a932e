import Notifications
import WorkModel

/// A batch summary as a table for people (`summarize` without `--json`).
enum SummaryTable {
    static func render(_ s: BatchSummary) -> String {
        var lines: [String] = []
        let start = DateObject(epochMillis: s.period.startMs).dateTime, end = DateObject(epochMillis: s.period.endMs).dateTime
        lines.append("summary of \(s.period.label)  (\(start) – \(end), \(s.isFinal ? "final" : "open: may still change"))")
        lines.append("")
        lines.append(row("", ["total", "created", "updated", "updated-by"]))
        lines.append(row("all changes", counts(s.totals)))
        for (title, table) in [("by member", s.byMember), ("by type", s.byType)] {
            lines.append(title)
            // Largest first, then by name: the table a person scans.
            for key in table.keys.sorted(by: { (table[$0]!.total, $1) > (table[$1]!.total, $0) }) {
                lines.append(row("  " + key, counts(table[key]!)))
            }
        }
        lines.append("")
        lines.append("works changed     \(s.works)")
        lines.append("coverage          (works carrying each, of \(s.works))")
        for coverage in SummaryCoverage.allCases {
            let count = s.coverage[coverage] ?? 0
            let percent = s.works == 0 ? 0 : count * 100 / s.works
            lines.append("  " + pad(coverage.rawValue, 20) + pad(String(count), 8, left: true) + pad("\(percent)%", 6, left: true))
        }
        if let dead = s.deadLettered { lines.append("dead-lettered     \(dead)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func counts(_ c: BatchSummary.Counts) -> [String] {
        [c.total, c.created, c.updated, c.updatedBy].map(String.init)
    }

    private static func row(_ label: String, _ cells: [String]) -> String {
        pad(label, 28) + cells.map { pad($0, 11, left: true) }.joined()
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return left ? fill + text : text + fill
    }
}
