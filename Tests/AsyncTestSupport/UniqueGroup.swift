import Foundation

/// A consumer group name unique per call, so tests (run in parallel) never share a group's offsets.
public func uniqueGroup(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8))" }
