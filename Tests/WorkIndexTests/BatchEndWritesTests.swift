import Testing
@testable import WorkIndex
import WorkModel

/// Term rows and full-text changes are written at the end of a batch, grouped (BatchWriter):
/// what a batch leaves behind must be what writing record by record would have left.
@Suite("Writes grouped at the end of a batch")
struct BatchEndWritesTests {
    private func article(_ doi: String, title: String, issn: String) -> Work {
        var work = Fixtures.article(doi, title: title)
        work.ISSN = [issn]
        return work
    }

    @Test func aDOITwiceInOneBatchKeepsOnlyTheNewerTermsAndTexts() throws {
        let index = try TestIndex()
        let doi = "10.5555/twice"
        try index.apply([
            Fixtures.incoming(article(doi, title: "Grebes of the marsh", issn: "1111-1111"), version: 100, offset: 1),
            Fixtures.incoming(Fixtures.article("10.5555/other", title: "Unrelated herons"), version: 100, offset: 2),
            Fixtures.incoming(article(doi, title: "Cormorants at sea", issn: "2222-2222"), version: 200, offset: 3),
        ], nowMs: 1_000)

        let issns = try index.terms(doi).filter { $0.field == "issn" }.map(\.value)
        #expect(issns == ["2222-2222"], "one set of term rows, the newer record's")
        #expect(try index.ftsMatches("cormorants") == [doi])
        #expect(try index.ftsMatches("grebes").isEmpty, "the first record's words left the full-text index")
        #expect(try index.ftsMatches("herons") == ["10.5555/other"])

        // A later batch replaces the texts again from what the first batch left.
        try index.apply([Fixtures.incoming(article(doi, title: "Pelicans", issn: "2222-2222"), version: 300, offset: 4)], nowMs: 2_000)
        #expect(try index.ftsMatches("pelicans") == [doi])
        #expect(try index.ftsMatches("cormorants").isEmpty)
        #expect(try index.terms(doi).filter { $0.field == "issn" }.map(\.value) == ["2222-2222"])
    }

    @Test func termsOfManyWorksKeepTheirWorkAndOrder() throws {
        let index = try TestIndex()
        // 7 works of 3 ISSNs each: 21 rows, more than one multi-row INSERT, split across works.
        let works = (0..<7).map { n in
            var work = Fixtures.article("10.5555/many-\(n)", title: "Work \(n)")
            work.ISSN = (0..<3).map { String(format: "%04d-%04d", n, $0) }
            return Fixtures.incoming(work, version: 100, offset: Int64(n))
        }
        try index.apply(works, nowMs: 1_000)
        for n in 0..<7 {
            let stored = try index.terms("10.5555/many-\(n)").filter { $0.field == "issn" }.map(\.value)
            #expect(stored == (0..<3).map { String(format: "%04d-%04d", n, $0) })
        }
    }
}
