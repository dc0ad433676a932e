import Foundation
import GRDB
import ReadSideTestSupport
import Testing
@testable import WorkIndexQuery
import WorkModel
import WorkQuery

/// The alert matcher checks free-text searches on the changed works only, in a scratch FTS5 table:
/// it must select exactly the works `/works` finds with the same searches.
@Suite struct ChangedRowSearchTests {
    static let searches: [[(String, String)]] = [
        [("query.title", "covid-19")], [("query.author", "smith")], [("query.author", "müller garcía")],
        [("query.container-title", "journal")], [("query.affiliation", "university")],
        [("query.bibliographic", "2019 neuroscience")], [("query", "cancer")], [("query", "resume protein")],
        [("query.author", "smith"), ("query.title", "the")], [("query.editor", "x")],
    ]

    /// Every fixture work's row id, by DOI.
    static func rowIDs() async throws -> [String: Int64] {
        try await FixtureIndex.reader.facts(forDOIs: FixtureIndex.works.map(\.DOI)).mapValues(\.rowID)
    }

    @Test func theScratchTableFindsWhatWorksFinds() async throws {
        let rows = try await Self.rowIDs()
        let requests = try Self.searches.map { try WorksRequestParser.parse($0.map { (name: $0.0, value: $0.1) }).queries }
        let found = try await FixtureIndex.reader.rowIDs(matching: Dictionary(uniqueKeysWithValues: requests.map { ($0, Array(rows.values)) }))
        var nonEmpty = 0
        for (search, queries) in zip(Self.searches, requests) {
            let expected = try await FixtureIndexTests.walk(search).dois.compactMap { rows[Identifiers.doi($0) ?? $0] }
            #expect(found[queries] == Set(expected), "\(search)")
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= 6, "most searches find something in the fixtures")
    }

    @Test func onlyTheCandidatesAreAnswered() async throws {
        let rows = try await Self.rowIDs()
        let queries = try WorksRequestParser.parse([(name: "query", value: "the")]).queries
        let all = try #require(try await FixtureIndex.reader.rowIDs(matching: [queries: Array(rows.values)])[queries])
        let some = Array(all.prefix(3)) + Array(Set(rows.values).subtracting(all).prefix(3))
        #expect(try await FixtureIndex.reader.rowIDs(matching: [queries: some])[queries] == Set(all.prefix(3)))
    }

    /// Accents are folded by the index's tokenizer, so they must be in the scratch table too.
    @Test func theScratchTableTokenizesAsTheIndexDoes() throws {
        let tokenizer = try DatabaseQueue(path: FixtureIndex.index.path).read { db in try ScratchFullTextIndex.tokenizer(ofTable: "works_fts", in: db) }
        #expect(tokenizer == "unicode61 remove_diacritics 2")
        let scratch = try ScratchFullTextIndex(columns: ["author"], tokenizer: tokenizer)
        try scratch.insert([(rowID: 7, texts: ["José Müller"])], columns: ["author"])
        #expect(try scratch.rowIDs(matching: #"(author : ("jose" OR "x"))"#) == [7])
        #expect(try scratch.rowIDs(matching: #"(author : ("muller"))"#) == [7])
    }

    @Test func searchesWithoutTokensMatchEveryCandidate() async throws {
        let queries = try WorksRequestParser.parse([(name: "query.title", value: "&&")]).queries
        #expect(try await FixtureIndex.reader.rowIDs(matching: [queries: [1, 2, 3]])[queries] == [1, 2, 3])
    }
}
