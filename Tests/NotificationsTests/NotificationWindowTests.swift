import Foundation
import Notifications
import Testing

@Suite struct NotificationWindowTests {
    @Test func windowsAlignToTheIndexedTime() {
        let minute: Int64 = 60_000
        let indexed: Int64 = 1_767_225_600_000 + 95_000 // 2026-01-01T00:01:35Z
        let window = NotificationWindow(containing: indexed, length: minute)
        #expect(window.start == 1_767_225_600_000 + 60_000)
        #expect(window.end == window.start + minute)
        #expect(NotificationWindow(containing: window.start, length: minute) == window)
        #expect(NotificationWindow(containing: window.end, length: minute).start == window.end)
        #expect(NotificationWindow(containing: window.end - 1, length: minute) == window)
    }

    @Test func notificationIDsAreTheAlertAndTheWindowStart() {
        let window = NotificationWindow(containing: 1_767_225_600_000 + 95_250, length: 500)
        #expect(NotificationWindow.iso(window.start) == "2026-01-01T00:01:35Z")
        #expect(NotificationWindow.iso(window.end) == "2026-01-01T00:01:35.500Z")
        #expect(window.notificationID(alertID: "a1", sequence: 1) == "a1@2026-01-01T00:01:35Z")
        #expect(window.notificationID(alertID: "a1", sequence: 2) == "a1@2026-01-01T00:01:35Z#2")
    }

    /// Written directly, a notification is the bytes the topic's JSON encoder writes: keys
    /// sorted, slashes as they are.
    @Test func aNotificationIsTheJSONOfItsValue() throws {
        let window = NotificationWindow(containing: 1_767_225_600_000 + 95_250, length: 500)
        let notification = AlertNotification(id: window.notificationID(alertID: "a1", sequence: 2), alertID: "a1",
                                              DOIs: ["10.1/a", "10.1016/j.x\"y"], kinds: [.updatedBy, .created], window: window)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(notification.jsonBytes == Array(try encoder.encode(notification)))
        #expect(try AlertNotification.decode(notification.jsonBytes) == notification)
    }
}
