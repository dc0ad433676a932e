import Foundation
import Notifications
import Testing
import ReadSideTestSupport
import WorkIndex
import WorkIndexQuery
import WorkModel
import WorkQuery

/// Subscriptions are filed under their most selective filter, so a change meets only the
/// subscriptions that could match it; what matches is what `/works` would find.
@Suite struct SubscriptionIndexTests {
    static let index: WrittenIndex = try! WrittenIndex(works: SampleWorks.all)
    static let reader: SQLiteWorkIndexReader = try! SQLiteWorkIndexReader(path: index.path)
    static let indexed: Int64 = 1_767_225_600_000

    func compiled(_ id: String, _ pairs: [(String, String)], created: String = "2020-01-01T00:00:00Z") throws -> CompiledSubscription {
        try CompiledSubscription(try AlertSubscriptionParser.parse(pairs.map { (name: $0.0, value: $0.1) }, id: id, owner: "me",
                                                                   created: created))
    }

    func keys(_ filter: String) throws -> [SelectiveKey]? {
        SelectiveKey.keys(for: try compiled("k", [("filter", filter)]).predicate)
    }

    @Test func aSubscriptionIsFiledUnderItsMostSelectiveFilter() throws {
        #expect(try keys("member:78,issn:1549-7712,doi:10.1016/J.X") == [SelectiveKey(.doi, "10.1016/j.x")])
        #expect(try keys("funder:100000001,funder:100000050,type:journal-article")
                == [SelectiveKey(.funder, "10.13039/100000001"), SelectiveKey(.funder, "10.13039/100000050")])
        #expect(try keys("type:journal-article,member:78") == [SelectiveKey(.member, "78")])
        #expect(try keys("orcid:0000-0002-1825-0097,prefix:10.1016") == [SelectiveKey(.orcid, Identifiers.orcid("0000-0002-1825-0097")!)])
        #expect(try keys("has-license:true,from-pub-date:2005") == nil)
    }

    @Test func onlyTheCandidatesOfAChangedWorkAreEvaluated() async throws {
        var subscriptions = SubscriptionIndex()
        let work6 = SampleWorks.doi(6)
        subscriptions.upsert(try compiled("by-doi", [("filter", "doi:\(work6)")]))
        subscriptions.upsert(try compiled("by-funder", [("filter", "funder:\(SampleWorks.nsf)")]))
        subscriptions.upsert(try compiled("by-orcid", [("filter", "orcid:\(SampleWorks.orcids[0])")]))
        subscriptions.upsert(try compiled("scanned", [("filter", "has-license:true")]))
        // Many subscriptions no sample work can meet: none of them may cost an evaluation.
        for i in 0..<2000 {
            subscriptions.upsert(try compiled("elsewhere-\(i)", [("filter", i % 2 == 0 ? "doi:10.9999/none.\(i)" : "issn:0000-000\(i % 10)")]))
        }
        #expect(subscriptions.scanCount == 1)

        let events = SampleWorks.all.enumerated().map { changeEvent(Identifiers.doi($1.DOI)!, indexed: Self.indexed, sequence: $0) }
        let facts = try await Self.reader.facts(forDOIs: events.map(\.DOI))
        let round = try await ChangeMatching.match(events, facts: facts, subscriptions: subscriptions, index: Self.reader)

        // Expectations from the works themselves.
        func hasNSF(_ w: Work) -> Bool { (w.funder ?? []).contains { $0.DOI == SampleWorks.nsf } }
        func hasORCID(_ w: Work) -> Bool { w.contributors.contains { $0.ORCID == SampleWorks.orcids[0] } }
        func isWork6(_ w: Work) -> Bool { Identifiers.doi(w.DOI) == work6 }
        let candidates = SampleWorks.all.map { w in 1 + (isWork6(w) ? 1 : 0) + (hasNSF(w) ? 1 : 0) + (hasORCID(w) ? 1 : 0) }
        #expect(round.evaluations == candidates.reduce(0, +))
        var expected: Set<String> = []
        for w in SampleWorks.all {
            let doi = Identifiers.doi(w.DOI)!
            if isWork6(w) { expected.insert("by-doi " + doi) }
            if hasNSF(w) { expected.insert("by-funder " + doi) }
            if hasORCID(w) { expected.insert("by-orcid " + doi) }
            if !(w.license ?? []).isEmpty { expected.insert("scanned " + doi) }
        }
        #expect(Set(round.matches.map { $0.alertID + " " + $0.doi }) == expected)
        #expect(round.missingDOIs.isEmpty)
    }

    @Test(arguments: ["query.title=hearing", "query=ontologies", "query.author=renear&filter=prefix:10.1002", "query.title=covid-19 schools"])
    func textQueriesMatchWhatWorksFinds(_ query: String) async throws {
        let pairs = query.split(separator: "&").map { part -> (String, String) in
            let kv = part.split(separator: "=", maxSplits: 1)
            return (String(kv[0]), String(kv[1]))
        }
        var subscriptions = SubscriptionIndex()
        subscriptions.upsert(try compiled("text", pairs))
        let events = SampleWorks.all.map { changeEvent(Identifiers.doi($0.DOI)!, indexed: Self.indexed) }
        let facts = try await Self.reader.facts(forDOIs: events.map(\.DOI))
        let round = try await ChangeMatching.match(events, facts: facts, subscriptions: subscriptions, index: Self.reader)

        var request = try WorksRequestParser.parse(pairs.map { (name: $0.0, value: $0.1) })
        request.rows = 1000
        let found = try await Self.reader.search(request, scope: .all)
        let foundDOIs = try found.items.map { item -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(item)) as? [String: Any])
            return try #require(object["DOI"] as? String).lowercased()
        }
        #expect(!foundDOIs.isEmpty)
        #expect(Set(round.matches.map(\.doi)) == Set(foundDOIs))
    }

    @Test func kindsAndTheSubscriptionsAgeNarrowWhatNotifies() async throws {
        var subscriptions = SubscriptionIndex()
        let doi = SampleWorks.doi(6)
        subscriptions.upsert(try compiled("retractions", [("filter", "doi:\(doi)"), ("kinds", "updated-by")]))
        subscriptions.upsert(try compiled("too-new", [("filter", "doi:\(doi)")], created: NotificationWindow.iso(Self.indexed + 1)))
        let events = [changeEvent(doi, kind: .created, indexed: Self.indexed), changeEvent(doi, kind: .updatedBy, indexed: Self.indexed)]
        let facts = try await Self.reader.facts(forDOIs: [doi])
        let round = try await ChangeMatching.match(events, facts: facts, subscriptions: subscriptions, index: Self.reader)
        #expect(round.matches.map(\.alertID) == ["retractions"])
        #expect(round.matches.map(\.kind) == [.updatedBy])
    }

    @Test func aReplacedOrRemovedSubscriptionLeavesNoKeyBehind() throws {
        var subscriptions = SubscriptionIndex()
        subscriptions.upsert(try compiled("a", [("filter", "doi:\(SampleWorks.doi(6))")]))
        subscriptions.upsert(try compiled("a", [("filter", "has-license:true")]))
        #expect(subscriptions.count == 1)
        #expect(subscriptions.scanCount == 1)
        subscriptions.remove(id: "a")
        #expect(subscriptions.count == 0)
        #expect(subscriptions.scanCount == 0)
    }
}
