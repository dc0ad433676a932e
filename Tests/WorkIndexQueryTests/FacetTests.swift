import ReadSideTestSupport
import Testing
import WorkModel
import WorkQuery

@Suite struct FacetTests {
    /// Value → number of works, from the Work values.
    static func counts(_ works: [Work], _ values: (Work) -> [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for work in works { for value in Set(values(work)) { counts[value, default: 0] += 1 } }
        return counts
    }

    static func asDictionary(_ facet: FacetCounts?) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (facet?.values ?? []).map { ($0.value, $0.count) })
    }

    @Test func unlimitedFacetsCountEveryValue() async throws {
        let works = SampleWorks.all
        let page = try await SampleIndex.search([("rows", "0"), ("facet", "type-name:*,funder-doi:*,funder-name:*,license:*,published:*,publisher-name:*,archive:*,update-type:*,assertion:*,assertion-group:*,relation-type:*,affiliation:*")])
        func facet(_ name: FacetName) -> [String: Int] { Self.asDictionary(page.facets.first { $0.name == name }) }
        #expect(facet(.typeName) == Self.counts(works) { [WorkType.named($0.type)!.label] })
        #expect(facet(.funderDOI) == Self.counts(works) { ($0.funder ?? []).compactMap(\.DOI) })
        #expect(facet(.funderName) == Self.counts(works) { ($0.funder ?? []).compactMap(\.name) })
        #expect(facet(.license) == Self.counts(works) { ($0.license ?? []).map(\.URL) })
        #expect(facet(.published) == Self.counts(works) { $0.issued.year.map { [String($0)] } ?? [] })
        #expect(facet(.publisherName) == Self.counts(works) { $0.publisher.map { [$0] } ?? [] })
        #expect(facet(.archive) == Self.counts(works) { ($0.archive ?? []).map { $0.lowercased() } })
        #expect(facet(.updateType) == Self.counts(works) { ($0.updateTo ?? []).map(\.type) })
        #expect(facet(.assertion) == Self.counts(works) { ($0.assertion ?? []).map(\.name) })
        #expect(facet(.assertionGroup) == Self.counts(works) { ($0.assertion ?? []).compactMap(\.group?.name) })
        #expect(facet(.relationType) == Self.counts(works) { Array(($0.relation ?? [:]).keys) })
        #expect(facet(.affiliation) == Self.counts(works) { $0.contributors.flatMap { $0.affiliation.map(\.name) } })
        // Most frequent first.
        for facet in page.facets {
            #expect(facet.values.map(\.count) == facet.values.map(\.count).sorted(by: >), "\(facet.name)")
        }
    }

    @Test func facetsCountOnlyTheFilteredWorks() async throws {
        let filtered = SampleWorks.all.filter { $0.member == "78" && !($0.license ?? []).isEmpty }
        let page = try await SampleIndex.search([("filter", "member:78,has-license:true"), ("facet", "license:*,type-name:*,orcid:100")])
        #expect(Self.asDictionary(page.facets.first { $0.name == .license }) == Self.counts(filtered) { ($0.license ?? []).map(\.URL) })
        #expect(Self.asDictionary(page.facets.first { $0.name == .typeName }) == Self.counts(filtered) { [WorkType.named($0.type)!.label] })
        #expect(Self.asDictionary(page.facets.first { $0.name == .orcid }) == Self.counts(filtered) { $0.contributors.compactMap(\.ORCID) })
    }

    @Test func facetsWithAQueryCountTheMatches() async throws {
        let page = try await SampleIndex.search([("query.author", "feynman"), ("facet", "publisher-name:*")])
        let matches = SampleWorks.all.filter { $0.contributors.contains { $0.family == "Feynman" } }
        #expect(Self.asDictionary(page.facets.first) == Self.counts(matches) { [$0.publisher!] })
        #expect(page.totalResults == matches.count)
    }

    @Test func limitedFacetsReturnTheTopValues() async throws {
        let all = Self.counts(SampleWorks.all) { $0.ISSN ?? [] }
        let page = try await SampleIndex.search([("rows", "0"), ("facet", "issn:2,container-title:1")])
        let issn = try #require(page.facets.first { $0.name == .issn })
        #expect(issn.values.count == 2)
        let expectedTop = all.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(2)
        #expect(issn.values.map(\.value) == expectedTop.map(\.key))
        #expect(issn.values.map(\.count) == expectedTop.map(\.value))
        #expect(page.facets.first { $0.name == .containerTitle }?.values.count == 1)
    }

    /// The total comes from the type facet's counts when one is asked for: it must stay every
    /// match, however few types the facet returns, with a filter, a query or neither.
    @Test func aLimitedTypeFacetKeepsTheTotal() async throws {
        let cases: [(pairs: [(String, String)], matches: [Work])] = [
            ([], SampleWorks.all),
            ([("filter", "member:78,has-license:true")], SampleWorks.all.filter { $0.member == "78" && !($0.license ?? []).isEmpty }),
            ([("query.author", "feynman")], SampleWorks.all.filter { $0.contributors.contains { $0.family == "Feynman" } }),
            ([("filter", "type:dataset,type:journal-article,until-pub-date:2006")],
             SampleWorks.all.filter { ["dataset", "journal-article"].contains($0.type) && ($0.issued.year ?? .max) <= 2006 }),
        ]
        for (pairs, matches) in cases {
            let page = try await SampleIndex.search(pairs + [("rows", "0"), ("facet", "type-name:1,publisher-name:2")])
            #expect(page.totalResults == matches.count, "\(pairs)")
            let types = try #require(page.facets.first { $0.name == .typeName })
            // Most frequent first, ties by type id.
            let top = Self.counts(matches) { [$0.type] }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            #expect(types.values.map(\.value) == top.prefix(1).map { WorkType.named($0.key)!.label }, "\(pairs)")
            #expect(types.values.map(\.count) == top.prefix(1).map(\.value), "\(pairs)")
        }
    }
}
