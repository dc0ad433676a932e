import ArgumentParser
import Foundation
import Kafka
import Logging

struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run a local Kafka broker (librdkafka's mock cluster, over TCP) until SIGTERM or Ctrl-C.",
        discussion: """
        For development, tests and the demo: no Apache Kafka is needed. The broker creates the topics \
        of Topics/ and prints its bootstrap address (its port is random); --bootstrap-file also writes \
        it to a file that other commands read with --bootstrap-file.

        Limits of the mock cluster: no CreateTopics (topics are created here), only the newest ~5 MiB \
        per partition are kept, transactions are not real.

        Example:
          deposit-indexer broker --bootstrap-file demo-output/broker.txt &
          deposit-indexer publish --bootstrap-file demo-output/broker.txt ../shared/fixtures/deposits
        """
    )

    @Option(help: ArgumentHelp("Also write the bootstrap address to this file.", valueName: "path"))
    var bootstrapFile: String?

    @Option(help: "Number of brokers in the cluster.")
    var brokerCount: Int = 1

    @OptionGroup var topicOptions: TopicsOptions

    func run() async throws {
        let logger = Logger(label: "broker")
        let specs = try topicOptions.load()
        let broker = try LocalBroker(brokerCount: brokerCount, logger: logger)
        let results = try TopicCatalog.apply(specs, to: broker)
        for result in results { FileHandle.standardError.write(Data("topic \(result.name): \(result.outcome)\n".utf8)) }
        if let bootstrapFile {
            try (broker.bootstrapServers + "\n").write(toFile: bootstrapFile, atomically: true, encoding: .utf8)
        }
        StandardStream.output.write(broker.bootstrapServers + "\n")
        await ShutdownSignal.wait()
        broker.stop()
        if let bootstrapFile { try? FileManager.default.removeItem(atPath: bootstrapFile) }
    }
}
