/// Names of the rows of `counters`.
enum Counter {
    static let works = "works"
    static let created = "created"
    static let updated = "updated"
    static let updatedBy = "updated-by"
    static let stale = "stale"
    static let duplicates = "duplicates"
    static let deadLetters = "dead-letters"
    static let changeEvents = "change-events"
    static let published = "published"
    /// Records handed to `apply` (works and dead letters), redeliveries included.
    static let consumed = "consumed"
    /// Messages the broker deleted before the worker read them (`IngestBatch.deletedBeforeRead`).
    static let deletedBeforeRead = "deleted-before-read"
}
