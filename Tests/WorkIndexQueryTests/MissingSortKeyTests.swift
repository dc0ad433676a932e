import ReadSideTestSupport
import Testing
import WorkIndexQuery
import WorkModel
import WorkQuery

/// Sorted pages when some works have no value for the sort: those come after every other work in
/// both directions, in DOI order, whether a page is reached by offset or by cursor, and whether
/// the page ends among the works with a value, among those without, or across the boundary.
@Suite struct MissingSortKeyTests {
    /// The sample works, every fourth without a deposit time (as most OAI-PMH records are), so
    /// the default order has missing values too.
    static let works: [Work] = SampleWorks.all.enumerated().map { i, work in
        var work = work
        if i % 4 == 1 { work.deposited = nil }
        return work
    }
    static let index = try! WrittenIndex(works: works)
    static let reader = try! SQLiteWorkIndexReader(path: index.path)

    static func search(_ pairs: [(String, String)], scope: WorksScope = .all) async throws -> WorkListPage {
        try await SampleIndex.search(pairs, scope: scope, reader: reader)
    }

    static func expected(_ works: [Work], sort: String, ascending: Bool) -> [String] {
        WorkExpectations.order(works, by: SortField.named(sort)!, ascending: ascending)
    }

    /// Every page of a cursor walk, concatenated.
    static func walk(_ pairs: [(String, String)], rows: Int, scope: WorksScope = .all) async throws -> [String] {
        var seen: [String] = []
        var cursor = "*"
        for _ in 0..<100 {
            let page = try await search(pairs + [("rows", String(rows)), ("cursor", cursor)], scope: scope)
            let dois = try SampleIndex.dois(page)
            if dois.isEmpty { return seen }
            seen += dois
            cursor = try #require(page.nextCursor)
        }
        Issue.record("the walk did not end")
        return seen
    }

    /// The writer always sets indexed and created, and the counts default to zero.
    @Test func someWorksHaveNoValueForEachSortThatCanMissOne() {
        for sort in SortAndPagingTests.sorts where !["indexed", "created", "is-referenced-by-count", "references-count"].contains(sort) {
            let field = SortField.named(sort)!
            #expect(Self.works.contains { WorkExpectations.sortKey(field, $0) == nil }, "\(sort)")
            #expect(Self.works.contains { WorkExpectations.sortKey(field, $0) != nil }, "\(sort)")
        }
    }

    @Test(arguments: SortAndPagingTests.sorts, ["asc", "desc"])
    func cursorWalkPutsMissingValuesLast(_ sort: String, _ order: String) async throws {
        // Pages of 4 and of 7 end at different places around the boundary.
        for rows in [4, 7] {
            let seen = try await Self.walk([("sort", sort), ("order", order)], rows: rows)
            #expect(seen == Self.expected(Self.works, sort: sort, ascending: order == "asc"), "rows \(rows)")
        }
    }

    @Test(arguments: SortAndPagingTests.sorts, ["asc", "desc"])
    func offsetPagesSliceTheOrder(_ sort: String, _ order: String) async throws {
        let all = Self.expected(Self.works, sort: sort, ascending: order == "asc")
        for offset in stride(from: 0, through: all.count + 2, by: 3) {
            let page = try await Self.search([("sort", sort), ("order", order), ("rows", "5"), ("offset", String(offset))])
            #expect(try SampleIndex.dois(page) == Array(all[min(offset, all.count)..<min(offset + 5, all.count)]), "offset \(offset)")
        }
    }

    @Test func defaultOrderPutsWorksWithoutADepositTimeLast() async throws {
        let page = try await Self.search([("rows", "1000")])
        #expect(try SampleIndex.dois(page) == Self.expected(Self.works, sort: "updated", ascending: false))
        #expect(Set(try SampleIndex.dois(page).suffix(8)) == Set(Self.works.filter { $0.deposited == nil }.map(\.DOI)))
    }

    @Test func filteredAndScopedWalksInTheDefaultOrder() async throws {
        let articles = Self.works.filter { $0.type == "journal-article" }
        #expect(try await Self.walk([("filter", "type:journal-article")], rows: 3)
                == Self.expected(articles, sort: "updated", ascending: false))
        let since2005 = articles.filter { ($0.issued.year ?? 0) >= 2005 }
        #expect(try await Self.walk([("filter", "type:journal-article,from-pub-date:2005")], rows: 2)
                == Self.expected(since2005, sort: "updated", ascending: false))
        let member78 = Self.works.filter { $0.member == "78" }
        #expect(try await Self.walk([("order", "asc")], rows: 3, scope: .member("78"))
                == Self.expected(member78, sort: "updated", ascending: true))
    }
}
