/// One filterable/facetable value of a work: one row of `work_terms`.
public struct WorkTerm: Sendable, Hashable {
    /// The filter/facet name (`funder`, `license.url`, `has` …; see `WorkTerms`).
    public var field: String
    /// Normalized exactly as a filter value is on read (`WorkTerms.normalizedValue`).
    public var value: String
    /// 0 for a value that stands alone; otherwise the 1-based position of the nested object it
    /// belongs to within its family (the i-th funder, license, link or relation object), so dotted
    /// filters (`award.number` + `award.funder`, `license.url` + `license.delay`,
    /// `relation.type` + `relation.object`) match within ONE object by requiring equal `grp`.
    public var grp: Int
    /// A number the filter compares (`license.delay`: delay in days).
    public var num: Int64?

    public init(field: String, value: String, grp: Int = 0, num: Int64? = nil) {
        self.field = field; self.value = value; self.grp = grp; self.num = num
    }
}
