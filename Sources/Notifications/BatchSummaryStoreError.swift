/// Why a summary state file cannot be used, and what to do about it.
public enum BatchSummaryStoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case missing(path: String)
    case periodLengthMismatch(path: String, stored: Int, requested: Int)
    case notAStateFile(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the summary state \(path): \(reason)"
        case .missing(let path):
            return "no summary state at \(path): run `deposit-indexer summarize --state \(path) …` first (it creates the file)"
        case .periodLengthMismatch(let path, let stored, let requested):
            return "the summary state \(path) counts periods of \(stored) hours, not \(requested): pass --period-hours \(stored), or use a new --state file for \(requested)-hour periods"
        case .notAStateFile(let path):
            return "\(path) is not a summary state file (it is an index, or has no period length recorded); pass the file `summarize --state` writes, or a new path"
        }
    }
}
