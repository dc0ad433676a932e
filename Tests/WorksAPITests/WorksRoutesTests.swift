import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReadSideTestSupport
import Testing
import WorkModel
import WorksAPI

@Suite struct WorksRoutesTests {
    typealias T = APITestSupport

    @Test(arguments: ["/works", "/v1/works"])
    func workListEnvelope(_ path: String) async throws {
        let reply = try await T.get(path)
        #expect(reply.status == .ok)
        #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
        #expect(reply.headers[HTTPField.Name("X-Rate-Limit-Limit")!] == "50")
        #expect(reply.headers[HTTPField.Name("X-Rate-Limit-Interval")!] == "1s")
        let json = try #require(reply.json)
        #expect(json["status"] as? String == "ok")
        #expect(json["message-type"] as? String == "work-list")
        #expect(json["message-version"] as? String == "1.0.0")
        let message = try #require(reply.message)
        #expect(message["total-results"] as? Int == SampleWorks.all.count)
        #expect(message["items-per-page"] as? Int == 20)
        #expect((message["facets"] as? [String: Any])?.isEmpty == true)
        let query = try #require(message["query"] as? [String: Any])
        #expect(query["start-index"] as? Int == 0)
        #expect(query["search-terms"] is NSNull)
        #expect(reply.items.count == 20)
        #expect(message["next-cursor"] == nil)
    }

    @Test func searchTermsAndPlusAsSpace() async throws {
        let reply = try await T.get("/works?query=renear+ontologies&rows=5&offset=2")
        let query = try #require(reply.message?["query"] as? [String: Any])
        #expect(query["search-terms"] as? String == "renear ontologies")
        #expect(query["start-index"] as? Int == 2)
        #expect(reply.message?["items-per-page"] as? Int == 5)
    }

    @Test func singleWorkByDOIInAnyCaseAndEncoding() async throws {
        for i in [5, 6, 11] {
            let doi = SampleWorks.doi(i)
            let forms = [
                "/works/\(doi)", "/works/\(doi.uppercased())", "/works/\(T.encoded(doi))", "/works/\(T.encoded(doi.uppercased()))",
                "/v1/works/\(T.encoded(doi))", "/works/\(T.encoded("https://doi.org/" + doi))",
            ].filter { $0.allSatisfy { !"<>;()".contains($0) } || $0.contains("%") }
            for reply in try await T.requests(forms) {
                #expect(reply.status == .ok, "\(doi)")
                #expect(reply.json?["message-type"] as? String == "work")
                #expect(reply.message?["DOI"] as? String == doi)
            }
        }
    }

    @Test func headSaysWhetherAWorkExists() async throws {
        let found = try await T.get("/works/\(T.encoded(SampleWorks.doi(6).uppercased()))", method: .head)
        #expect(found.status == .ok)
        #expect(found.body.isEmpty)
        let missing = try await T.get("/works/10.9999/nothing", method: .head)
        #expect(missing.status == .notFound)
        #expect(missing.body.isEmpty)
    }

    @Test func agency() async throws {
        let doi = SampleWorks.doi(5)
        let reply = try await T.get("/works/\(T.encoded(doi.uppercased()))/agency")
        #expect(reply.status == .ok)
        #expect(reply.json?["message-type"] as? String == "work-agency")
        #expect(reply.message?["DOI"] as? String == doi)
        #expect((reply.message?["agency"] as? [String: Any])?["id"] as? String == "crossref")
        #expect(try await T.get("/works/10.9999/nothing/agency").status == .notFound)
    }

    @Test func unknownThingsAre404() async throws {
        let uris = ["/works/10.9999/nothing", "/works/not-a-doi", "/nothing", "/v2/works",
                    "/types/nonsense", "/types/nonsense/works", "/members/abc/works",
                    "/funders/not-a-funder/works", "/funders/100000001", "/journals/xyz/works", "/prefixes/abc/works"]
        for (reply, uri) in zip(try await T.requests(uris), uris) {
            #expect(reply.status == .notFound, "\(uri)")
            #expect(reply.headers[HTTPField.Name("X-Rate-Limit-Limit")!] == "50")
        }
    }

    @Test func validationFailuresAre400AndNameTheValue() async throws {
        let cases: [(String, String, String)] = [
            ("/works?rows=1001", "integer-out-of-range", "1001"),
            ("/works?offset=10001", "integer-out-of-range", "10001"),
            ("/works?sample=101", "integer-out-of-range", "101"),
            ("/works?filter=bogus:1", "filter-not-available", "bogus"),
            ("/works?filter=from-pub-date:2020-13-01", "date-not-valid", "from-pub-date:2020-13-01"),
            ("/works?cursor=not-a-cursor", "cursor-not-valid", "not-a-cursor"),
            ("/works?colour=blue", "parameter-not-allowed", "colour"),
            ("/works?facet=orcid:*", "facet-count-not-valid", "orcid:*"),
            ("/works?sort=colour", "sort-not-valid", "colour"),
            ("/works?select=colour", "select-not-valid", "colour"),
            ("/v1/works?cursor=*&offset=20", "cursor-combination-not-allowed", "offset"),
            ("/members/78/works?filter=type:article", "type-not-valid", "type:article"),
        ]
        let replies = try await T.requests(cases.map(\.0))
        for (reply, (uri, type, value)) in zip(replies, cases) {
            #expect(reply.status == .badRequest, "\(uri)")
            #expect(reply.json?["status"] as? String == "failed")
            #expect(reply.json?["message-type"] as? String == "validation-failure")
            let failure = try #require(reply.failures.first, "\(uri)")
            #expect(failure["type"] as? String == type, "\(uri)")
            #expect(failure["value"] as? String == value, "\(uri)")
            #expect((failure["message"] as? String)?.isEmpty == false)
        }
    }

    @Test func scopedRoutesStayScoped() async throws {
        let member78 = SampleWorks.all.filter { $0.member == "78" }.count
        let nsf = SampleWorks.all.filter { ($0.funder ?? []).contains { $0.DOI == SampleWorks.nsf } }.count
        let prefix = SampleWorks.all.filter { $0.prefix == "10.1002" }.count
        let journal = SampleWorks.all.filter { ($0.ISSN ?? []).contains("2090-8091") }.count
        let datasets = SampleWorks.all.filter { $0.type == "dataset" }.count
        let expectations: [(String, Int)] = [
            ("/members/78/works", member78),
            ("/v1/members/78/works", member78),
            ("/members/78/works?filter=member:311", 0),
            ("/funders/100000001/works", nsf),
            ("/funders/10.13039/100000001/works", nsf),
            ("/funders/10.13039%2F100000001/works", nsf),
            ("/v1/funders/10.13039/100000001/works?filter=funder:100000050", SampleWorks.all.filter { w in
                let dois = (w.funder ?? []).compactMap(\.DOI)
                return dois.contains(SampleWorks.nsf) && dois.contains(SampleWorks.nhlbi)
            }.count),
            ("/prefixes/10.1002/works", prefix),
            ("/prefixes/10.1002/works?filter=prefix:10.1016", 0),
            ("/journals/2090-8091/works", journal),
            ("/journals/20908091/works?filter=issn:1549-7712", 0),
            ("/types/dataset/works", datasets),
            ("/types/dataset/works?filter=type:journal-article", 0),
        ]
        let replies = try await T.requests(expectations.map(\.0))
        for (reply, (uri, total)) in zip(replies, expectations) {
            #expect(reply.status == .ok, "\(uri)")
            #expect(reply.total == total, "\(uri)")
        }
    }

    @Test func typesAndLicenses() async throws {
        let types = try await T.get("/types")
        #expect(types.json?["message-type"] as? String == "type-list")
        #expect(types.total == WorkType.all.count)
        #expect(Set(types.items.compactMap { $0["id"] as? String }) == Set(WorkType.all.map(\.id)))
        let one = try await T.get("/v1/types/JOURNAL-ARTICLE")
        #expect(one.message?["label"] as? String == "Journal Article")

        let licenses = try await T.get("/licenses?rows=100")
        #expect(licenses.json?["message-type"] as? String == "license-list")
        var expected: [String: Int] = [:]
        for work in SampleWorks.all { for url in Set((work.license ?? []).map(\.URL)) { expected[url, default: 0] += 1 } }
        let counts = Dictionary(uniqueKeysWithValues: licenses.items.map { ($0["URL"] as! String, $0["work-count"] as! Int) })
        #expect(counts == expected)
        #expect(try await T.get("/licenses?rows=5000").status == .badRequest)
    }

    @Test func cursorWalkOverHTTP() async throws {
        try await APITestSupport.application().test(.router) { client in
            var seen: [String] = []
            var cursor = "*"
            for _ in 0..<10 {
                let reply = try await client.execute(uri: "/works?rows=7&sort=published&order=asc&cursor=\(T.encoded(cursor))", method: .get) { response in
                    T.Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
                }
                #expect(reply.status == .ok)
                let next = try #require(reply.message?["next-cursor"] as? String)
                if reply.dois.isEmpty { break }
                seen += reply.dois
                cursor = next
            }
            #expect(seen.count == SampleWorks.all.count)
            #expect(Set(seen) == Set(SampleWorks.all.map(\.DOI)))
        }
    }

    @Test func selectAndFacetsOverHTTP() async throws {
        let reply = try await T.get("/works?select=DOI,title&facet=type-name:*,published:3&rows=3")
        for item in reply.items { #expect(Set(item.keys) == ["DOI", "title"]) }
        let facets = try #require(reply.message?["facets"] as? [String: Any])
        let typeName = try #require(facets["type-name"] as? [String: Any])
        let values = try #require(typeName["values"] as? [String: Int])
        #expect(values["Journal Article"] == SampleWorks.all.filter { $0.type == "journal-article" }.count)
        #expect(typeName["value-count"] as? Int == values.count)
        #expect(((facets["published"] as? [String: Any])?["values"] as? [String: Int])?.count == 3)
    }

    @Test func hostileRequestsNeverCauseA500() async throws {
        let uris = [
            "/works?query=%22", "/works?query=covid-19", "/works?query.author=%22%29%28*", "/works?query=NEAR(a%20b)",
            "/works?filter=container-title:%27%20OR%201=1--", "/works?filter=%27", "/works?filter=,,,", "/works?filter=:",
            "/works?filter=archive:%22;DROP%20TABLE%20works", "/works?rows=1e3", "/works?rows=%F0%9F%92%A5",
            "/works?offset=99999999999999999999999", "/works?sample=abc", "/works?facet=*:*", "/works?facet=:",
            "/works?sort=;drop", "/works?order=%00", "/works?&&&=&=", "/works?%zz=%zz", "/works?query=%zz",
            "/works/%", "/works/%ZZ", "/works/10.1000/%00", "/works/10.1000/a%2F..%2F..", "/works?cursor=",
            "/works?cursor=%2A&rows=1000", "/works?select=,", "/works?mailto=%3Cscript%3E",
            "/works?filter=license.delay:99999999999999999999", "/works?filter=from-pub-date:0000",
            "/works?filter=until-pub-date:9999-12-31", "/works?filter=from-index-date:1970", "/works?query=" + String(repeating: "a+", count: 200),
            "/members/99999999999999999999999/works", "/funders/%2F%2F/works", "/types/%00/works", "/journals/%/works",
            "/works?query.bibliographic=%E2%80%AE%E2%80%8B", "/works?filter=orcid:0000-0000-0000-0000",
        ]
        let replies = try await T.requests(uris)
        for (reply, uri) in zip(replies, uris) {
            #expect([.ok, .badRequest, .notFound].contains(reply.status), "\(uri) → \(reply.status) \(reply.body.prefix(200))")
            if reply.status == .badRequest { #expect(!reply.failures.isEmpty, "\(uri)") }
        }
    }
}
