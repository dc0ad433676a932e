import WorkIndex

/// One changed work that satisfies one subscription: recorded in the matcher's state until its
/// window is sent.
public struct AlertMatch: Hashable, Sendable {
    public var alertID: String
    public var window: NotificationWindow
    public var doi: String
    public var kind: ChangeEvent.Kind

    public init(alertID: String, window: NotificationWindow, doi: String, kind: ChangeEvent.Kind) {
        self.alertID = alertID
        self.window = window
        self.doi = doi
        self.kind = kind
    }
}
