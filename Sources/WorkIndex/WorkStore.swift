/// The seam between the pipeline/read side and the storage engine: SQLite now, a shared server
/// (PostgreSQL) later. No SQL crosses it.
///
/// Calls are synchronous and may block on I/O: call them from a thread that may block, not from a
/// cooperative-pool task that must stay responsive. Transient errors (database busy, disk full)
/// are thrown as they are so the caller can retry with back-off; they never become dead letters.
public protocol WorkStore: Sendable {
    /// Writes a whole batch in ONE transaction: version guard, merges, Crossmark edges, outbox
    /// rows, dead letters, counters, freshness. Either all of it is stored or none.
    func apply(_ batch: IngestBatch) throws -> BatchOutcome

    /// Undelivered change events, oldest first.
    func outboxBatch(limit: Int) throws -> [OutboxEntry]

    /// Forgets delivered events (and counts them as published).
    func deleteOutbox(ids: [Int64]) throws

    /// The stored work; `doi` is normalized first, so any case or resolver form finds it.
    func work(doi: String) throws -> StoredWork?

    func status() throws -> IndexStatus

    /// The newest dead letters first.
    func deadLetters(limit: Int) throws -> [StoredDeadLetter]
}
