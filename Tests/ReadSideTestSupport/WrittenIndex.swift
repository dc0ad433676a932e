import Foundation
import WorkIndex
import WorkModel
import WorkQuery

/// An index file written by the REAL writer (`WorkIndex.SQLiteWorkStore`) from `Work` values, for
/// the read side's tests: one writer for production and tests, so the reader is tested against
/// exactly what the worker stores.
///
/// The writer stamps `indexed` with its batch clock (`IngestBatch.nowMs`). Works are therefore
/// written in one batch per `indexed` value of the Work, with that value as the clock: the stored
/// `indexed` is the one the Work says, and tests compute every expectation from the Work values.
public final class WrittenIndex: Sendable {
    public let path: String
    public let store: SQLiteWorkStore

    /// A new index file in a new temporary directory, holding `works`.
    public init(works: [Work]) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("readside-index-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("index.sqlite").path
        store = try SQLiteWorkStore.create(at: path)
        try write(works)
    }

    /// Writes (creates or replaces) works, oldest `indexed` first. Each work's version is its
    /// `deposited` time, so a newer deposit of a DOI replaces the stored one.
    public func write(_ works: [Work]) throws {
        var batches: [Int64: [IncomingWork]] = [:]
        for (offset, work) in works.enumerated() {
            guard let indexed = work.indexed?.timestamp else { throw WrittenIndexError.noIndexedTime(doi: work.DOI) }
            let source = SourceCoordinates(topic: "read-side-tests", partition: 0, offset: Int64(offset))
            batches[indexed, default: []].append(IncomingWork(work: work, version: work.deposited?.timestamp ?? 0, source: source))
        }
        for (nowMs, incoming) in batches.sorted(by: { $0.key < $1.key }) {
            let outcome = try store.apply(IngestBatch(works: incoming, nowMs: nowMs))
            guard outcome.refused.isEmpty, outcome.stale == 0 else {
                throw WrittenIndexError.notWritten(outcome.refused.map { "\($0.doi ?? "?"): \($0.message)" } + (outcome.stale > 0 ? ["\(outcome.stale) stale"] : []))
            }
        }
    }
}

public enum WrittenIndexError: Error, CustomStringConvertible {
    case noIndexedTime(doi: String)
    case notWritten([String])

    public var description: String {
        switch self {
        case .noIndexedTime(let doi):
            return "work \(doi) has no `indexed` time: set it, it becomes the writer's batch clock for that work"
        case .notWritten(let reasons):
            return "the writer did not store every work: \(reasons.joined(separator: "; "))"
        }
    }
}

extension WrittenIndex {
    /// A work's own term rows exactly as the writer stores them (`WorkTerms.extract`, the one term
    /// function), for in-memory filter evaluation without an index file.
    public static func storedTerms(_ work: Work) -> [TermFact] {
        WorkTerms.extract(work).map { TermFact(field: $0.field, value: $0.value, group: $0.grp, number: $0.num) }
    }
}
