import WorkModel

/// What can be computed for a record outside the write transaction, on another core, while the
/// writer applies the records before it.
struct PreparedWork: Sendable {
    /// The normalized DOI; nil when the record's DOI is not a DOI.
    var doi: String?
    /// Terms and search texts of a full record (a partial deposit's depend on the stored work).
    var terms: [WorkTerm]?
    var searchText: WorkSearchText?
    /// The work rendered under a guess of what the index adds; see `Speculation`.
    var speculation: Speculation?

    /// The guess: `created` from the last committed state, `updated-by` from the record's own
    /// claims only (no pending Crossmark edges). The writer reuses the rendering only when the real
    /// values are equal, so a wrong guess costs a re-render, never a wrong record.
    struct Speculation: Sendable {
        var createdMs: Int64
        var updatedBy: [Update]?
        var rendered: RenderedWork
    }

    static func prepare(_ incoming: IncomingWork, storedCreatedMs: [String: Int64], indexed: DateObject) -> PreparedWork {
        guard let doi = Identifiers.doi(incoming.work.DOI) else { return PreparedWork() }
        guard incoming.partialFields == nil else { return PreparedWork(doi: doi) }
        var work = incoming.work
        if work.DOI != doi {
            work.DOI = doi
            work.URL = "https://doi.org/" + doi
        }
        let createdMs = work.created?.timestamp ?? storedCreatedMs[doi] ?? indexed.timestamp
        work.created = DateObject(epochMillis: createdMs)
        work.updatedBy = CrossmarkLink.updatedBy(edges: [], claims: CrossmarkLink.claims(target: doi, updatedBy: work.updatedBy))
        work.indexed = indexed
        return PreparedWork(
            doi: doi, terms: WorkTerms.extract(work), searchText: WorkSearchText.make(work),
            speculation: Speculation(createdMs: createdMs, updatedBy: work.updatedBy, rendered: RenderedWork(work)))
    }

    private init(doi: String? = nil, terms: [WorkTerm]? = nil, searchText: WorkSearchText? = nil, speculation: Speculation? = nil) {
        self.doi = doi; self.terms = terms; self.searchText = searchText; self.speculation = speculation
    }
}
