import Foundation
import WorkIndex
import WorkModel

/// What `alert-notifications` carries (key = alert id): which DOIs matched a saved query in one
/// window and how each changed. Never the metadata itself. See
/// `Topics/schemas/alert-notification.schema.json`.
public struct AlertNotification: Sendable, Hashable, Codable {
    public struct Window: Sendable, Hashable, Codable {
        public var start: String
        public var end: String
    }

    /// Stable for a replay of the same window: see `NotificationWindow.notificationID`.
    public var id: String
    public var alertID: String
    /// Lower case, each once, sorted.
    public var DOIs: [String]
    /// Aligned with `DOIs`.
    public var kinds: [ChangeEvent.Kind]
    public var window: Window

    public static let topic = "alert-notifications"
    /// The header that repeats `id`, so a reader can deduplicate without parsing the value.
    public static let idHeader = "notification-id"
    /// Most DOIs one notification lists; a window with more matches is sent as several.
    public static let maximumDOIs = 1000

    public init(id: String, alertID: String, DOIs: [String], kinds: [ChangeEvent.Kind], window: NotificationWindow) {
        self.id = id
        self.alertID = alertID
        self.DOIs = DOIs
        self.kinds = kinds
        self.window = Window(start: NotificationWindow.iso(window.start), end: NotificationWindow.iso(window.end))
    }

    enum CodingKeys: String, CodingKey {
        case id, DOIs, kinds, window
        case alertID = "alert-id"
    }

    /// The topic value: one line of JSON, keys sorted. Written directly (the bytes `TopicJSON`
    /// would write): a window's notifications list ~13,000 DOIs in the alerts bench, and
    /// `JSONEncoder` took a third of the time from a window's end to its notifications.
    public var jsonBytes: [UInt8] { JSONWriter.render(self) }

    public static func decode(_ bytes: [UInt8]) throws -> AlertNotification {
        try TopicJSON.decode(AlertNotification.self, bytes)
    }
}

extension AlertNotification: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("DOIs", DOIs)
        w.field("alert-id", alertID)
        w.field("id", id)
        w.field("kinds", kinds.map(\.rawValue))
        w.key("window")
        w.beginObject()
        w.field("end", window.end)
        w.field("start", window.start)
        w.endObject()
        w.endObject()
    }
}
