import WorkIndexQuery

/// Every live subscription, filed under the selective keys of its filter (see `SelectiveKey`),
/// so that a changed work is checked only against the subscriptions that name one of its keys,
/// plus the few that name none (the scan list). Cost per change grows with the candidates, not
/// with the number of subscriptions.
public struct SubscriptionIndex: Sendable {
    private var subscriptions: [String: CompiledSubscription] = [:]
    private var byKey: [SelectiveKey: [CompiledSubscription]] = [:]
    private var keysByID: [String: [SelectiveKey]] = [:]
    private var scan: [CompiledSubscription] = []
    /// Subscriptions filed under several keys (an OR of values): a work with two of those values
    /// must still meet them once.
    private var filedTwice: Set<ObjectIdentifier> = []

    public init() {}

    public var count: Int { subscriptions.count }
    /// Subscriptions checked against every change (no selective filter).
    public var scanCount: Int { scan.count }

    public func subscription(id: String) -> CompiledSubscription? { subscriptions[id] }

    /// Adds or replaces a subscription (a new value for an alert id replaces the old one).
    public mutating func upsert(_ subscription: CompiledSubscription) {
        remove(id: subscription.id)
        subscriptions[subscription.id] = subscription
        guard let keys = SelectiveKey.keys(for: subscription.predicate) else {
            scan.append(subscription)
            return
        }
        keysByID[subscription.id] = keys
        for key in keys { byKey[key, default: []].append(subscription) }
        if keys.count > 1 { filedTwice.insert(ObjectIdentifier(subscription)) }
    }

    public mutating func remove(id: String) {
        guard let removed = subscriptions.removeValue(forKey: id) else { return }
        scan.removeAll { $0 === removed }
        filedTwice.remove(ObjectIdentifier(removed))
        for key in keysByID.removeValue(forKey: id) ?? [] {
            byKey[key]?.removeAll { $0 === removed }
            if byKey[key]?.isEmpty == true { byKey[key] = nil }
        }
    }

    /// The subscriptions that could match this work: those filed under one of its keys, and the
    /// scan list, each once. Each still has to be checked with its full predicate.
    public func candidates(for facts: IndexedWorkFacts) -> [CompiledSubscription] {
        var candidates = scan
        var met: Set<ObjectIdentifier> = []
        for key in SelectiveKey.keys(of: facts) {
            for subscription in byKey[key] ?? [] {
                if !filedTwice.isEmpty, filedTwice.contains(ObjectIdentifier(subscription)),
                   !met.insert(ObjectIdentifier(subscription)).inserted { continue }
                candidates.append(subscription)
            }
        }
        return candidates
    }
}
