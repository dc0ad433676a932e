import ReadSideTestSupport
import Testing
import WorkIndex
import WorkModel
import WorkQuery

/// The in-memory evaluator (what the alert matcher will use) selects exactly the works the brief
/// says, over the same term rows the index stores.
@Suite struct FilterPredicateEvaluationTests {
    static func terms(_ work: Work) -> [TermFact] { WrittenIndex.storedTerms(work) }

    @Test(arguments: FilterCases.all)
    func inMemoryEvaluationMatchesTheWorks(_ filterCase: FilterCase) throws {
        let filter = try WorkFilter.parse([filterCase.filter])
        let selected = SampleWorks.all.filter { work in
            filter.predicate.matches(terms: Self.terms(work), scalars: WorkScalars(work: work))
        }
        #expect(Set(selected.map(\.DOI)) == filterCase.expectedDOIs)
    }

    @Test func dottedFiltersMatchWithinOneObject() throws {
        // Work 10 has license A (CC BY, delay 0) and license B (CC BY-NC, delay 400).
        let work = SampleWorks.all[10]
        let terms = Self.terms(work)
        let scalars = WorkScalars(work: work)
        let across = try WorkFilter.parse(["license.url:\(SampleWorks.ccByNC),license.delay:30"])
        #expect(!across.predicate.matches(terms: terms, scalars: scalars))
        let within = try WorkFilter.parse(["license.url:\(SampleWorks.ccBy4),license.delay:30"])
        #expect(within.predicate.matches(terms: terms, scalars: scalars))
    }

    @Test func theCaseTableIsNotTrivial() {
        // Guard against a table whose expectations are all empty or all full.
        let sizes = FilterCases.all.map { $0.expectedDOIs.count }
        #expect(sizes.filter { $0 > 0 && $0 < SampleWorks.all.count }.count > FilterCases.all.count * 3 / 4)
    }
}
