import Testing
@testable import Kafka

/// How a worker's log names its partitions: runs of partitions per topic, topics in order.
@Suite struct AssignmentDescriptionTests {
    @Test func partitionsAreWrittenAsRunsPerTopic() {
        let partitions = [("deposits", 5), ("deposits", 0), ("work-changes", 1), ("deposits", 1), ("deposits", 2), ("deposits", 3)]
            .map { TopicPartition(topic: $0.0, partition: Int32($0.1)) }
        #expect(ConsumerClient.describe(partitions) == "deposits[0-3,5] work-changes[1]")
        #expect(ConsumerClient.describe([TopicPartition(topic: "deposits", partition: 7)]) == "deposits[7]")
    }
}
