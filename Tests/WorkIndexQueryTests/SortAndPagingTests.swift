import ReadSideTestSupport
import Testing
import WorkModel
import WorkQuery

@Suite struct SortAndPagingTests {
    static func expectedOrder(_ works: [Work], sort: String, ascending: Bool) -> [String] {
        WorkExpectations.order(works, by: SortField.named(sort)!, ascending: ascending)
    }

    static let sorts = ["updated", "deposited", "indexed", "created", "published", "published-print", "published-online",
                        "issued", "is-referenced-by-count", "references-count"]

    @Test(arguments: sorts, ["asc", "desc"])
    func everySortInBothOrders(_ sort: String, _ order: String) async throws {
        let page = try await SampleIndex.search([("sort", sort), ("order", order), ("rows", "1000")])
        #expect(try SampleIndex.dois(page) == Self.expectedOrder(SampleWorks.all, sort: sort, ascending: order == "asc"))
    }

    @Test func defaultOrderIsLastUpdateNewestFirst() async throws {
        let page = try await SampleIndex.search([("rows", "1000")])
        #expect(try SampleIndex.dois(page) == Self.expectedOrder(SampleWorks.all, sort: "updated", ascending: false))
    }

    @Test(arguments: [("published", "asc"), ("references-count", "desc"), ("updated", "desc"), ("published-print", "asc")])
    func cursorWalkReturnsEveryWorkOnceInOrder(_ sort: String, _ order: String) async throws {
        let filter = "has-license:true"
        let expected = Self.expectedOrder(SampleWorks.all.filter { !($0.license ?? []).isEmpty }, sort: sort, ascending: order == "asc")
        var seen: [String] = []
        var cursor = "*"
        var pages = 0
        while true {
            let page = try await SampleIndex.search([("filter", filter), ("sort", sort), ("order", order), ("rows", "4"), ("cursor", cursor)])
            #expect(page.totalResults == expected.count)
            let next = try #require(page.nextCursor)
            let dois = try SampleIndex.dois(page)
            pages += 1
            if dois.isEmpty { break }
            seen += dois
            cursor = next
            try #require(pages < 50)
        }
        #expect(seen == expected)
        #expect(pages == (expected.count + 3) / 4 + 1, "the full pages, then one empty page ends the walk")
    }

    @Test func cursorWalkWithRelevance() async throws {
        // `query` searches everything: titles, container titles, abstracts, …
        let expected = Set(SampleWorks.all.filter { work in
            [work.abstract ?? "", (work.title ?? []).joined(), (work.containerTitle ?? []).joined()].joined(separator: " ")
                .lowercased().contains("hearing")
        }.map(\.DOI))
        var seen: [String] = []
        var cursor = "*"
        for _ in 0..<20 {
            let page = try await SampleIndex.search([("query", "hearing"), ("rows", "3"), ("cursor", cursor)])
            let dois = try SampleIndex.dois(page)
            if dois.isEmpty { break }
            seen += dois
            cursor = try #require(page.nextCursor)
        }
        #expect(seen.count == Set(seen).count)
        #expect(Set(seen) == expected)
    }

    @Test func aCursorCannotBeReplayedWithAnotherQuery() async throws {
        let first = try await SampleIndex.search([("filter", "type:journal-article"), ("rows", "2"), ("cursor", "*")])
        let cursor = try #require(first.nextCursor)
        await #expect(throws: RequestValidationError.self) {
            _ = try await SampleIndex.search([("filter", "type:dataset"), ("rows", "2"), ("cursor", cursor)])
        }
        await #expect(throws: RequestValidationError.self) {
            _ = try await SampleIndex.search([("filter", "type:journal-article"), ("sort", "published"), ("rows", "2"), ("cursor", cursor)])
        }
        await #expect(throws: RequestValidationError.self) {
            _ = try await SampleIndex.search([("filter", "type:journal-article"), ("rows", "2"), ("cursor", cursor)], scope: .member("78"))
        }
    }

    @Test func rowsAndOffsetSliceTheOrder() async throws {
        let all = Self.expectedOrder(SampleWorks.all, sort: "updated", ascending: false)
        let page = try await SampleIndex.search([("rows", "5"), ("offset", "5")])
        #expect(try SampleIndex.dois(page) == Array(all[5..<10]))
        #expect(page.totalResults == all.count)
        let summary = try await SampleIndex.search([("rows", "0")])
        #expect(summary.items.isEmpty)
        #expect(summary.totalResults == all.count)
        let beyond = try await SampleIndex.search([("offset", "10000")])
        #expect(beyond.items.isEmpty)
        let defaultPage = try await SampleIndex.search([])
        #expect(defaultPage.items.count == 20)
    }

    @Test func sampleReturnsDistinctMatchingWorks() async throws {
        let journalArticles = Set(SampleWorks.all.filter { $0.type == "journal-article" }.map(\.DOI))
        let page = try await SampleIndex.search([("sample", "5"), ("filter", "type:journal-article"), ("rows", "1")])
        let dois = try SampleIndex.dois(page)
        #expect(dois.count == 5)
        #expect(Set(dois).count == 5)
        #expect(Set(dois).isSubset(of: journalArticles))
        let all = try await SampleIndex.search([("sample", "100")])
        #expect(all.items.count == SampleWorks.all.count)
    }
}
