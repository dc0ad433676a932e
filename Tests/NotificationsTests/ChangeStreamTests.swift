import Kafka
import Notifications
import Testing
import WorkIndex
import WorkModel

@Suite struct ChangeStreamTests {
    @Test func anEventReadsBackFromTheBytesTheOutboxPublishes() throws {
        let event = ChangeEvent(
            id: "10.5555/abc@1700000000000", DOI: "10.5555/abc", kind: .updatedBy, changedFields: ["updated-by"],
            member: nil, type: "journal-article", deposited: DateObject(epochMillis: 1_700_000_000_000),
            indexed: DateObject(epochMillis: 1_700_000_000_500), version: 1_700_000_000_000,
            source: SourceCoordinates(topic: "deposits", partition: 2, offset: 41, depositID: "batch-7"))
        let message = KafkaMessage(topic: ChangeStream.topic, partition: 1, offset: 9, key: Array(event.DOI.utf8), value: event.jsonBytes)
        #expect(try ChangeStream.event(in: message) == event)
    }

    @Test func aMalformedMessageNamesWhereItIs() {
        let message = KafkaMessage(topic: ChangeStream.topic, partition: 3, offset: 77, key: nil, value: Array("{\"DOI\":1}".utf8))
        #expect(throws: ChangeStreamError.self) { try ChangeStream.event(in: message) }
        do {
            _ = try ChangeStream.event(in: message)
        } catch {
            #expect(error.description.contains("work-changes[3]@77"))
        }
    }
}
