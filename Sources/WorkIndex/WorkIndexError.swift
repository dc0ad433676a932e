/// What can go wrong in the index beyond a single record (records the index refuses become dead
/// letters instead). SQLite's own errors (busy, I/O, constraint) are thrown as GRDB
/// `DatabaseError`s: busy and I/O errors are transient and worth a retry.
public enum WorkIndexError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case schemaTooNew(path: String, found: Int, supported: Int)
    case storedJSONUnreadable(doi: String, reason: String)
    case swapFailed(newPath: String, livePath: String, reason: String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open the index at \(path): \(reason). Check that the directory exists and is writable, and that no other process holds an exclusive lock."
        case let .schemaTooNew(path, found, supported):
            return "the index at \(path) has schema version \(found) but this build understands up to \(supported): run a newer deposit-indexer, or replay into a new index."
        case let .storedJSONUnreadable(doi, reason):
            return "the stored JSON of \(doi) cannot be decoded (\(reason)): the WorkModel changed incompatibly; replay the index in reindex mode."
        case let .swapFailed(newPath, livePath, reason):
            return "cannot swap \(newPath) in as \(livePath): \(reason). The live index is unchanged."
        case let .invalidArgument(message):
            return message
        }
    }
}
