import ArgumentParser
import Foundation
import Kafka

struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Manage the Kafka topics DepositIndexer uses.",
        subcommands: [Apply.self, List.self]
    )

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the topics of Topics/ on a Kafka cluster (existing topics are left as they are).",
            discussion: "The local broker creates them itself when it starts; this is for a real cluster.\n\nExample:\n  deposit-indexer topics apply --brokers kafka-1:9092 --kafka security.protocol=SSL")
        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var topicOptions: TopicsOptions

        func run() throws {
            let results = try TopicCatalog.apply(try topicOptions.load(), configuration: try kafka.configuration())
            for result in results { print("\(result.name): \(result.outcome)") }
            if results.contains(where: { !$0.outcome.isSuccess }) { throw ExitCode(1) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the topic specs of Topics/.")
        @OptionGroup var topicOptions: TopicsOptions

        func run() throws {
            for spec in try topicOptions.load() {
                print("\(spec.name)\t\(spec.partitions) partitions\t\(spec.cleanupPolicy.rawValue)")
            }
        }
    }
}
