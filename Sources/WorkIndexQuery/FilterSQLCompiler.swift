import GRDB
import WorkQuery

/// Compiles a `FilterPredicate` into a boolean SQL expression over `works w`.
///
/// Term conditions become `w.id IN (SELECT work_id FROM work_terms WHERE field = ? AND …)`, which
/// the `(field, value, work_id)` index answers without touching the table; a `sameObject`
/// self-joins `work_terms` on `(work_id, grp)` so dotted filters hold within one nested object.
/// A comparison with a missing column is NULL, which AND, OR and WHERE treat as false, as the
/// in-memory evaluator does; only `NOT` would keep it NULL (so false) where the evaluator says
/// true, so `NOT` reads NULL as false first: `NOT IFNULL(x, 0)`. Comparisons stay bare
/// (`col = ?`): a guard `col IS NOT NULL` beside each one cost a column read per scanned row
/// (a third of a filtered count).
enum FilterSQLCompiler {
    static func condition(_ predicate: FilterPredicate) -> SQLFragment {
        switch predicate {
        case .all(let operands):
            return SQLFragment.joined(operands.map(condition), by: "AND", empty: "1")
        case .any(let operands):
            return SQLFragment.joined(operands.map(condition), by: "OR", empty: "0")
        case .not(let operand):
            return SQLFragment("NOT IFNULL(") + condition(operand) + SQLFragment(", 0)")
        case .constant(let value):
            return SQLFragment(value ? "1" : "0")
        case .column(let column, let comparison):
            let name = "w." + IndexSchema.column(column)
            switch comparison {
            case .equals(let value): return SQLFragment("\(name) = ?", [value.databaseValue])
            case .atLeast(let bound): return SQLFragment("\(name) >= ?", [bound.databaseValue])
            case .atMost(let bound): return SQLFragment("\(name) <= ?", [bound.databaseValue])
            }
        case .term(let condition):
            return SQLFragment("w.id IN (SELECT t.work_id FROM \(IndexSchema.workTerms) t WHERE ")
                + termCondition(condition, alias: "t") + SQLFragment(")")
        case .sameObject(let slots):
            return sameObject(slots)
        }
    }

    /// `w.id IN (SELECT t0.work_id FROM work_terms t0 JOIN work_terms t1 ON t1.work_id = t0.work_id
    /// AND t1.grp = t0.grp … WHERE <slot 0 on t0> AND <slot 1 on t1> …)`.
    private static func sameObject(_ slots: [[TermCondition]]) -> SQLFragment {
        guard !slots.isEmpty else { return SQLFragment("1") }
        var from = "\(IndexSchema.workTerms) t0"
        for i in slots.indices.dropFirst() {
            from += " JOIN \(IndexSchema.workTerms) t\(i) ON t\(i).work_id = t0.work_id AND t\(i).grp = t0.grp"
        }
        let conditions = slots.enumerated().map { i, slot in
            SQLFragment.joined(slot.map { termCondition($0, alias: "t\(i)") }, by: "OR", empty: "0")
        }
        return SQLFragment("w.id IN (SELECT t0.work_id FROM \(from) WHERE ")
            + SQLFragment.joined(conditions, by: "AND", empty: "1") + SQLFragment(")")
    }

    private static func termCondition(_ condition: TermCondition, alias t: String) -> SQLFragment {
        let field = SQLFragment("\(t).field = ?", [condition.field.databaseValue])
        switch condition.match {
        case .valueIn(let values):
            if values.count == 1 { return SQLFragment("(") + field + SQLFragment(" AND \(t).value = ?)", [values[0].databaseValue]) }
            return SQLFragment("(") + field + SQLFragment(" AND \(t).value IN (") + .placeholders(values) + SQLFragment("))")
        case .numberAtMost(let bound):
            return SQLFragment("(") + field + SQLFragment(" AND \(t).num <= ?)", [bound.databaseValue])
        case .present:
            return SQLFragment("(") + field + SQLFragment(")")
        }
    }
}
