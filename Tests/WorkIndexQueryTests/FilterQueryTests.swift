import ReadSideTestSupport
import Testing
import WorkModel
import WorkQuery

@Suite struct FilterQueryTests {
    @Test(arguments: FilterCases.all)
    func everyFilterSelectsTheRightWorks(_ filterCase: FilterCase) async throws {
        let page = try await SampleIndex.search([("filter", filterCase.filter), ("rows", "1000")])
        let dois = try SampleIndex.dois(page)
        #expect(Set(dois) == filterCase.expectedDOIs)
        #expect(page.totalResults == filterCase.expectedDOIs.count)
        #expect(dois.count == Set(dois).count, "no work twice")
    }

    @Test func dottedLicenseFiltersMatchWithinOneLicense() async throws {
        let work10 = SampleWorks.doi(10)
        let across = try await SampleIndex.search([("filter", "license.url:\(SampleWorks.ccByNC),license.delay:30")])
        #expect(try !SampleIndex.dois(across).contains(work10))
        let within = try await SampleIndex.search([("filter", "license.url:\(SampleWorks.ccByNC),license.delay:400")])
        #expect(try SampleIndex.dois(within) == [work10])
    }

    @Test func awardsDoNotMixAcrossFunders() async throws {
        // Work 20: NSF with award X-1, NHLBI with award CBET-0756451.
        let page = try await SampleIndex.search([("filter", "award.number:CBET-0756451,award.funder:100000001"), ("rows", "100")])
        #expect(try !SampleIndex.dois(page).contains(SampleWorks.doi(20)))
        let other = try await SampleIndex.search([("filter", "award.number:CBET-0756451,award.funder:100000050")])
        #expect(try SampleIndex.dois(other) == [SampleWorks.doi(20)])
    }

    @Test func untilIncludesTheWholeLastPeriod() async throws {
        // Work 17 is dated 2002-06-18: inside "until 2002-06", outside "until 2002-06-17".
        let work17 = SampleWorks.doi(17)
        #expect(SampleWorks.all[17].issued == PartialDate(year: 2002, month: 6, day: 18))
        #expect(try SampleIndex.dois(await SampleIndex.search([("filter", "until-pub-date:2002-06"), ("rows", "100")])).contains(work17))
        #expect(try SampleIndex.dois(await SampleIndex.search([("filter", "until-pub-date:2002"), ("rows", "100")])).contains(work17))
        #expect(try !SampleIndex.dois(await SampleIndex.search([("filter", "until-pub-date:2002-06-17"), ("rows", "100")])).contains(work17))
        // A deposit at 01:00 on 2020-01-31 is inside "until 2020-01-31".
        let deposits = try SampleIndex.dois(await SampleIndex.search([("filter", "until-deposit-date:2020-01-31"), ("rows", "100")]))
        #expect(deposits.contains(SampleWorks.doi(3)))
    }
}
