/// Why the read side could not open the index, with what to do about it.
public enum IndexOpenError: Error, CustomStringConvertible, Sendable {
    /// No file at the path yet: the worker creates it on its first write.
    case indexFileMissing(path: String)
    /// SQLite refused to open the file read-only.
    case cannotOpen(path: String, reason: String)
    /// The file is there but the tables of INDEX-SPEC are not (yet).
    case schemaMissing(path: String, missingTables: [String])
    /// Written by an older worker: its search columns are not the ones this reader queries.
    case schemaTooOld(path: String, found: Int, needed: Int)

    public var description: String {
        switch self {
        case .indexFileMissing(let path):
            return "No index at \(path). Start the worker (deposit-indexer run --index \(path)) so it creates the index, or pass the path of an existing index."
        case .cannotOpen(let path, let reason):
            return "Cannot open the index at \(path) read-only: \(reason). A read-only reader of a WAL database needs the -wal and -shm files next to it: keep the writer running, or have it enable persistent WAL (SQLITE_FCNTL_PERSIST_WAL), and check file permissions."
        case .schemaMissing(let path, let tables):
            return "The file at \(path) is not a DepositIndexer index (missing tables: \(tables.joined(separator: ", "))). Let the worker create the schema first, or point to the right file."
        case .schemaTooOld(let path, let found, let needed):
            return "The index at \(path) has schema version \(found); this reader needs \(needed). Start the worker of this build on it once (deposit-indexer run --index \(path)): it upgrades the index in place, then serve it again."
        }
    }
}
