import GRDB
import WorkModel
import WorkQuery

/// What the index holds about one work, as filters see it: its scalar columns and its term rows.
/// Consumers of `work-changes` (alert matching, summaries) read these to evaluate a
/// `FilterPredicate` in memory over exactly the rows `/works` queries.
public struct IndexedWorkFacts: Sendable, Hashable {
    /// `works.id`, also the `works_fts` rowid.
    public var rowID: Int64
    public var scalars: WorkScalars
    /// The `work_terms` rows in extraction order.
    public var terms: [TermFact]

    public init(rowID: Int64, scalars: WorkScalars, terms: [TermFact]) {
        self.rowID = rowID; self.scalars = scalars; self.terms = terms
    }

    /// The values of `has` rows (`license`, `full-text`, `orcid`, `funder` …).
    public var flags: Set<String> {
        Set(terms.lazy.filter { $0.field == TermField.has }.map(\.value))
    }
}

extension SQLiteWorkIndexReader {
    /// The facts of each DOI (normalized) that is in the index; absent DOIs are left out.
    public func facts(forDOIs dois: [String]) async throws -> [String: IndexedWorkFacts] {
        let wanted = Array(Set(dois.compactMap { Identifiers.doi($0) }))
        guard !wanted.isEmpty else { return [:] }
        return try await read { db in
            var facts: [String: IndexedWorkFacts] = [:]
            let columns = WorkColumn.allCases.map { IndexSchema.column($0) }.joined(separator: ", ")
            // SQLite's default bound-parameter limit is 32,766; stay well below it.
            for chunk in stride(from: 0, to: wanted.count, by: 500).map({ wanted[$0..<min($0 + 500, wanted.count)] }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: "SELECT id, \(columns) FROM \(IndexSchema.works) WHERE doi IN (\(marks))",
                                            arguments: StatementArguments(Array(chunk)))
                var byID: [Int64: String] = [:]
                for row in rows {
                    let scalars = WorkScalars(
                        doi: row[IndexSchema.column(.doi)], type: row[IndexSchema.column(.type)] ?? "",
                        member: row[IndexSchema.column(.member)], prefix: row[IndexSchema.column(.prefix)],
                        issuedStartDay: row[IndexSchema.column(.issuedStartDay)],
                        printStartDay: row[IndexSchema.column(.printStartDay)],
                        onlineStartDay: row[IndexSchema.column(.onlineStartDay)],
                        postedStartDay: row[IndexSchema.column(.postedStartDay)],
                        acceptedStartDay: row[IndexSchema.column(.acceptedStartDay)],
                        createdMillis: row[IndexSchema.column(.createdMillis)],
                        depositedMillis: row[IndexSchema.column(.depositedMillis)],
                        indexedMillis: row[IndexSchema.column(.indexedMillis)])
                    let id: Int64 = row["id"]
                    byID[id] = scalars.doi
                    facts[scalars.doi] = IndexedWorkFacts(rowID: id, scalars: scalars, terms: [])
                }
                guard !byID.isEmpty else { continue }
                let ids = Array(byID.keys)
                let idMarks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
                let terms = try Row.fetchCursor(db, sql: """
                    SELECT work_id, field, value, grp, num FROM \(IndexSchema.workTerms)
                    WHERE work_id IN (\(idMarks)) ORDER BY rowid
                    """, arguments: StatementArguments(ids))
                while let row = try terms.next() {
                    guard let doi = byID[row[0]] else { continue }
                    facts[doi]?.terms.append(TermFact(field: row[1], value: row[2], group: row[3], number: row[4]))
                }
            }
            return facts
        }
    }
}
