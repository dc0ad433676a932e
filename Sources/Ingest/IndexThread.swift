import Dispatch

/// Runs blocking index calls (SQLite through GRDB, which waits for the one writer) on threads of
/// their own instead of the Swift cooperative pool, which has one thread per core: a batch write
/// (~150 ms) and the outbox publisher's delete waiting behind it held both of this machine's two,
/// and the next batch's parsing, a task on the same pool, waited for them.
enum IndexThread {
    private static let queue = DispatchQueue(label: "IndexThread", attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
