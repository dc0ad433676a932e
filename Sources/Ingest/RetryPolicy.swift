import Logging

/// Exponential back-off for transient faults (broker down, index busy): they are retried until
/// they pass or the worker is stopped — never dead-lettered, since the record itself is fine.
public struct RetryPolicy: Sendable {
    public var initialDelay: Duration = .milliseconds(50)
    public var maxDelay: Duration = .seconds(5)

    public init() {}

    /// Runs `body` on the caller's actor until it succeeds; only cancellation, or an error that
    /// `isFinal` says no retry can fix, ends it early.
    public func run<T>(_ what: String, logger: Logger, isolation: isolated (any Actor)? = #isolation,
                       isFinal: (any Error) -> Bool = { _ in false }, _ body: () async throws -> T) async throws -> T {
        var delay = initialDelay
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch is CancellationError {
                throw CancellationError()
            } catch where isFinal(error) {
                throw error
            } catch {
                logger.warning("\(what) failed (attempt \(attempt)), retrying in \(delay): \(error)")
                try await Task.sleep(for: delay)
                delay = min(delay * 2, maxDelay)
                attempt += 1
            }
        }
    }
}
