import Foundation
import JSONSchemaTestSupport
import Ingest
import Kafka
import Testing
import WorkIndex

/// Checks every consumed change event against Topics/schemas/work-change.schema.json (our own
/// checker always; python3-jsonschema too where installed) and against its Kafka message: key is
/// the DOI, the event-id header is the id. Returns the decoded events.
func checkChangeEvents(_ messages: [KafkaMessage], scratch: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> [ConsumedEvent] {
    let checker = try SchemaChecker(contentsOf: Paths.workChangeSchema)
    var events: [ConsumedEvent] = []
    var schemaProblems: [String] = []
    for message in messages {
        let event = try ConsumedEvent(message)
        for problem in checker.violations(of: event.json) {
            schemaProblems.append("\(event.event.id): \(problem)")
        }
        #expect(message.keyString == event.event.DOI, "key of \(event.event.id)", sourceLocation: sourceLocation)
        #expect(message.header(OutboxPublisher.eventIDHeader) == event.event.id, "event-id header of \(event.event.id)",
                sourceLocation: sourceLocation)
        events.append(event)
    }
    let problemCount = schemaProblems.count
    #expect(problemCount == 0, "schema violations, e.g. \(schemaProblems.prefix(5))", sourceLocation: sourceLocation)
    if let python = try PythonJSONSchema.violations(schema: Paths.workChangeSchema, values: messages.map(\.value), scratch: scratch) {
        let pythonCount = python.count
        #expect(pythonCount == 0, "python3 jsonschema violations, e.g. \(python.prefix(5))", sourceLocation: sourceLocation)
    }
    return events
}

extension Array where Element == ConsumedEvent {
    /// Event ids seen more than once.
    var repeatedIDs: [String] {
        Dictionary(grouping: self, by: \.event.id).filter { $0.value.count > 1 }.keys.sorted()
    }
}
