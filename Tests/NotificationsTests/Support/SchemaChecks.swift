import Foundation
import JSONSchemaTestSupport
import Testing

/// Checks notification values against Topics/schemas/alert-notification.schema.json.
func checkNotificationSchema(_ values: [[UInt8]], scratch: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try checkSchema(AlertPaths.notificationSchema, values, scratch: scratch, sourceLocation: sourceLocation)
}

/// Our checker always; python3-jsonschema too where installed (it also checks what ours does not:
/// `propertyNames`, `additionalProperties` schemas, formats).
func checkSchema(_ schema: URL, _ values: [[UInt8]], scratch: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let checker = try SchemaChecker(contentsOf: schema)
    var problems: [String] = []
    for value in values {
        problems += checker.violations(of: try JSONSerialization.jsonObject(with: Data(value)))
    }
    #expect(problems.isEmpty, "schema violations: \(problems.prefix(5))", sourceLocation: sourceLocation)
    if let python = try PythonJSONSchema.violations(schema: schema, values: values, scratch: scratch) {
        #expect(python.isEmpty, "python3 jsonschema violations: \(python.prefix(5))", sourceLocation: sourceLocation)
    }
}
