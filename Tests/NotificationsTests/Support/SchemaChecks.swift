import Foundation
import SchemaTestSupport
import Testing

/// Checks notification values against Topics/schemas/alert-notification.schema.json.
func checkNotificationSchema(_ values: [[UInt8]], scratch: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try expectValid(values, schema: AlertPaths.notificationSchema, scratch: scratch, sourceLocation: sourceLocation)
}
