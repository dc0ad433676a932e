/// A request the API refuses (HTTP 400), with every reason found.
public struct RequestValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var failures: [ValidationFailure]

    public init(_ failures: [ValidationFailure]) {
        self.failures = failures
    }

    public var description: String { failures.map(\.description).joined(separator: "; ") }
}
