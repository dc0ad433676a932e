import GRDB
import ReadSideTestSupport
import Testing
@testable import WorkIndexQuery
import WorkQuery

/// Relevance pages (score, then DOI) by offset and by cursor, against the order of every match
/// computed by one plain SQL statement. The sample abstracts make many exact score ties, so the
/// DOI order among ties, across page boundaries, is what is tested.
@Suite struct RelevancePagingTests {
    /// Every match of a search in relevance order, straight from SQLite (the definition).
    static func everyMatchInOrder(_ pairs: [(String, String)], ascending: Bool) throws -> [String] {
        let request = try WorksRequestParser.parse(pairs.map { (name: $0.0, value: $0.1) })
        let match = try #require(FullTextMatchExpression.expression(for: request.queries))
        let condition = FilterSQLCompiler.condition(request.filter.predicate)
        let direction = ascending ? "ASC" : "DESC"
        var readOnly = Configuration()
        readOnly.readonly = true
        return try DatabaseQueue(path: SampleIndex.index.path, configuration: readOnly).read { db in
            try String.fetchAll(db, sql: """
                SELECT w.doi FROM works w JOIN (SELECT rowid AS id, -bm25(works_fts) AS score FROM works_fts WHERE works_fts MATCH ?) h
                ON h.id = w.id WHERE \(condition.text) ORDER BY h.score \(direction), w.doi \(direction)
                """, arguments: StatementArguments([match.databaseValue] + condition.arguments))
        }
    }

    static let searches: [[(String, String)]] = [
        [("query", "hearing")],
        [("query.bibliographic", "hearing markup room")],
        [("query", "hearing"), ("filter", "type:journal-article")],
    ]

    @Test func theSampleSearchesHaveScoreTies() throws {
        var readOnly = Configuration()
        readOnly.readonly = true
        let tied = try DatabaseQueue(path: SampleIndex.index.path, configuration: readOnly).read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT -bm25(works_fts) AS score FROM works_fts WHERE works_fts MATCH '"hearing"')
                GROUP BY score HAVING COUNT(*) > 1 LIMIT 1
                """)
        }
        #expect((tied ?? 0) > 1)
    }

    @Test(arguments: 0..<3, ["desc", "asc"])
    func offsetAndCursorPagesFollowTheOrder(_ search: Int, _ order: String) async throws {
        let pairs = Self.searches[search] + [("sort", "score"), ("order", order)]
        let expected = try Self.everyMatchInOrder(pairs, ascending: order == "asc")
        #expect(expected.count > 6, "enough matches to page")

        for rows in [1, 3, 4] {
            var offsetPages: [String] = []
            for offset in stride(from: 0, to: expected.count + rows, by: rows) {
                let page = try await SampleIndex.search(pairs + [("rows", String(rows)), ("offset", String(offset))])
                #expect(page.totalResults == expected.count)
                offsetPages += try SampleIndex.dois(page)
            }
            #expect(offsetPages == expected, "offset pages of \(rows)")

            var cursorPages: [String] = []
            var cursor = "*"
            for _ in 0...(expected.count / rows + 1) {
                let page = try await SampleIndex.search(pairs + [("rows", String(rows)), ("cursor", cursor)])
                let dois = try SampleIndex.dois(page)
                if dois.isEmpty { break }
                cursorPages += dois
                cursor = try #require(page.nextCursor)
            }
            #expect(cursorPages == expected, "cursor pages of \(rows)")
        }
    }
}
