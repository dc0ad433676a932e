import WorkIndexQuery

/// Every live subscription, filed under the selective keys of its filter (see `SelectiveKey`),
/// so that a changed work is checked only against the subscriptions that name one of its keys,
/// plus the few that name none (the scan list). Cost per change grows with the candidates, not
/// with the number of subscriptions.
public struct SubscriptionIndex: Sendable {
    private var subscriptions: [String: CompiledSubscription] = [:]
    private var byKey: [SelectiveKey: Set<String>] = [:]
    private var keysByID: [String: [SelectiveKey]] = [:]
    private var scan: Set<String> = []

    public init() {}

    public var count: Int { subscriptions.count }
    /// Subscriptions checked against every change (no selective filter).
    public var scanCount: Int { scan.count }

    public func subscription(id: String) -> CompiledSubscription? { subscriptions[id] }

    /// Adds or replaces a subscription (a new value for an alert id replaces the old one).
    public mutating func upsert(_ subscription: CompiledSubscription) {
        remove(id: subscription.id)
        subscriptions[subscription.id] = subscription
        if let keys = SelectiveKey.keys(for: subscription.predicate) {
            keysByID[subscription.id] = keys
            for key in keys { byKey[key, default: []].insert(subscription.id) }
        } else {
            scan.insert(subscription.id)
        }
    }

    public mutating func remove(id: String) {
        guard subscriptions.removeValue(forKey: id) != nil else { return }
        scan.remove(id)
        for key in keysByID.removeValue(forKey: id) ?? [] {
            byKey[key]?.remove(id)
            if byKey[key]?.isEmpty == true { byKey[key] = nil }
        }
    }

    /// The subscriptions that could match this work: those filed under one of its keys, and the
    /// scan list. Each still has to be checked with its full predicate.
    public func candidates(for facts: IndexedWorkFacts) -> [CompiledSubscription] {
        var ids = scan
        for key in SelectiveKey.keys(of: facts) {
            if let filed = byKey[key] { ids.formUnion(filed) }
        }
        return ids.compactMap { subscriptions[$0] }
    }
}
