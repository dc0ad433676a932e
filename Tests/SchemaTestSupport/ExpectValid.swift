import Foundation
import Testing

/// Records a test issue for every way `values` (JSON documents of one topic) break `schema`: our
/// checker always, python3-jsonschema too where installed (it also checks formats).
public func expectValid(_ values: [[UInt8]], schema: URL, scratch: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let checker = try SchemaChecker(contentsOf: schema)
    let problems = try values.flatMap { checker.violations(of: try JSONSerialization.jsonObject(with: Data($0))) }
    #expect(problems.isEmpty, "\(schema.lastPathComponent) violations, e.g. \(problems.prefix(5))", sourceLocation: sourceLocation)
    if let python = try PythonJSONSchema.violations(schema: schema, values: values, scratch: scratch) {
        #expect(python.isEmpty, "python3 jsonschema violations, e.g. \(python.prefix(5))", sourceLocation: sourceLocation)
    }
}
