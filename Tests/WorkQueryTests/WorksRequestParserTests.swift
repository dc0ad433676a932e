import Testing
import WorkQuery

@Suite struct WorksRequestParserTests {
    func parse(_ pairs: [(String, String)]) throws(RequestValidationError) -> WorksRequest {
        try WorksRequestParser.parse(pairs.map { (name: $0.0, value: $0.1) })
    }

    func failures(_ pairs: [(String, String)]) -> [ValidationFailure] {
        do { _ = try parse(pairs); return [] } catch { return error.failures }
    }

    @Test func defaults() throws {
        let request = try parse([])
        #expect(request.rows == 20)
        #expect(request.offset == 0)
        #expect(request.sample == nil)
        #expect(request.cursor == nil)
        #expect(request.effectiveSort == .updated)
        #expect(request.effectiveOrder == .descending)
        #expect(request.filter.predicate == .constant(true))
    }

    @Test func queryMakesRelevanceTheDefaultSort() throws {
        let request = try parse([("query", "renear ontologies"), ("query.author", "richard feynman")])
        #expect(request.queries.map(\.field) == [.everything, .author])
        #expect(request.queries[0].tokens == ["renear", "ontologies"])
        #expect(request.effectiveSort == .relevance)
        #expect(request.searchTerms == "renear ontologies")
    }

    @Test func everyFieldQueryIsAccepted() throws {
        for field in QueryField.allCases {
            let request = try parse([(field.rawValue, "x")])
            #expect(request.queries.first?.field == field)
        }
    }

    @Test func punctuationOnlyQueriesAreIgnoredAndControlCharactersDropped() throws {
        #expect(try parse([("query", "\" * - :")]).queries.isEmpty)
        #expect(try parse([("query", "a\u{0}b")]).queries.first?.tokens == ["ab"])
        #expect(try parse([("query", "covid-19")]).queries.first?.tokens == ["covid-19"])
    }

    @Test func limitsOnRowsOffsetSample() {
        #expect(failures([("rows", "1000")]).isEmpty)
        #expect(failures([("rows", "1001")]).map(\.kind) == [.integerOutOfRange])
        #expect(failures([("rows", "-1")]).map(\.kind) == [.integerOutOfRange])
        #expect(failures([("rows", "ten")]).map(\.kind) == [.integerNotValid])
        #expect(failures([("rows", "99999999999999999999999")]).map(\.kind) == [.integerNotValid])
        #expect(failures([("offset", "10000")]).isEmpty)
        #expect(failures([("offset", "10001")]).map(\.kind) == [.integerOutOfRange])
        #expect(failures([("sample", "100")]).isEmpty)
        #expect(failures([("sample", "101")]).map(\.kind) == [.integerOutOfRange])
        #expect(failures([("sample", "0")]).map(\.kind) == [.integerOutOfRange])
    }

    @Test func everyProblemIsReportedWithItsValue() {
        let found = failures([("rows", "5000"), ("bogus", "1"), ("filter", "nope:1,from-pub-date:2020-13"), ("sort", "colour")])
        #expect(Set(found.map(\.kind)) == [.integerOutOfRange, .parameterNotAllowed, .filterNotAvailable, .dateNotValid, .sortNotValid])
        #expect(found.contains { $0.value == "bogus" })
        #expect(found.contains { $0.value == "nope" })
        #expect(found.contains { $0.value == "from-pub-date:2020-13" })
        #expect(found.allSatisfy { !$0.message.isEmpty })
    }

    @Test(arguments: ["2020-13", "2020-02-30", "20", "2020/01", "2020-1-1", "99999", "", "2020-01-01T00:00", "２０２０"])
    func malformedDatesAreRefused(_ date: String) {
        let found = failures([("filter", "from-pub-date:\(date)")])
        #expect(!found.isEmpty)
    }

    @Test func datesOfEveryPrecision() throws {
        for date in ["2020", "2020-02", "2020-02-29"] {
            #expect(failures([("filter", "until-pub-date:\(date)")]).isEmpty)
        }
    }

    @Test func filterValuesAreValidated() {
        #expect(failures([("filter", "has-funder:maybe")]).map(\.kind) == [.booleanNotValid])
        #expect(failures([("filter", "orcid:1234")]).map(\.kind) == [.identifierNotValid])
        #expect(failures([("filter", "issn:abc")]).map(\.kind) == [.identifierNotValid])
        #expect(failures([("filter", "funder:nsf")]).map(\.kind) == [.identifierNotValid])
        #expect(failures([("filter", "type:article")]).map(\.kind) == [.typeNotValid])
        #expect(failures([("filter", "license.delay:-3")]).map(\.kind) == [.integerNotValid])
        #expect(failures([("filter", "license.delay:99999999999999999999")]).map(\.kind) == [.integerNotValid])
        #expect(failures([("filter", "member")]).map(\.kind) == [.filterValueNotValid])
        #expect(failures([("filter", "location:Germany")]).map(\.kind) == [.filterNotAvailable])
        #expect(failures([("filter", "directory:doaj")]).map(\.kind) == [.filterNotSupported])
        #expect(failures([("filter", "category-name:Oncology")]).map(\.kind) == [.filterNotSupported])
        #expect(failures([("filter", "reference-visibility:secret")]).map(\.kind) == [.filterValueNotValid])
    }

    @Test func everyFilterOfTheBriefIsKnown() {
        let brief = """
            has-funder funder location prefix member from-index-date until-index-date from-deposit-date until-deposit-date
            from-update-date until-update-date from-created-date until-created-date from-pub-date until-pub-date
            from-online-pub-date until-online-pub-date from-print-pub-date until-print-pub-date from-posted-date
            until-posted-date from-accepted-date until-accepted-date has-license license.url license.version license.delay
            has-full-text full-text.version full-text.type full-text.application has-references reference-visibility
            has-archive archive has-orcid has-authenticated-orcid orcid issn isbn type directory doi updates is-update
            has-update-policy container-title category-name type-name award.number award.funder has-assertion
            assertion-group assertion has-affiliation alternative-id article-number has-abstract has-clinical-trial-number
            content-domain has-content-domain has-domain-restriction has-relation relation.type relation.object
            relation.object-type
            """.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        #expect(Set(brief) == Set(FilterName.allCases.map(\.rawValue)))
    }

    @Test func tooManyFilterClausesAreRefused() {
        let many = (0..<101).map { _ in "has-funder:true" }.joined(separator: ",")
        #expect(!failures([("filter", many)]).isEmpty)
    }

    @Test func facetsAndTheirMaximums() throws {
        let request = try parse([("facet", "type-name:*,orcid:100,published:5")])
        #expect(request.facets == [FacetRequest(name: .typeName, limit: nil), FacetRequest(name: .orcid, limit: 100),
                                   FacetRequest(name: .published, limit: 5)])
        #expect(failures([("facet", "orcid:*")]).map(\.kind) == [.facetCountNotValid])
        #expect(failures([("facet", "issn:101")]).map(\.kind) == [.facetCountNotValid])
        #expect(failures([("facet", "container-title:0")]).map(\.kind) == [.facetCountNotValid])
        #expect(failures([("facet", "colour:*")]).map(\.kind) == [.facetNotAvailable])
        #expect(failures([("facet", "type-name")]).map(\.kind) == [.facetCountNotValid])
        #expect(failures([("facet", "category-name:*")]).map(\.kind) == [.facetNotAvailable])
        for facet in FacetName.allCases where facet != .categoryName {
            #expect(failures([("facet", "\(facet.rawValue):\(facet.maximumValues.map(String.init) ?? "*")")]).isEmpty)
        }
    }

    @Test func sortAndOrder() throws {
        #expect(try parse([("sort", "score")]).sort == .relevance)
        #expect(try parse([("sort", "published-print"), ("order", "asc")]).effectiveOrder == .ascending)
        for sort in ["relevance", "updated", "deposited", "indexed", "published", "published-print", "published-online",
                     "issued", "is-referenced-by-count", "references-count", "created"] {
            #expect(failures([("sort", sort)]).isEmpty)
        }
        #expect(failures([("order", "up")]).map(\.kind) == [.orderNotValid])
    }

    @Test func cursors() throws {
        #expect(try parse([("cursor", "*")]).cursor == .start)
        let token = CursorToken(fingerprint: 42, lastKey: .real(-1.25), lastDOI: "10.1/a|b")
        #expect(try parse([("cursor", token.encoded)]).cursor == .resume(token))
        #expect(CursorToken(encoded: CursorToken(fingerprint: 7, lastKey: .integer(-4), lastDOI: "10.5/x").encoded)?.lastKey == .integer(-4))
        for bad in ["abc", "!!!", "Yzt8", String(repeating: "A", count: 5000), "c1|1|i1|x"] {
            #expect(failures([("cursor", bad)]).map(\.kind) == [.cursorNotValid], "\(bad)")
        }
        #expect(failures([("cursor", "*"), ("offset", "20")]).map(\.kind) == [.cursorCombination])
        #expect(failures([("cursor", "*"), ("sample", "5")]).map(\.kind) == [.cursorCombination])
    }

    @Test func select() throws {
        #expect(try parse([("select", "DOI,title,DOI")]).select == ["DOI", "title"])
        #expect(failures([("select", "DOI,colour")]).map(\.value) == ["colour"])
    }

    @Test func emptyValuesCountAsAbsent() throws {
        let request = try parse([("query", ""), ("filter", ""), ("rows", ""), ("mailto", "")])
        #expect(request.rows == 20)
        #expect(request.queries.isEmpty)
    }

    @Test func longQueriesAreRefused() {
        let words = (0..<65).map { "w\($0)" }.joined(separator: " ")
        #expect(failures([("query", words)]).map(\.kind) == [.queryTooLong])
    }
}
