import Foundation
import GRDB
import ReadSideTestSupport
import Testing
import WorkIndexQuery
import WorkQuery

/// The common orders come from an index walked in order, never from sorting every match: SQLite
/// says "USE TEMP B-TREE FOR ORDER BY" when it sorts. Without ANALYZE statistics (the index has
/// none) the planner chooses the same plans for 30 works as for millions, so plans checked on the
/// sample index are the plans of a production index.
@Suite struct PageOrderPlanTests {
    /// The SQL of every statement the reader ran, with its values inlined.
    final class StatementLog: @unchecked Sendable {
        private let lock = NSLock()
        private var statements: [String] = []

        func append(_ sql: String) { lock.withLock { statements.append(sql) } }
        func drain() -> [String] { lock.withLock { defer { statements = [] }; return statements } }
    }

    let log = StatementLog()
    let reader: SQLiteWorkIndexReader
    let pool: DatabasePool

    init() throws {
        var configuration = Configuration()
        configuration.readonly = true
        let log = self.log
        configuration.prepareDatabase { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { log.append(statement.expandedSQL) }
            }
        }
        pool = try DatabasePool(path: SampleIndex.index.path, configuration: configuration)
        reader = try SQLiteWorkIndexReader(reader: pool)
    }

    /// The plans of the page statements (ordered selects of works) one request ran.
    func pagePlans(_ pairs: [(String, String)], scope: WorksScope = .all) async throws -> [(sql: String, plan: [String])] {
        _ = log.drain()
        _ = try await SampleIndex.search(pairs, scope: scope, reader: reader)
        let pages = log.drain().filter { $0.hasPrefix("SELECT w.id, w.doi") && $0.contains(" ORDER BY ") }
        return try await pool.read { db in
            try pages.map { sql in (sql, try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }) }
        }
    }

    func expectIndexOrdered(_ pairs: [(String, String)], scope: WorksScope = .all, parts: Int = 2,
                            sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let plans = try await pagePlans(pairs, scope: scope)
        #expect(plans.count == parts, "page statements: \(plans.map(\.sql))", sourceLocation: sourceLocation)
        for (sql, plan) in plans {
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(sql)\n\(plan.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }

    @Test func defaultOrderUnderATypeFilterWalksAnIndex() async throws {
        // rows=1000 reads past the works with a deposit time, into those without (none here: the
        // second part still runs and must not sort).
        try await expectIndexOrdered([("filter", "type:journal-article"), ("rows", "1000")])
        try await expectIndexOrdered([("filter", "type:journal-article,from-pub-date:2005"), ("rows", "1000")])
        try await expectIndexOrdered([("rows", "1000")], scope: .type("journal-article"))
    }

    @Test func cursorPagesWalkAnIndexFromWhereTheyStopped() async throws {
        let first = try await SampleIndex.search([("filter", "type:journal-article"), ("rows", "2"), ("cursor", "*")])
        let cursor = try #require(first.nextCursor)
        try await expectIndexOrdered([("filter", "type:journal-article"), ("rows", "2"), ("cursor", cursor)], parts: 1)
    }

    @Test func scopedRoutesInTheDefaultOrderWalkAnIndex() async throws {
        try await expectIndexOrdered([("rows", "1000")], scope: .member("78"))
        try await expectIndexOrdered([("rows", "1000")], scope: .prefix("10.1016"))
    }

    @Test(arguments: ["updated", "deposited"], ["asc", "desc"])
    func unfilteredDefaultOrderWalksAnIndex(_ sort: String, _ order: String) async throws {
        try await expectIndexOrdered([("sort", sort), ("order", order), ("rows", "1000")])
    }

    /// A walk skips the works that fail the other filters, and checks them in the index it walks,
    /// never in the table rows (whose JSON comes first): a filter that matches nothing would
    /// otherwise read every work's row to find so.
    @Test(arguments: ["asc", "desc"])
    func otherFiltersAreCheckedInTheWalkedIndex(_ order: String) async throws {
        let filters = ["from-pub-date:2030", "until-created-date:1990", "from-print-pub-date:2030,until-accepted-date:1990",
                       "type:dataset,from-online-pub-date:2030", "type:journal-article,from-posted-date:2030,from-index-date:2030"]
        for filter in filters {
            let plans = try await pagePlans([("filter", filter), ("order", order), ("rows", "1000")])
            #expect(plans.count == 2)
            for (sql, plan) in plans {
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(sql)\n\(plan.joined(separator: "\n"))")
                #expect(plan.contains { $0.contains("COVERING INDEX") }, "\(sql)\n\(plan.joined(separator: "\n"))")
            }
        }
    }

    /// Sorts without an index in their order sort their matches, in both parts, instead of walking
    /// a narrow index (the column's own, or the DOI's) and reading every work's row to check the
    /// filter and the key.
    @Test(arguments: ["indexed", "created", "published", "published-print", "published-online",
                      "is-referenced-by-count", "references-count"], ["asc", "desc"])
    func otherSortsSortTheirMatches(_ sort: String, _ order: String) async throws {
        for filter in ["from-pub-date:2030", "type:journal-article", "until-created-date:1990"] {
            let plans = try await pagePlans([("filter", filter), ("sort", sort), ("order", order), ("rows", "1000")])
            #expect(plans.count == 2)
            for (sql, plan) in plans {
                #expect(plan.contains { $0.contains("USE TEMP B-TREE FOR ORDER BY") }, "\(sql)\n\(plan.joined(separator: "\n"))")
            }
        }
    }
}
