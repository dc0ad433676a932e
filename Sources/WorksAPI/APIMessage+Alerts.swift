import Notifications

/// The envelopes of `/alerts`: one alert (`message-type: alert`) or a subscriber's alerts.
extension APIMessage {
    static func alert(_ subscription: AlertSubscription) -> [UInt8] {
        envelope(type: "alert") { $0.raw(subscription.jsonBytes) }
    }

    static func alertList(_ subscriptions: [AlertSubscription]) -> [UInt8] {
        list(type: "alert-list", total: subscriptions.count, perPage: subscriptions.count, offset: 0) { w in
            for subscription in subscriptions { w.raw(subscription.jsonBytes) }
        }
    }

    static func failure(type: String, _ message: String) -> [UInt8] {
        envelope(status: "failed", type: type) { $0.string(message) }
    }
}
