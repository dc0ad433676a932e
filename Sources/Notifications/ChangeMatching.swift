import WorkIndex
import WorkIndexQuery
import WorkModel
import WorkQuery

/// What one poll of `work-changes` matched.
public struct MatchRound: Sendable {
    public var matches: [AlertMatch] = []
    /// Full predicate evaluations: grows with the candidates a work's keys select, not with the
    /// number of subscriptions.
    public var evaluations = 0
    /// Changed DOIs the index does not hold (yet): nothing to match them against.
    public var missingDOIs: [String] = []

    public init() {}
}

/// Checks changed works against the subscriptions with the read side's own code: the filter
/// predicate `/works` compiles to SQL, evaluated over the work's facts from the index, and the
/// free-text searches run as the FTS MATCH `/works` uses, on the changed rows only.
public enum ChangeMatching {
    public static func match(_ events: [ChangeEvent], facts: [String: IndexedWorkFacts], subscriptions: SubscriptionIndex,
                             index: SQLiteWorkIndexReader) async throws -> MatchRound {
        var round = MatchRound()
        // Filter matches that still need their searches checked, grouped by the searches.
        var searched: [[FieldQuery]: [(rowID: Int64, match: AlertMatch)]] = [:]
        for event in events {
            guard let work = facts[Identifiers.doi(event.DOI) ?? event.DOI] else {
                round.missingDOIs.append(event.DOI)
                continue
            }
            for candidate in subscriptions.candidates(for: work)
            where candidate.wants(event.kind, indexedMillis: event.indexed.timestamp) {
                round.evaluations += 1
                guard candidate.filterMatches(work) else { continue }
                let match = AlertMatch(alertID: candidate.id,
                                       window: NotificationWindow(containing: event.indexed.timestamp, length: candidate.windowMillis),
                                       doi: work.scalars.doi, kind: event.kind)
                if candidate.queries.isEmpty {
                    round.matches.append(match)
                } else {
                    searched[candidate.queries, default: []].append((work.rowID, match))
                }
            }
        }
        let found = try await index.rowIDs(matching: searched.mapValues { $0.map(\.rowID) })
        for (queries, pending) in searched {
            let rows = found[queries] ?? []
            round.matches += pending.filter { rows.contains($0.rowID) }.map(\.match)
        }
        return round
    }
}
