import Foundation
import ReadSideTestSupport
import Testing
import WorkModel
import WorkQuery

/// The read side over real records: the fixture deposits parsed by the real parser, written by
/// the real writer. Every filter, facet, sort and select of the brief, with expectations computed
/// from the parsed `Work` values.
@Suite struct FixtureIndexTests {
    typealias E = WorkExpectations
    static let works = FixtureIndex.works

    /// Every matching DOI, in order, by walking the cursor to the end (a page holds at most 1000).
    static func walk(_ pairs: [(String, String)], scope: WorksScope = .all, rows: Int = 1000) async throws -> (dois: [String], total: Int) {
        var dois: [String] = []
        var cursor = "*"
        var total = 0
        for _ in 0...(works.count / rows + 1) {
            let page = try await FixtureIndex.search(pairs + [("rows", String(rows)), ("cursor", cursor)], scope: scope)
            total = page.totalResults
            let found = try SampleIndex.dois(page)
            if found.isEmpty { return (dois, total) }
            dois += found
            cursor = try #require(page.nextCursor)
        }
        Issue.record("the cursor walk did not end after \(dois.count) works")
        return (dois, total)
    }

    @Test func theFixturesAreRealAndVaried() {
        #expect(Self.works.count > 500)
        #expect(Set(Self.works.map(\.type)).count >= 10, "many work types")
    }

    @Test(arguments: FilterName.allCases)
    func everyFilterSelectsWhatTheBriefSays(_ name: FilterName) async throws {
        switch FixtureFilterCases.expectation(name, in: Self.works) {
        case .refused:
            await #expect(throws: RequestValidationError.self) { _ = try await FixtureIndex.search([("filter", "\(name.rawValue):x")]) }
        case .cases(let cases):
            try #require(!cases.isEmpty)
            for filterCase in cases {
                let expected = filterCase.expectedDOIs(in: Self.works)
                let (dois, total) = try await Self.walk([("filter", filterCase.filter)])
                #expect(Set(dois) == expected, "\(filterCase.filter): \(Set(dois).subtracting(expected).sorted().prefix(3)) extra, \(expected.subtracting(dois).sorted().prefix(3)) missing")
                #expect(total == expected.count, "\(filterCase.filter)")
                #expect(dois.count == Set(dois).count, "\(filterCase.filter): no work twice")
            }
        }
    }

    /// Together, the hand-made cases and the fixture cases select a proper, non-empty part of the
    /// works for every filter the index answers: no filter is tested only by "nothing" or "all".
    @Test func everyFilterHasADiscriminatingCase() {
        var discriminating: Set<String> = []
        func note(_ filterCase: FilterCase, _ works: [Work]) {
            let n = filterCase.expectedDOIs(in: works).count
            guard n > 0, n < works.count else { return }
            for clause in filterCase.filter.split(separator: ",") { discriminating.insert(String(clause.prefix { $0 != ":" })) }
        }
        for filterCase in FilterCases.all { note(filterCase, SampleWorks.all) }
        for name in FilterName.allCases {
            if case .cases(let cases) = FixtureFilterCases.expectation(name, in: Self.works) { for c in cases { note(c, Self.works) } }
        }
        let answered = FilterName.allCases.filter {
            if case .refused = FixtureFilterCases.expectation($0, in: Self.works) { return false }
            return $0 != .referenceVisibility  // every reference list is open: all or nothing by design
        }
        #expect(answered.filter { !discriminating.contains($0.rawValue) }.isEmpty)
    }

    @Test(arguments: FacetName.allCases)
    func everyFacetCountsEveryValue(_ facet: FacetName) async throws {
        if case .notIndexed = facet.source {
            await #expect(throws: RequestValidationError.self) { _ = try await FixtureIndex.search([("facet", "\(facet.rawValue):*")]) }
            return
        }
        for (filter, selects) in Self.someFilters.prefix(3) {
            let selected = Self.works.filter(selects)
            let expected = E.facetCounts(facet, selected)
            let limit = facet.maximumValues.map(String.init) ?? "*"
            var pairs = [("rows", "0"), ("facet", "\(facet.rawValue):\(limit)")]
            if !filter.isEmpty { pairs.append(("filter", filter)) }
            let page = try await FixtureIndex.search(pairs)
            #expect(page.totalResults == selected.count)
            let values = try #require(page.facets.first { $0.name == facet }).values
            let counts = Dictionary(values.map { ($0.value, $0.count) }, uniquingKeysWith: +)
            #expect(values.map(\.count) == values.map(\.count).sorted(by: >), "most frequent first")
            if let maximum = facet.maximumValues, expected.count > maximum {
                // The top `maximum` values: right counts, and nothing left out counts more.
                #expect(values.count == maximum)
                #expect(counts.allSatisfy { expected[$0.key] == $0.value }, "\(facet) [\(filter)]")
                let floor = values.map(\.count).min() ?? 0
                #expect(expected.filter { counts[$0.key] == nil }.allSatisfy { $0.value <= floor }, "\(facet) [\(filter)]")
            } else {
                #expect(counts == expected, "\(facet) [\(filter)]: \(counts.filter { expected[$0.key] != $0.value }.prefix(3)) vs \(expected.filter { counts[$0.key] != $0.value }.prefix(3))")
            }
        }
    }

    /// Filters with what they select, for facets and scopes (every filter is checked on its own above).
    static let someFilters: [(String, @Sendable (Work) -> Bool)] = [
        ("", { _ in true }),
        ("type:journal-article", { $0.type == "journal-article" }),
        ("has-license:true", { !($0.license ?? []).isEmpty }),
        ("type:journal-article,type:book-chapter", { $0.type == "journal-article" || $0.type == "book-chapter" }),
        ("from-pub-date:2010", { ($0.issued.startDay ?? Int.min) >= dayNumber(2010, 1, 1) }),
        ("has-funder:false", { ($0.funder ?? []).isEmpty }),
    ]

    static let sorts = SortField.allCases.filter { $0 != .relevance }

    /// A cursor walk over the whole index returns every work exactly once, in the sort's order.
    @Test(arguments: sorts, [WorkQuery.SortOrder.ascending, .descending])
    func cursorWalksEveryWorkOnceInSortOrder(_ sort: SortField, _ order: WorkQuery.SortOrder) async throws {
        let (dois, total) = try await Self.walk([("sort", sort.rawValue), ("order", order.rawValue)], rows: 400)
        #expect(total == Self.works.count)
        #expect(dois == E.order(Self.works, by: sort, ascending: order == .ascending))
    }

    @Test func selectReturnsExactlyTheChosenFieldsOfEachWork() async throws {
        let byDOI = Dictionary(uniqueKeysWithValues: Self.works.map { ($0.DOI, $0) })
        let chunks = stride(from: 0, to: SelectableField.all.count, by: 9).map { Array(SelectableField.all[$0..<min($0 + 9, SelectableField.all.count)]) }
        for chunk in chunks {
            let selected = ["DOI"] + chunk
            let page = try await FixtureIndex.search([("select", selected.joined(separator: ",")), ("rows", "200"), ("sort", "indexed")])
            #expect(page.items.count == 200)
            for item in page.items {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(item)) as? [String: Any])
                let doi = try #require(object["DOI"] as? String)
                let work = try #require(byDOI[doi])
                let full = try #require(try await FixtureIndex.reader.work(doi: doi))
                let whole = try #require(try JSONSerialization.jsonObject(with: Data(full)) as? [String: Any])
                #expect(Set(object.keys) == Set(selected).intersection(whole.keys), "\(doi)")
                for key in object.keys { #expect(try Self.canonical(object[key]!) == Self.canonical(whole[key]!), "\(doi) \(key)") }
                if selected.contains("title") { #expect(object["title"] as? [String] == work.title, "\(doi)") }
                if selected.contains("type") { #expect(object["type"] as? String == work.type, "\(doi)") }
            }
        }
    }

    /// A JSON value's bytes with sorted keys, for comparing values decoded by JSONSerialization.
    static func canonical(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys, .fragmentsAllowed])
    }

    /// A scoped route plus filters: the filters narrow the scope, never widen it.
    @Test func scopesStayScopedWhenFiltersAreAdded() async throws {
        func values(_ values: (Work) -> [String]) -> String { FixtureFilterCases.commonValues(Self.works, values)[0] }
        let member = values { $0.member.map { [$0] } ?? [] }
        let issn = values { ($0.ISSN ?? []).map(E.identifierKey) }
        let funder = values { ($0.funder ?? []).compactMap { $0.DOI.map(E.funderKey) } }
        let prefix = values { [String($0.DOI.prefix { $0 != "/" })] }
        let cases: [(WorksScope, (Work) -> Bool)] = [
            (WorksScope.member(id: member)!, { $0.member == member }),
            (WorksScope.journal(issn: issn)!, { (($0.ISSN ?? []) + ($0.issnType ?? []).map(\.value)).map(E.identifierKey).contains(issn) }),
            (WorksScope.funder(id: funder)!, { ($0.funder ?? []).contains { $0.DOI.map(E.funderKey) == funder } }),
            (WorksScope.prefix(owner: prefix)!, { $0.DOI.hasPrefix(prefix + "/") }),
            (WorksScope.type(id: "book-chapter")!, { $0.type == "book-chapter" }),
        ]
        for (scope, inScope) in cases {
            let scoped = Self.works.filter(inScope)
            try #require(!scoped.isEmpty && scoped.count < Self.works.count, "\(scope)")
            #expect(Set(try await Self.walk([], scope: scope).dois) == Set(scoped.map(\.DOI)), "\(scope)")
            let narrowing: [(String, @Sendable (Work) -> Bool)] = [
                ("member:\(member)", { $0.member == member }),
                ("prefix:\(prefix)", { $0.DOI.hasPrefix(prefix + "/") }),
            ]
            for (filter, selects) in Self.someFilters.dropFirst() + narrowing {
                let expected = Set(scoped.filter(selects).map(\.DOI))
                #expect(Set(try await Self.walk([("filter", filter)], scope: scope).dois) == expected, "\(scope) \(filter)")
            }
        }
    }
}
