import Testing
import TestIndexWriter
import WorkModel
import WorkQuery

@Suite struct SortAndPagingTests {
    /// The sort key of a work as the brief defines each sort, from the Work values.
    static func key(_ sort: String, _ work: Work) -> Int64? {
        switch sort {
        case "updated", "deposited": return work.deposited?.timestamp
        case "indexed": return work.indexed?.timestamp
        case "created": return work.created?.timestamp
        case "published", "issued": return work.issued.startDay.map(Int64.init)
        case "published-print": return work.publishedPrint?.startDay.map(Int64.init)
        case "published-online": return work.publishedOnline?.startDay.map(Int64.init)
        case "is-referenced-by-count": return Int64(work.isReferencedByCount)
        case "references-count": return work.referencesCount.map(Int64.init)
        default: fatalError(sort)
        }
    }

    /// Expected order: by key in the requested direction, works without the value last, DOI breaking ties
    /// in the same direction.
    static func expectedOrder(_ works: [Work], sort: String, ascending: Bool) -> [String] {
        works.sorted { a, b in
            let ka = key(sort, a), kb = key(sort, b)
            switch (ka, kb) {
            case let (x?, y?) where x != y: return ascending ? x < y : x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return ascending ? a.DOI < b.DOI : a.DOI > b.DOI
            }
        }.map(\.DOI)
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
