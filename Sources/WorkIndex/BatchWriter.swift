import Foundation
import GRDB
import WorkModel

/// Applies one `IngestBatch` inside the write transaction GRDB opened for it (DESIGN.md
/// "Versions and ordering", "Delivery", "Crossmark"): the version guard, partial merges, `created`
/// kept, `indexed` bumped on change, Crossmark edges, one outbox row per change, dead letters,
/// counters and freshness. Nothing here commits: a thrown error rolls the whole batch back.
struct BatchWriter {
    private let db: Database
    private let sql: WriteStatements
    private let nowMs: Int64
    private let indexed: DateObject
    private let reindex: Bool
    private var outcome = BatchOutcome()
    private var counters: [String: Int64] = [:]
    private var freshnessSamples = 0
    private let decoder = JSONDecoder()
    private var deposits: DepositLedger
    /// Full-text index changes, made at the end of the batch (`writeFullText`).
    private var fullTextWrites: [FullTextWrite] = []
    /// Term rows not yet inserted (`writeTerms`).
    private var pendingTerms: [(workID: Int64, term: WorkTerm)] = []

    /// A row's texts taken out of (`removing`, the texts it was indexed with) and put into FTS5.
    private struct FullTextWrite {
        var rowid: Int64
        var removing: [String]?
        var adding: [String]
    }

    /// The stored row a new record is compared with.
    private struct StoredRow {
        var id: Int64
        var json: [UInt8]
        var version: Int64
        var contentHash: String
        var createdMs: Int64?
        var changeCount: Int64
        /// The `deposited-at` of the message that wrote the row, when it had one.
        var depositedAtMs: Int64?
    }

    init(db: Database, nowMs: Int64, reindex: Bool, depositRecords: [SourceCoordinates: Int]) throws {
        self.db = db
        self.sql = try WriteStatements(db)
        self.nowMs = nowMs
        self.indexed = DateObject(epochMillis: nowMs)
        self.reindex = reindex
        self.deposits = try DepositLedger(db: db, nowMs: nowMs, expected: depositRecords)
    }

    /// `prepared` yields one `PreparedWork` per record of `batch.works`, in order. Once per writer:
    /// the ledger counts the batch the writer was made for.
    mutating func apply(_ batch: IngestBatch, prepared: PreparationPipeline) throws -> BatchOutcome {
        for deadLetter in batch.deadLetters { try record(deadLetter) }
        for incoming in batch.works { try apply(incoming, prepared.next()) }
        try writeTerms()
        try writeFullText()
        outcome.completedDeposits = try deposits.finish()
        add(Counter.consumed, batch.works.count + batch.deadLetters.count)
        add(Counter.created, outcome.created)
        add(Counter.updated, outcome.updated)
        add(Counter.updatedBy, outcome.updatedBy)
        add(Counter.stale, outcome.stale)
        add(Counter.duplicates, outcome.duplicates)
        for gap in batch.deletedBeforeRead { try recordDeletedUnread(gap) }
        for (name, delta) in counters.sorted(by: { $0.key < $1.key }) where delta != 0 {
            sql.addToCounter.bind(1, name)
            sql.addToCounter.bind(2, delta)
            try sql.addToCounter.execute()
        }
        if freshnessSamples > 0 { try sql.trimFreshness.execute() }
        return outcome
    }

    // MARK: - One record

    private mutating func apply(_ incoming: IncomingWork, _ prepared: PreparedWork) throws {
        guard let doi = prepared.doi else {
            try refuse(incoming, doi: nil, code: "invalid-doi",
                       message: "the record's DOI \"\(incoming.work.DOI)\" is not a DOI (10.<registrant>/<suffix>): fix the deposit and send it again")
            return
        }
        let stored = try storedRow(doi)
        if let stored, incoming.version < stored.version {
            outcome.stale += 1
            try count(.stale, incoming)
            return
        }

        var work: Work
        if let fields = incoming.partialFields {
            guard let stored else {
                try refuse(incoming, doi: doi, code: "partial-without-base",
                           message: "a partial deposit (\(fields.sorted().joined(separator: ", "))) for \(doi), which is not indexed yet: replay it after the full record")
                return
            }
            work = try merged(partial: incoming.work, fields: fields, into: stored, doi: doi)
        } else {
            work = incoming.work
        }
        if work.DOI != doi {
            work.DOI = doi
            work.URL = "https://doi.org/" + doi
        }
        // A registry `created` wins; otherwise the first time the index saw the DOI.
        work.created = DateObject(epochMillis: work.created?.timestamp ?? stored?.createdMs ?? nowMs)

        // Crossmark, target side: edges stored before this work arrived apply now.
        let links = try links(toTarget: doi)
        let depositOwnsClaims = incoming.partialFields.map { $0.contains("updated-by") } ?? true
        let claims = depositOwnsClaims ? CrossmarkLink.claims(target: doi, updatedBy: work.updatedBy) : links.claims
        work.updatedBy = CrossmarkLink.updatedBy(edges: links.edges, claims: claims)
        work.indexed = indexed

        let rendered: RenderedWork
        if let guess = prepared.speculation, guess.createdMs == work.created?.timestamp, guess.updatedBy == work.updatedBy {
            rendered = guess.rendered
        } else {
            rendered = RenderedWork(work)
        }
        if let stored, incoming.version == stored.version, rendered.contentHash == stored.contentHash, !reindex {
            outcome.duplicates += 1
            try count(.duplicate, incoming)
            return
        }
        // Equal versions, different content: the later submission wins, whatever order the two
        // arrive in (a doi_batch is keyed by its deposit id, a single record by its DOI, so two
        // deposits of one DOI can travel in different partitions).
        if let stored, incoming.version == stored.version, let submitted = incoming.depositedAtMs,
           let storedSubmitted = stored.depositedAtMs, submitted < storedSubmitted {
            outcome.stale += 1
            try count(.stale, incoming)
            return
        }

        // Terms and texts do not depend on what the index adds (created, indexed, updated-by).
        let terms = prepared.terms ?? WorkTerms.extract(work)
        let text = prepared.searchText ?? WorkSearchText.make(work)
        let event: ChangeEvent
        if let stored {
            let changeCount = stored.changeCount + 1
            try write(rendered, doi: doi, version: incoming.version,
                      columns: WorkColumns(work, depositedAtMs: incoming.depositedAtMs, changeCount: changeCount),
                      updating: stored.id)
            try replaceTerms(workID: stored.id, with: terms)
            try replaceSearchText(workID: stored.id, with: text)
            let changed = JSONObjectMembers(stored.json).map { JSONObjectMembers.changedKeys(from: $0, to: rendered.members) }
                ?? rendered.members.keys
            // The first change at a version is `<doi>@<version>`; another one at the same version
            // (same-version content change, reindex) needs its own id.
            let id = incoming.version != stored.version ? "\(doi)@\(incoming.version)" : "\(doi)@\(incoming.version)#updated.\(changeCount)"
            event = makeEvent(id: id, work: work, kind: .updated, changed: changed, version: incoming.version, source: incoming.source)
            outcome.updated += 1
        } else {
            let id = try write(rendered, doi: doi, version: incoming.version,
                               columns: WorkColumns(work, depositedAtMs: incoming.depositedAtMs, changeCount: 1),
                               updating: nil)
            insertTerms(workID: id, terms)
            try insertSearchText(workID: id, text)
            event = makeEvent(id: "\(doi)@\(incoming.version)", work: work, kind: .created, changed: rendered.members.keys,
                              version: incoming.version, source: incoming.source)
            outcome.created += 1
            add(Counter.works, 1)
        }
        if depositOwnsClaims, Set(claims) != Set(links.claims) { try replaceClaims(target: doi, with: claims) }
        try emit(event)
        try count(.indexed, incoming)
        // A rebuild (reindex) indexes old deposits again: its delay says nothing about freshness.
        if let depositedAtMs = incoming.depositedAtMs, !reindex {
            sql.insertFreshness.bind(1, nowMs - depositedAtMs)
            sql.insertFreshness.bind(2, nowMs)
            try sql.insertFreshness.execute()
            freshnessSamples += 1
        }

        // Crossmark, notice side: only when this work's update-to may have changed.
        let updateToMayHaveChanged = stored == nil
            ? !(work.updateTo ?? []).isEmpty
            : reindex || event.changedFields.contains("update-to")
        if updateToMayHaveChanged { try syncEdges(notice: doi, updateTo: work.updateTo, source: incoming.source) }
    }

    /// A partial deposit applied to the stored work: its fields (and its `deposited`) replace the
    /// stored ones; everything else stays.
    private func merged(partial: Work, fields: Set<String>, into stored: StoredRow, doi: String) throws -> Work {
        guard let base = JSONObjectMembers(stored.json) else {
            throw WorkIndexError.storedJSONUnreadable(doi: doi, reason: "not a JSON object")
        }
        // The writer always renders an object, so the scan cannot fail.
        let replacement = JSONObjectMembers(partial.jsonBytes)!
        var keys = fields
        if partial.deposited != nil { keys.insert("deposited") }
        // The index owns these: a partial deposit cannot set them.
        for owned in ["DOI", "created", "indexed"] { keys.remove(owned) }
        return try decodeWork(JSONObjectMembers.merged(base, replacing: keys, from: replacement), doi: doi)
    }

    private func decodeWork(_ json: [UInt8], doi: String) throws -> Work {
        do {
            return try decoder.decode(Work.self, from: Data(json))
        } catch {
            throw WorkIndexError.storedJSONUnreadable(doi: doi, reason: String(describing: error))
        }
    }

    // MARK: - Crossmark

    /// Replaces the edges a notice asserts; every target whose edges changed and that is indexed
    /// gets its `updated-by` re-rendered (pending targets pick the edges up when they arrive).
    private mutating func syncEdges(notice: String, updateTo: [Update]?, source: SourceCoordinates) throws {
        let wanted = CrossmarkLink.edges(notice: notice, updateTo: updateTo)
        var current: [CrossmarkLink] = []
        sql.selectEdgesOfNotice.bind(1, notice)
        try sql.selectEdgesOfNotice.forEachRow { row in
            current.append(CrossmarkLink(notice: notice, target: row.string(0), type: row.string(1), label: row.string(2),
                                         updatedMs: row.optionalInt64(3), source: row.string(4)))
        }
        let (wantedSet, currentSet) = (Set(wanted), Set(current))
        guard wantedSet != currentSet else { return }

        sql.deleteEdgesOfNotice.bind(1, notice)
        try sql.deleteEdgesOfNotice.execute()
        for edge in wanted { try insert(edge, with: sql.insertEdge, first: edge.notice, second: edge.target) }

        let affected = Set(wantedSet.symmetricDifference(currentSet).map(\.target))
        for target in affected.sorted() { try refreshUpdatedBy(target: target, source: source) }
    }

    /// Re-renders an indexed target's `updated-by` from the edges and its own claims.
    private mutating func refreshUpdatedBy(target: String, source: SourceCoordinates) throws {
        guard let stored = try storedRow(target) else { return }
        var work = try decodeWork(stored.json, doi: target)
        let links = try links(toTarget: target)
        let updatedBy = CrossmarkLink.updatedBy(edges: links.edges, claims: links.claims)
        guard updatedBy != work.updatedBy else { return }
        work.updatedBy = updatedBy
        work.indexed = indexed

        let rendered = RenderedWork(work)
        let changeCount = stored.changeCount + 1
        let update = sql.updateWorkJSON
        update.bind(1, stored.id)
        update.bind(2, blob: rendered.json)
        update.bind(3, rendered.contentHash)
        update.bind(4, nowMs)
        update.bind(5, changeCount)
        try update.execute()

        let changed = JSONObjectMembers(stored.json).map { JSONObjectMembers.changedKeys(from: $0, to: rendered.members) }
            ?? rendered.members.keys
        try emit(makeEvent(id: "\(target)@\(stored.version)#updated-by.\(changeCount)", work: work, kind: .updatedBy,
                           changed: changed, version: stored.version, source: source))
        outcome.updatedBy += 1
    }

    private func links(toTarget target: String) throws -> (edges: [CrossmarkLink], claims: [CrossmarkLink]) {
        var edges: [CrossmarkLink] = [], claims: [CrossmarkLink] = []
        sql.selectLinksToTarget.bind(1, target)
        try sql.selectLinksToTarget.forEachRow { row in
            let link = CrossmarkLink(notice: row.string(0), target: target, type: row.string(1), label: row.string(2),
                                     updatedMs: row.optionalInt64(3), source: row.string(4))
            if row.int64(5) == 0 { edges.append(link) } else { claims.append(link) }
        }
        return (edges, claims)
    }

    private func replaceClaims(target: String, with claims: [CrossmarkLink]) throws {
        sql.deleteClaimsOfTarget.bind(1, target)
        try sql.deleteClaimsOfTarget.execute()
        for claim in claims { try insert(claim, with: sql.insertClaim, first: claim.target, second: claim.notice) }
    }

    private func insert(_ link: CrossmarkLink, with statement: SQLiteStatement, first: String, second: String) throws {
        statement.bind(1, first)
        statement.bind(2, second)
        statement.bind(3, link.type)
        statement.bind(4, link.label)
        statement.bind(5, link.updatedMs)
        statement.bind(6, link.source)
        try statement.execute()
    }

    // MARK: - Rows

    private func storedRow(_ doi: String) throws -> StoredRow? {
        sql.selectWork.bind(1, doi)
        return try sql.selectWork.firstRow { row in
            StoredRow(id: row.int64(0), json: row.bytes(1), version: row.int64(2), contentHash: row.string(3),
                      createdMs: row.optionalInt64(4), changeCount: row.int64(5), depositedAtMs: row.optionalInt64(6))
        }
    }

    /// Inserts (`updating` nil, returns the new id) or rewrites a works row.
    @discardableResult
    private func write(_ rendered: RenderedWork, doi: String, version: Int64, columns: WorkColumns, updating id: Int64?) throws -> Int64 {
        let statement = id == nil ? sql.insertWork : sql.updateWork
        if let id { statement.bind(1, id) } else { statement.bind(1, doi) }
        statement.bind(2, blob: rendered.json)
        statement.bind(3, version)
        statement.bind(4, rendered.contentHash)
        columns.bind(to: statement)
        try statement.execute()
        return id ?? db.lastInsertedRowID
    }

    /// Queued, to go in with those of the following works (`writeTerms`).
    private mutating func insertTerms(workID: Int64, _ terms: [WorkTerm]) {
        pendingTerms.reserveCapacity(pendingTerms.count + terms.count)
        for term in terms { pendingTerms.append((workID, term)) }
    }

    /// The queued term rows, in the order queued (a work's terms read back in extraction order),
    /// several rows per INSERT: half the cost of a row was the statement round trip, and works
    /// have ~5 terms each, so rows are grouped across works.
    private mutating func writeTerms() throws {
        let rowsPerInsert = WriteStatements.termRowsPerInsert
        var start = 0
        while start < pendingTerms.count {
            let rows = pendingTerms.count - start >= rowsPerInsert ? rowsPerInsert : 1
            let insert = rows == 1 ? sql.insertTerm : sql.insertTerms
            for (row, (workID, term)) in pendingTerms[start..<(start + rows)].enumerated() {
                let first = Int32(row * 5)
                insert.bind(first + 1, workID)
                insert.bind(first + 2, term.field)
                insert.bind(first + 3, term.value)
                insert.bind(first + 4, term.grp)
                insert.bind(first + 5, term.num)
            }
            try insert.execute()
            start += rows
        }
        pendingTerms.removeAll(keepingCapacity: true)
    }

    /// Rewrites the terms only when they differ (or in reindex mode): most re-deposits and every
    /// `updated-by` change leave them alone, and reading ~40 rows is cheaper than rewriting them.
    /// Stored terms come back in insertion order, which is extraction order.
    private mutating func replaceTerms(workID: Int64, with terms: [WorkTerm]) throws {
        // The stored rows must be all there: this work's may still be queued (its DOI came twice).
        try writeTerms()
        if !reindex {
            var index = 0
            var same = true
            sql.selectTerms.bind(1, workID)
            try sql.selectTerms.forEachRow { row in
                guard same, index < terms.count else { same = false; return }
                let term = terms[index]
                same = row.int64(2) == Int64(term.grp) && row.optionalInt64(3) == term.num
                    && row.text(1, equals: term.value) && row.text(0, equals: term.field)
                index += 1
            }
            if same, index == terms.count { return }
        }
        sql.deleteTerms.bind(1, workID)
        try sql.deleteTerms.execute()
        insertTerms(workID: workID, terms)
    }

    private mutating func insertSearchText(workID: Int64, _ text: WorkSearchText, replacing old: [String]? = nil) throws {
        let values = text.values
        try SearchTextRebuild.insert(values, rowid: workID, with: [sql.upsertSearchText])
        fullTextWrites.append(FullTextWrite(rowid: workID, removing: old, adding: values))
    }

    /// FTS5 removes a row's tokens only given the texts it indexed, which `work_search_text` keeps.
    private mutating func replaceSearchText(workID: Int64, with text: WorkSearchText) throws {
        var old: [String]?
        sql.selectSearchText.bind(1, workID)
        try sql.selectSearchText.firstRow { row in
            old = (0..<Int32(WorkSearchText.columns.count)).map { row.string($0) }
        }
        if let old, old == text.values, !reindex { return }
        try insertSearchText(workID: workID, text, replacing: old)
    }

    /// The batch's full-text changes, in the order they were made, one after the other.
    ///
    /// FTS5 keeps new tokens in memory and writes them out as a new segment whenever another
    /// statement of the transaction opens a savepoint (multi-row inserts, upserts), which every
    /// record's term inserts do: written with each record, every work became a segment of its
    /// own, merged again and again (~4% of the worker's CPU in that flush alone). Written
    /// together, a batch's tokens go out in a few segments at the commit.
    private mutating func writeFullText() throws {
        for write in fullTextWrites {
            if let removing = write.removing {
                sql.deleteFTS.bind(1, write.rowid)
                for (offset, value) in removing.enumerated() { sql.deleteFTS.bind(Int32(offset + 2), value) }
                try sql.deleteFTS.execute()
            }
            try SearchTextRebuild.insert(write.adding, rowid: write.rowid, with: [sql.insertFTS])
        }
        fullTextWrites.removeAll()
    }

    // MARK: - Events, dead letters, counters

    private func makeEvent(id: String, work: Work, kind: ChangeEvent.Kind, changed: [String], version: Int64,
                           source: SourceCoordinates) -> ChangeEvent {
        ChangeEvent(id: id, DOI: work.DOI, kind: kind, changedFields: changed, member: work.member, type: work.type,
                    deposited: work.deposited, indexed: indexed, version: version, source: source)
    }

    private mutating func emit(_ event: ChangeEvent) throws {
        let insert = sql.insertOutbox
        insert.bind(1, event.id)
        insert.bind(2, event.DOI)
        insert.bind(3, blob: event.jsonBytes)
        insert.bind(4, nowMs)
        try insert.execute()
        outcome.events.append(event)
        add(Counter.changeEvents, 1)
    }

    private mutating func refuse(_ incoming: IncomingWork, doi: String?, code: String, message: String) throws {
        let deadLetter = DeadLetterRecord(source: incoming.source, recordIndex: incoming.recordIndex, doi: doi,
                                          code: code, message: message)
        outcome.refused.append(deadLetter)
        try record(deadLetter)
    }

    /// Ledger row; a redelivered dead letter (same topic/partition/offset/record) is not counted again.
    private mutating func record(_ deadLetter: DeadLetterRecord) throws {
        let insert = sql.insertDeadLetter
        insert.bind(1, deadLetter.source.topic)
        insert.bind(2, Int64(deadLetter.source.partition))
        insert.bind(3, deadLetter.source.offset)
        insert.bind(4, deadLetter.recordIndex)
        insert.bind(5, deadLetter.doi)
        insert.bind(6, deadLetter.code)
        insert.bind(7, deadLetter.message)
        insert.bind(8, nowMs)
        try insert.execute()
        if insert.changes > 0 {
            outcome.deadLetters += 1
            add(Counter.deadLetters, 1)
        }
        try deposits.count(.deadLettered, source: deadLetter.source, recordIndex: deadLetter.recordIndex, member: nil)
    }

    /// Keeps the range once and counts the offsets no range recorded before covers.
    private mutating func recordDeletedUnread(_ gap: DeletedUnread) throws {
        guard !gap.offsets.isEmpty else { return }
        let known = try Row.fetchAll(db, sql: """
            SELECT first_offset, end_offset FROM deleted_unread
            WHERE topic = ? AND "partition" = ? AND first_offset < ? AND end_offset > ?
            """, arguments: [gap.topic, gap.partition, gap.offsets.upperBound, gap.offsets.lowerBound])
            .map { (row: Row) -> Range<Int64> in (row[0] as Int64)..<(row[1] as Int64) }
        add(Counter.deletedBeforeRead, Int(DeletedUnread.uncovered(gap.offsets, by: known)))
        try db.execute(sql: """
            INSERT OR IGNORE INTO deleted_unread(topic, "partition", first_offset, end_offset, found_ms) VALUES (?, ?, ?, ?, ?)
            """, arguments: [gap.topic, gap.partition, gap.offsets.lowerBound, gap.offsets.upperBound, nowMs])
    }

    /// The record's outcome, for its deposit's report.
    private mutating func count(_ outcome: DepositReport.Outcome, _ incoming: IncomingWork) throws {
        try deposits.count(outcome, source: incoming.source, recordIndex: incoming.recordIndex, member: incoming.work.member)
    }

    private mutating func add(_ counter: String, _ delta: Int) {
        counters[counter, default: 0] += Int64(delta)
    }
}
