import Foundation
import GRDB
import WorkModel
import WorkQuery

/// The SQL of one `/works` request: the matching set (scope AND filter AND free text), its
/// count, one page in a stable order (sort key, then DOI), and the facet counts over the set.
struct WorkSearchPlan: Sendable {
    let request: WorksRequest
    let scope: WorksScope
    /// `works w`, joined with the FTS hits (`hits.id`, `hits.score`) when there is a search.
    let from: SQLFragment
    /// The filter and scope over `w`.
    let condition: SQLFragment
    let restrictsNothing: Bool
    /// The `MATCH` text of a search without filters, whose count and relevance pages are read
    /// from the full-text index with few `works` rows (nil: no search, or a filter).
    let unfilteredMatch: DatabaseValue?
    let sortKey: SortKeySQL
    let fingerprint: UInt64

    init(request: WorksRequest, scope: WorksScope) throws(RequestValidationError) {
        self.request = request
        self.scope = scope
        let predicate = FilterPredicate.and([scope.predicate, request.filter.predicate])
        condition = FilterSQLCompiler.condition(predicate)
        if let match = FullTextMatchExpression.expression(for: request.queries) {
            // bm25 is lower for better matches; its negation makes "descending" mean best first.
            from = SQLFragment("""
                \(IndexSchema.works) w JOIN (SELECT rowid AS id, -bm25(\(IndexSchema.fullText)) AS score \
                FROM \(IndexSchema.fullText) WHERE \(IndexSchema.fullText) MATCH ?) hits ON hits.id = w.id
                """, [match.databaseValue])
            restrictsNothing = false
            unfilteredMatch = predicate.isTriviallyTrue ? match.databaseValue : nil
        } else {
            from = SQLFragment("\(IndexSchema.works) w")
            restrictsNothing = predicate.isTriviallyTrue
            unfilteredMatch = nil
        }
        sortKey = SortKeySQL(field: request.effectiveSort, order: request.effectiveOrder)
        fingerprint = request.cursorFingerprint(scope: scope)
        if case .resume(let token) = request.cursor {
            let keyMatches: Bool
            switch token.lastKey {
            case .integer: keyMatches = !sortKey.isReal
            case .real: keyMatches = sortKey.isReal
            }
            guard token.fingerprint == fingerprint, keyMatches else {
                throw RequestValidationError([ValidationFailure(
                    .cursorNotValid, value: token.encoded,
                    message: "This cursor belongs to another query: keep the query, filters, sort and order of the request that returned it, or start again with cursor=*.")])
            }
        }
    }

    func run(_ db: Database) throws -> WorkListPage {
        var total: Int?
        let facets = try request.facets.map { facet -> FacetCounts in
            guard facet.name.source == .typeColumn else { return try self.facet(facet, db) }
            let (counts, matches) = try typeFacet(facet, db)
            total = matches
            return counts
        }
        let (items, nextCursor) = try page(db)
        return WorkListPage(totalResults: try total ?? count(db), items: items, facets: facets, nextCursor: nextCursor)
    }

    /// ` FROM … WHERE (…)`: the matching works, ready for more ` AND …` conditions.
    private var base: SQLFragment { SQLFragment(" FROM ") + from + SQLFragment(" WHERE (") + condition + SQLFragment(")") }

    private func count(_ db: Database) throws -> Int {
        var sql = SQLFragment("SELECT COUNT(*)") + base
        if let unfilteredMatch {
            // Each `works_fts` row is one work's (rowid = works.id, written and replaced with the
            // work; works are never deleted), so the join with `works` only looked up a table row
            // per match: 3.8 ms of a four-word bibliographic search (~6,000 matches), 0.4 without.
            sql = SQLFragment("SELECT COUNT(*) FROM \(IndexSchema.fullText) WHERE \(IndexSchema.fullText) MATCH ?", [unfilteredMatch])
        }
        return try Int.fetchOne(db, sql: sql.text, arguments: sql.statementArguments) ?? 0
    }

    /// One page in two steps: the page's works are found on their narrow columns (indexes, no
    /// JSON), in the order of an index when one fits (`OrderedPageWalk`), or by relevance from
    /// the full-text index when a search has no filter (`BestMatchesPage`); only those works then
    /// read their JSON.
    private func page(_ db: Database) throws -> ([[UInt8]], String?) {
        let rows: [PageRow]
        if let sample = request.sample {
            rows = try sampled(sample, db)
        } else {
            var after: CursorToken?
            if case .resume(let token) = request.cursor { after = token }
            if sortKey.isReal, let unfilteredMatch {
                rows = try BestMatchesPage(match: unfilteredMatch, descending: sortKey.descending, rows: request.rows,
                                           offset: request.offset, after: after).rows(db)
            } else {
                rows = try OrderedPageWalk(matches: base, sortKey: sortKey, rows: request.rows, offset: request.offset, after: after).rows(db)
            }
        }

        let selected = request.select.map(Set.init)
        let jsonOfRow = try db.cachedStatement(sql: "SELECT json FROM \(IndexSchema.works) WHERE id = ?")
        var items: [[UInt8]] = []
        items.reserveCapacity(rows.count)
        for row in rows {
            let json = [UInt8]((try Data.fetchOne(jsonOfRow, arguments: [row.id])) ?? Data())
            items.append(selected.map { TopLevelJSONSelection.select($0, from: json) } ?? json)
        }

        guard let cursor = request.cursor else { return (items, nil) }
        if let last = rows.last, let lastKey = last.key {
            return (items, CursorToken(fingerprint: fingerprint, lastKey: lastKey, lastDOI: last.doi).encoded)
        }
        // An empty page ends the walk; handing the same cursor back keeps further calls empty.
        switch cursor {
        case .start: return (items, "*")
        case .resume(let token): return (items, token.encoded)
        }
    }

    /// Random matching works (`sample`), in random order.
    private func sampled(_ count: Int, _ db: Database) throws -> [PageRow] {
        let sql = SQLFragment("SELECT w.id, w.doi") + base + SQLFragment(" ORDER BY random() LIMIT ?", [count.databaseValue])
        return try Row.fetchAll(db, sql: sql.text, arguments: sql.statementArguments).map { PageRow(id: $0[0], doi: $0[1], key: nil) }
    }

    /// Counts of one facet over the matching works, most frequent first (ties by value).
    private func facet(_ facet: FacetRequest, _ db: Database) throws -> FacetCounts {
        let limit = facet.limit.map { " LIMIT \($0)" } ?? ""
        let sql: SQLFragment
        switch facet.name.source {
        case .term(let field):
            var text = SQLFragment("SELECT t.value AS value, COUNT(DISTINCT t.work_id) AS n FROM \(IndexSchema.workTerms) t WHERE t.field = ?", [field.databaseValue])
            if !restrictsNothing {
                text += SQLFragment(" AND t.work_id IN (SELECT w.id") + base + SQLFragment(")")
            }
            text.text += " GROUP BY t.value ORDER BY n DESC, t.value" + limit
            sql = text
        case .typeColumn:
            return try typeFacet(facet, db).counts
        case .publishedYearColumn:
            sql = columnFacet("w.published_year", limit: limit)
        case .publisherColumn:
            sql = columnFacet("w.publisher", limit: limit)
        case .notIndexed:
            return FacetCounts(name: facet.name, values: [])
        }
        let rows = try Row.fetchAll(db, sql: sql.text, arguments: sql.statementArguments)
        let values = rows.map { row -> FacetCounts.ValueCount in
            let raw: String = (row["value"] as DatabaseValue).storage.textValue
            return FacetCounts.ValueCount(value: raw, count: row["n"])
        }
        return FacetCounts(name: facet.name, values: values)
    }

    /// The type facet, and with it the number of matches: every work has one type, so the counts
    /// of the types (with that of a NULL type, were there one) add up to the total, which saves
    /// the count its own scan of the matches.
    private func typeFacet(_ facet: FacetRequest, _ db: Database) throws -> (counts: FacetCounts, total: Int) {
        let sql = SQLFragment("SELECT w.type AS value, COUNT(*) AS n") + base + SQLFragment(" GROUP BY w.type ORDER BY n DESC, w.type")
        var total = 0
        var values: [FacetCounts.ValueCount] = []
        for row in try Row.fetchAll(db, sql: sql.text, arguments: sql.statementArguments) {
            let count: Int = row["n"]
            total += count
            guard let type: String = row["value"], values.count < facet.limit ?? .max else { continue }
            values.append(FacetCounts.ValueCount(value: WorkType.named(type)?.label ?? type, count: count))
        }
        return (FacetCounts(name: facet.name, values: values), total)
    }

    private func columnFacet(_ column: String, limit: String) -> SQLFragment {
        SQLFragment("SELECT \(column) AS value, COUNT(*) AS n") + base
            + SQLFragment(" AND \(column) IS NOT NULL GROUP BY \(column) ORDER BY n DESC, \(column)" + limit)
    }
}

private extension DatabaseValue.Storage {
    /// Facet values are text, except `published` (a year): render both as text.
    var textValue: String {
        switch self {
        case .string(let s): return s
        case .int64(let i): return String(i)
        case .double(let d): return String(d)
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        case .null: return ""
        }
    }
}
