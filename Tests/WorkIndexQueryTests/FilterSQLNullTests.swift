import GRDB
import ReadSideTestSupport
import Testing
@testable import WorkIndexQuery
import WorkModel
import WorkQuery

/// The compiled SQL and the in-memory evaluator agree where a column is missing (NULL), above all
/// under `NOT`: a work without a print date does not have one at least 2005, so it is NOT such a
/// work. The API only negates terms today; the compiler must stay right for any predicate.
@Suite struct FilterSQLNullTests {
    static let day2005 = Int64(dayNumber(2005, 1, 1))
    static let printSince2005 = FilterPredicate.column(.printStartDay, .atLeast(day2005))
    static let onlineUntil2005 = FilterPredicate.column(.onlineStartDay, .atMost(day2005))

    static let predicates: [FilterPredicate] = [
        printSince2005,
        .not(printSince2005),
        .not(.not(printSince2005)),
        .not(.column(.member, .equals("78"))),
        .not(.any([printSince2005, onlineUntil2005])),
        .not(.all([printSince2005, .term(.has(TermField.HasValue.license))])),
        .all([.not(printSince2005), .not(onlineUntil2005)]),
        .any([.not(printSince2005), .column(.type, .equals("dataset"))]),
        .not(.column(.issuedStartDay, .atMost(day2005))),
    ]

    @Test(arguments: predicates)
    func sqlMatchesTheInMemoryEvaluator(_ predicate: FilterPredicate) throws {
        let expected = Set(SampleWorks.all.filter {
            predicate.matches(terms: WrittenIndex.storedTerms($0), scalars: WorkScalars(work: $0))
        }.map(\.DOI))
        let condition = FilterSQLCompiler.condition(predicate)
        var readOnly = Configuration()
        readOnly.readonly = true
        let found = try DatabaseQueue(path: SampleIndex.index.path, configuration: readOnly).read { db in
            Set(try String.fetchAll(db, sql: "SELECT w.doi FROM works w WHERE " + condition.text, arguments: condition.statementArguments))
        }
        #expect(found == expected, "\(condition.text)")
        #expect(!expected.isEmpty && expected.count < SampleWorks.all.count, "the case decides something")
    }
}
