/// A page's order direction as SQL: the `ORDER BY` keyword and the comparisons that say which
/// rows come after a given one (a cursor resumes `beyond` its last key).
struct PageDirection {
    let descending: Bool

    /// `DESC` or `ASC`.
    var order: String { descending ? "DESC" : "ASC" }
    /// Strictly after in this order.
    var beyond: String { descending ? "<" : ">" }
    /// At or before in this order.
    var notBefore: String { descending ? ">=" : "<=" }
}
