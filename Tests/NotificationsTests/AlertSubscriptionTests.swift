import Foundation
import Notifications
import SchemaTestSupport
import Testing
import ReadSideTestSupport
import WorkIndex
import WorkQuery

/// A saved query is a `/works` query: parsed and refused by the same code, with the same messages.
@Suite struct AlertSubscriptionTests {
    func parse(_ pairs: [(String, String)]) throws(RequestValidationError) -> AlertSubscription {
        try AlertSubscriptionParser.parse(pairs.map { (name: $0.0, value: $0.1) }, id: "a1", owner: "me", created: "2026-01-01T00:00:00Z")
    }

    @Test func filtersQueriesAndTheAlertsOwnSettings() throws {
        let alert = try parse([("filter", "funder:100000001,has-license:true"), ("filter", "funder:10.13039/100000050"),
                               ("query.title", "ocean currents"), ("query", "climate"), ("name", "Oceans"),
                               ("kinds", "created,updated-by"), ("window-seconds", "300")])
        #expect(alert.filters == ["funder": ["10.13039/100000001", "10.13039/100000050"], "has-license": ["true"]])
        #expect(alert.fieldQueries == ["title": "ocean currents"])
        #expect(alert.query == "climate")
        #expect(alert.name == "Oceans")
        #expect(alert.kinds == [.created, .updatedBy])
        #expect(alert.windowMillisEffective == 300_000)
        #expect(alert.owner == "me")
    }

    @Test func everyKindAndAMinuteByDefault() throws {
        let alert = try parse([("filter", "issn:1549-7712")])
        #expect(alert.effectiveKinds == [.created, .updated, .updatedBy])
        #expect(alert.windowMillisEffective == 60_000)
    }

    @Test func aBadFilterIsRefusedWithTheMessageWorksGives() throws {
        let works = #expect(throws: RequestValidationError.self) { try WorksRequestParser.parse([("filter", "funder:,has-license:maybe,colour:red")]) }
        let alert = #expect(throws: RequestValidationError.self) { try parse([("filter", "funder:,has-license:maybe,colour:red")]) }
        #expect(alert?.failures == works?.failures)
        #expect(alert?.failures.count == 3)
        #expect(alert?.failures.map(\.value).contains("colour") == true)
    }

    @Test func pagingAndUnknownParametersAreNamed() throws {
        let error = #expect(throws: RequestValidationError.self) {
            try parse([("filter", "issn:1549-7712"), ("rows", "5"), ("colour", "red"), ("kinds", "deleted"), ("window-seconds", "0")])
        }
        let values = Set(error?.failures.map(\.value) ?? [])
        #expect(values == ["rows", "colour", "kinds:deleted", "0"])
    }

    @Test func anAlertWithoutFilterOrQueryIsRefused() throws {
        let error = #expect(throws: RequestValidationError.self) { try parse([("name", "everything")]) }
        #expect(error?.failures.first?.message.contains("at least one filter or query") == true)
    }

    @Test func theStoredJSONFollowsTheSchemaAndReadsBack() throws {
        let alert = try parse([("filter", "orcid:0000-0002-1825-0097,type:journal-article"), ("query.author", "Feynman"),
                               ("kinds", "updated-by"), ("window-ms", "500"), ("name", "Retractions")])
        let scratch = FileManager.default.temporaryDirectory
        try expectValid([alert.jsonBytes], schema: AlertPaths.subscriptionSchema, scratch: scratch)
        #expect(try AlertSubscription.decode(alert.jsonBytes) == alert)
    }

    /// Saved, stored and loaded again, every filter of the read side's table selects the same works.
    @Test(arguments: FilterCases.all)
    func aReloadedFilterSelectsWhatWorksSelects(_ filterCase: FilterCase) throws {
        let saved = try parse([("filter", filterCase.filter)])
        let loaded = try CompiledSubscription(try AlertSubscription.decode(saved.jsonBytes))
        let selected = SampleWorks.all.filter { work in
            loaded.predicate.matches(terms: WrittenIndex.storedTerms(work), scalars: WorkScalars(work: work))
        }
        #expect(Set(selected.map(\.DOI)) == filterCase.expectedDOIs)
    }
}
