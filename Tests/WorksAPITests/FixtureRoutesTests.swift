import Foundation
import ReadSideTestSupport
import Testing
import WorkModel

/// The HTTP routes over real records (fixture deposits through the real parser and writer).
@Suite struct FixtureRoutesTests {
    typealias T = APITestSupport

    /// Every fixture DOI — SICI DOIs with `<>;()#` included — is found in any case, percent-encoded
    /// as careful clients send it, and raw where the characters allow it.
    @Test func everyWorkByItsDOIInAnyCaseAndEncoding() async throws {
        let works = FixtureWorks.all
        var uris: [(String, String)] = []
        for work in works {
            uris.append(("/works/\(T.encoded(work.DOI.uppercased()))", work.DOI))
            uris.append(("/v1/works/\(T.encoded("https://doi.org/" + work.DOI))", work.DOI))
            if work.DOI.allSatisfy({ $0.isLetter || $0.isNumber || "./-_:".contains($0) }) {
                uris.append(("/works/\(work.DOI.uppercased())", work.DOI))
            }
        }
        let replies = try await T.requests(uris.map(\.0), reader: T.fixtureReader)
        for (reply, (uri, doi)) in zip(replies, uris) {
            #expect(reply.status == .ok, "\(uri)")
            #expect(reply.message?["DOI"] as? String == doi, "\(uri)")
        }
        #expect(uris.count > works.count * 2, "some DOIs are also tried unencoded")
        #expect(works.contains { $0.DOI.contains { "<>;()#".contains($0) } }, "the fixtures hold DOIs that need encoding")
    }

    /// The brief's example queries, over real records: each answers 200 with what the filters say.
    @Test func theBriefsExampleQueriesAnswer() async throws {
        let works = FixtureWorks.all
        let cases: [(String, (Work) -> Bool)] = [
            ("/works?filter=has-orcid:true,from-pub-date:2004-04-04&rows=0", { w in
                w.contributors.contains { $0.ORCID != nil } && (w.issued.startDay ?? Int.min) >= dayNumber(2004, 4, 4)
            }),
            ("/works?filter=is-update:true,from-pub-date:2014-03-03,funder:10.13039/100000001,funder:10.13039/100000050&rows=0", { w in
                !(w.updateTo ?? []).isEmpty && (w.issued.startDay ?? Int.min) >= dayNumber(2014, 3, 3)
                    && (w.funder ?? []).contains { ["10.13039/100000001", "10.13039/100000050"].contains($0.DOI.map(WorkExpectations.funderKey)) }
            }),
            ("/works?filter=archive:CLOCKSS&rows=0", { ($0.archive ?? []).contains { $0.lowercased() == "clockss" } }),
            ("/v1/works?facet=license:*&filter=member:78&rows=0", { $0.member == "78" }),
            ("/works?facet=license:*&filter=issn:2090-8091&rows=0", { (($0.ISSN ?? []) + ($0.issnType ?? []).map(\.value)).contains("2090-8091") }),
            ("/works?filter=award.number:1F31MH11745,award.funder:10.13039/100000025&rows=0", { w in
                (w.funder ?? []).contains { $0.DOI.map(WorkExpectations.funderKey) == "10.13039/100000025" && $0.award.contains { WorkExpectations.awardKey($0) == "1f31mh11745" } }
            }),
            ("/v1.0/works?filter=has-references:true,reference-visibility:open&facet=publisher-name:*&rows=0", { w in
                !(w.reference ?? []).isEmpty || (w.referencesCount ?? 0) > 0
            }),
            ("/prefixes/10.1016/works?filter=from-pub-date:2010-01,until-pub-date:2010-01&rows=0", { w in
                w.DOI.hasPrefix("10.1016/") && (w.issued.startDay.map { $0 >= dayNumber(2010, 1, 1) && $0 <= dayNumber(2010, 1, 31) } ?? false)
            }),
            ("/funders/10.13039/100000001/works?filter=license.url:http://creativecommons.org/licenses/by/3.0/&rows=0", { w in
                (w.funder ?? []).contains { $0.DOI.map(WorkExpectations.funderKey) == "10.13039/100000001" }
                    && (w.license ?? []).contains { WorkExpectations.folded($0.URL) == "http://creativecommons.org/licenses/by/3.0/" }
            }),
            ("/funders/10.13039/100000015/works?filter=license.url:http://creativecommons.org/licenses/by/3.0/,license.delay:365&rows=0", { w in
                (w.funder ?? []).contains { $0.DOI.map(WorkExpectations.funderKey) == "10.13039/100000015" }
                    && (w.license ?? []).contains { WorkExpectations.folded($0.URL) == "http://creativecommons.org/licenses/by/3.0/" && $0.delayInDays <= 365 }
            }),
            ("/works?query.author=richard+feynman&rows=0", { _ in true }),
            ("/works?query=renear+ontologies&rows=0", { _ in true }),
            ("/works?sample=10&select=DOI,title", { _ in true }),
            ("/members/311/works?filter=type:journal-article&cursor=*&rows=0", { $0.member == "311" && $0.type == "journal-article" }),
            ("/works?query=josiah+carberry&sort=published&order=asc&rows=0", { _ in true }),
            ("/works?rows=0&facet=type-name:*", { _ in true }),
        ]
        let replies = try await T.requests(cases.map(\.0), reader: T.fixtureReader)
        for (reply, (uri, selects)) in zip(replies, cases) {
            #expect(reply.status == .ok, "\(uri): \(reply.body.prefix(300))")
            if uri.contains("query") || uri.contains("sample") { continue }
            #expect(reply.total == works.filter(selects).count, "\(uri)")
        }
    }
}
